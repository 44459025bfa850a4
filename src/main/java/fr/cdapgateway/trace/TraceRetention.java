package fr.cdapgateway.trace;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import fr.cdapgateway.cluster.ClusterJobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Traces are kept 6 months (SPEC §9), then purged by whole daily segments with their seals: every segment left
 * is complete, so the remaining chain still verifies. On PostgreSQL a day is a partition of the trace table, dropped
 * whole (no mass DELETE, no bloat to vacuum); the next days' partitions are made ahead of them. Each purge is itself
 * traced.
 */
@Component
public class TraceRetention {

    private static final Logger LOG = LoggerFactory.getLogger(TraceRetention.class);

    private final TraceStore store;
    private final TraceRecorder recorder;
    private final TraceProperties properties;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final List<TracePurgeGuard> guards;

    TraceRetention(TraceStore store, TraceRecorder recorder, TraceProperties properties, Clock clock,
                   ClusterJobs jobs, List<TracePurgeGuard> guards) {
        this.jobs = jobs;
        this.guards = guards;
        this.store = store;
        this.recorder = recorder;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every instance fires it; one of a cluster runs it (ClusterJobs). */
    @Scheduled(cron = "${gateway.retention.purge-cron:0 30 3 * * *}", zone = "Europe/Paris")
    public void scheduledPurge() {
        jobs.runOnce("purge-traces", ClusterJobs.DAILY_HOLD, this::purge);
    }

    public void purge() {
        guards.forEach(TracePurgeGuard::beforePurge);
        LocalDate firstKept = TraceStore.segmentOf(clock.instant()).minus(properties.retention());
        long purged = store.purgeBefore(firstKept, clock.instant());
        recorder.recordInternal("PURGE_TRACES", "segments:avant-" + firstKept + ",traces:" + purged);
        LOG.info("trace purge: {} traces of the daily segments before {}", purged, firstKept);
    }

    /**
     * Today's and tomorrow's partitions (PostgreSQL), made at start-up and each hour, before their first trace, so
     * that no commit waits for a table to be created. Every instance runs it: making a partition that exists is a
     * no-op, and after the first time of the day a lookup in memory.
     */
    @Scheduled(cron = "${gateway.retention.partition-cron:0 0 * * * *}", zone = "UTC")
    public void preparePartitions() {
        LocalDate today = TraceStore.segmentOf(clock.instant());
        store.preparePartition(today);
        store.preparePartition(today.plusDays(1));
    }

    /** At start-up too; a database not reachable yet is no reason not to start: the writer makes the day's itself. */
    @EventListener(ApplicationReadyEvent.class)
    public void preparePartitionsAtStartUp() {
        try {
            preparePartitions();
        } catch (RuntimeException notYet) {
            LOG.warn("trace partitions not prepared at start-up: {}", notYet.getClass().getSimpleName());
        }
    }
}
