package fr.cdapgateway.trace;

import java.time.LocalDate;

/** A trace with its place in its instance's chain: the segment (UTC day), its rank there, and its link. */
public record ChainedTrace(TraceRecord record, String instance, LocalDate segment, long rank, String link) {
}
