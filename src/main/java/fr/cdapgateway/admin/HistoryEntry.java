package fr.cdapgateway.admin;

import java.time.Instant;

/** One line of an account's history (its own or its habilitations'), as the admin API answers it. */
public record HistoryEntry(Instant horodatage, String acteur, String objetType, String objetId, String action,
                           String detail) {
}
