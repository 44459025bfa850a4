package fr.cdapgateway.trace;

import java.time.Clock;
import java.time.LocalDate;

import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.ops.ClusterJobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Traces are kept 6 months (SPEC §9), then purged by whole daily segments with their seals: every segment left
 * is complete, so the remaining chain still verifies. Each purge is itself traced.
 */
@Component
public class TraceRetention {

    private static final Logger LOG = LoggerFactory.getLogger(TraceRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TraceRecorder recorder;
    private final TraceProperties properties;
    private final Clock clock;
    private final ClusterJobs jobs;

    TraceRetention(JdbcClient jdbc, TransactionTemplate transactions, TraceRecorder recorder,
                   TraceProperties properties, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transactions = transactions;
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
        LocalDate firstKept = TraceStore.segmentOf(clock.instant()).minus(properties.retention());
        int purged = transactions.execute(status -> {
            int rows = jdbc.sql("delete from trace where segment < :first").param("first", firstKept).update();
            jdbc.sql("delete from trace_segment where segment < :first").param("first", firstKept).update();
            // the registry keeps the purged days, marked, so the chain of days still verifies
            jdbc.sql("update trace_registre set purge_le = :now where segment < :first and purge_le is null")
                    .param("now", SqlTime.utc(clock.instant())).param("first", firstKept).update();
            return rows;
        });
        recorder.recordInternal("PURGE_TRACES", "segments:avant-" + firstKept + ",traces:" + purged);
        LOG.info("trace purge: {} traces of the daily segments before {}", purged, firstKept);
    }
}
