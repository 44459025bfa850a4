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
import org.springframework.stereotype.Component;

import fr.cdapgateway.cluster.Leases;

/**
 * An instance's hold on its trace chain's name (SPEC §3, §9). Two instances writing one chain would break it, so
 * each holds a lease on its name in the database ({@link Leases}, {@code chaine:<name>}), renewed every third of
 * {@code gateway.trace.lease-duration}. A second instance started with a name that is held waits one lease
 * duration — time enough for the lease of an instance that died to run out — and, if the name is still held,
 * refuses to start and says why. An instance restarted after a crash thus takes its name back and continues its
 * own chain; an instance that stops gives its name back at once. Times are the real clock's, as every instance
 * of a cluster reads it (the gateway's injectable clock is for its rules).
 */
@Component
public class ChainLease implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChainLease.class);

    private final Leases leases;
    private final String name;
    private final String instance;
    private final Duration duration;
    private final Clock clock = Clock.systemUTC();
    private final String holder = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService renewals;
    private volatile boolean running;

    ChainLease(Leases leases, TraceProperties properties) {
        this.leases = leases;
        this.instance = properties.instance();
        this.name = "chaine:" + instance;
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
        return leases.take(name, holder, now, now.plus(duration));
    }

    private void renew() {
        try {
            if (!leases.renew(name, holder, clock.instant().plus(duration))) {
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
            leases.giveBack(name, holder, clock.instant());
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
