package fr.cdapgateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs run once per cluster (SPEC §3: several instances on one database). Every instance fires the same
 * schedule; the first to take the job's lease ({@link Leases}, {@code job:<name>}) runs it and holds it for the
 * job's hold time, so the others — firing at the same moment or minutes later — skip that run. No lock is held
 * while the job runs. A run that fails gives the job back at once, so the next firing anywhere retries it.
 */
@Component
public class ClusterJobs {

    /** The hold of a daily job: every instance fires within this of the others, and no run takes longer to start. */
    public static final Duration DAILY_HOLD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);

    private final Leases leases;
    private final Clock clock;
    private final String instance;

    ClusterJobs(Leases leases, Clock clock, @Value("${gateway.trace.instance}") String instance) {
        this.leases = leases;
        this.clock = clock;
        this.instance = instance;
    }

    /**
     * Runs {@code work} here unless another instance took this job less than {@code hold} ago.
     *
     * @return whether it ran here
     */
    public boolean runOnce(String job, Duration hold, Runnable work) {
        Instant now = clock.instant();
        // this run's own holder: a second firing here within the hold is skipped like one elsewhere
        String holder = instance + "/" + UUID.randomUUID();
        if (!leases.take("job:" + job, holder, now, now.plus(hold))) {
            LOG.debug("job {}: taken by another instance, skipped here", job);
            return false;
        }
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            leases.giveBack("job:" + job, holder, now);
            throw e;
        }
    }
}
