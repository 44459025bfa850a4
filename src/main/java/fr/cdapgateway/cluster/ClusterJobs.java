package fr.cdapgateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.SqlTime;

/**
 * Scheduled jobs run once per cluster (SPEC §3: several instances on one database). Every instance fires the same
 * schedule; the first to take the job's row in {@code cluster_job} runs it and holds the row for the job's hold
 * time, so the others — firing at the same moment or minutes later — skip that run. One conditional update that
 * only one instance can win, the same on PostgreSQL and H2; no lock is held while the job runs. A run that fails
 * gives the job back at once, so the next firing anywhere retries it.
 */
@Component
public class ClusterJobs {

    /** The hold of a daily job: every instance fires within this of the others, and no run takes longer to start. */
    public static final Duration DAILY_HOLD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String instance;

    ClusterJobs(JdbcClient jdbc, Clock clock, @Value("${gateway.trace.instance}") String instance) {
        this.jdbc = jdbc;
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
        if (!take(job, now, now.plus(hold))) {
            LOG.debug("job {}: taken by another instance, skipped here", job);
            return false;
        }
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            giveBack(job);
            throw e;
        }
    }

    private boolean take(String job, Instant now, Instant until) {
        int taken = jdbc.sql("""
                        update cluster_job set tenu_par = :instance, tenu_jusqu_a = :until, dernier_debut = :now
                         where nom = :job and tenu_jusqu_a <= :now""")
                .param("instance", instance).param("until", SqlTime.utc(until)).param("now", SqlTime.utc(now))
                .param("job", job).update();
        if (taken == 1) {
            return true;
        }
        try {
            // only where no row is: a job held elsewhere is no database error (a race still ends in one)
            return jdbc.sql("""
                            insert into cluster_job (nom, tenu_par, tenu_jusqu_a, dernier_debut)
                            select :job, :instance, :until, :now
                             where not exists (select 1 from cluster_job where nom = :job)""")
                    .param("job", job).param("instance", instance).param("until", SqlTime.utc(until))
                    .param("now", SqlTime.utc(now)).update() == 1;
        } catch (DuplicateKeyException heldElsewhere) {
            return false;
        }
    }

    private void giveBack(String job) {
        jdbc.sql("update cluster_job set tenu_jusqu_a = dernier_debut where nom = :job and tenu_par = :instance")
                .param("job", job).param("instance", instance).update();
    }
}
