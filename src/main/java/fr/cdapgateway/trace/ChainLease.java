package fr.cdapgateway.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.SqlTime;

/**
 * An instance's hold on its trace chain's name (SPEC §3, §9). Two instances writing one chain would break it, so
 * each holds a lease on its name in the database ({@code instance_bail}), renewed every third of
 * {@code gateway.trace.lease-duration}. A second instance started with a name that is held waits one lease
 * duration — time enough for the lease of an instance that died to run out — and, if the name is still held,
 * refuses to start and says why. An instance restarted after a crash thus takes its name back and continues its
 * own chain; an instance that stops gives its name back at once. Times are the real clock's, as every instance
 * of a cluster reads it (the gateway's injectable clock is for its rules).
 */
@Component
public class ChainLease implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChainLease.class);

    private final JdbcClient jdbc;
    private final String instance;
    private final Duration duration;
    private final Clock clock = Clock.systemUTC();
    private final String holder = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService renewals;
    private volatile boolean running;

    ChainLease(JdbcClient jdbc, TraceProperties properties) {
        this.jdbc = jdbc;
        this.instance = properties.instance();
        this.duration = properties.leaseDuration();
    }

    @Override
    public void start() {
        long deadline = System.nanoTime() + duration.toNanos() + duration.toNanos() / 5;
        while (!take(clock.instant())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another instance is running with the trace chain name \"" + instance
                        + "\" on this database (its lease is renewed): give each instance its own name "
                        + "(GATEWAY_INSTANCE / gateway.trace.instance)");
            }
            LOG.warn("trace chain name {} is held by another instance: waiting up to {} for its lease to run out",
                    instance, duration);
            pause(duration.dividedBy(5));
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chain-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = duration.toMillis() / 3;
        executor.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        renewals = executor;
        running = true;
    }

    /** Takes the name if it is free, expired, or already ours. */
    boolean take(Instant now) {
        int taken = jdbc.sql("""
                        update instance_bail set titulaire = :holder, expire_le = :until
                         where instance = :instance and (expire_le <= :now or titulaire = :holder)""")
                .param("holder", holder).param("until", SqlTime.utc(now.plus(duration)))
                .param("now", SqlTime.utc(now)).param("instance", instance).update();
        if (taken == 1) {
            return true;
        }
        try {
            // only where no row is: a name held elsewhere is no database error (a race still ends in one)
            return jdbc.sql("""
                            insert into instance_bail (instance, titulaire, expire_le)
                            select :instance, :holder, :until
                             where not exists (select 1 from instance_bail where instance = :instance)""")
                    .param("instance", instance).param("holder", holder)
                    .param("until", SqlTime.utc(now.plus(duration))).update() == 1;
        } catch (DuplicateKeyException heldElsewhere) {
            return false;
        }
    }

    private void renew() {
        try {
            int renewed = jdbc.sql("update instance_bail set expire_le = :until where instance = :instance and titulaire = :holder")
                    .param("until", SqlTime.utc(clock.instant().plus(duration))).param("instance", instance)
                    .param("holder", holder).update();
            if (renewed == 0) {
                LOG.error("the lease on trace chain name {} was taken by another instance: two instances share this "
                        + "name; give each its own (GATEWAY_INSTANCE)", instance);
            }
        } catch (RuntimeException e) {
            LOG.warn("lease on trace chain name {} not renewed: {}", instance, e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = renewals;
        if (executor != null) {
            executor.shutdownNow();
        }
        try {
            jdbc.sql("update instance_bail set expire_le = :now where instance = :instance and titulaire = :holder")
                    .param("now", SqlTime.utc(clock.instant())).param("instance", instance).param("holder", holder)
                    .update();
        } catch (RuntimeException e) {
            LOG.warn("lease on trace chain name {} not given back ({}): it runs out within {}", instance,
                    e.getClass().getSimpleName(), duration);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the trace writer starts its chain, after it has written its last trace. */
    @Override
    public int getPhase() {
        return -100;
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the trace chain name", e);
        }
    }
}
