package fr.cdapgateway.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import fr.cdapgateway.auth.AccessNotifier;

/**
 * Follows the access changes of the other instances of a cluster as they commit (SPEC §3): on PostgreSQL a
 * thread holds one connection that LISTENs to {@link AccessNotifier#CHANNEL} and drops this instance's account
 * and habilitation caches on every notification — within milliseconds of the change. While it is not listening
 * (the connection broke, or H2), {@link AccessChanges} polls the generation counter instead; once it listens
 * again it drops the caches once, for whatever it missed.
 */
@Component
class AccessListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AccessListener.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final AccessNotifier notifier;
    private final AccessChanges changes;
    private final AtomicLong invalidations = new AtomicLong();
    private volatile long lastInvalidationNanos;
    private volatile boolean listening;
    private volatile boolean running;
    private volatile Thread thread;

    AccessListener(DataSource dataSource, AccessNotifier notifier, AccessChanges changes) {
        this.dataSource = dataSource;
        this.notifier = notifier;
        this.changes = changes;
    }

    /** Whether changes reach this instance by notification now (otherwise the generation counter is polled). */
    boolean listening() {
        return listening;
    }

    /** How many times a notification dropped the caches, and when last ({@link System#nanoTime()}). */
    long invalidations() {
        return invalidations.get();
    }

    long lastInvalidationNanos() {
        return lastInvalidationNanos;
    }

    @Override
    public void start() {
        if (!notifier.listenable()) {
            return;
        }
        running = true;
        Thread listener = new Thread(this::run, "access-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + AccessNotifier.CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                listening = true;
                changes.dropCaches(); // what changed while nobody listened
                while (running) {
                    PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        changes.dropCaches();
                        lastInvalidationNanos = System.nanoTime();
                        invalidations.incrementAndGet();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("access changes: not listening ({}); polling the generation counter until it can again",
                            e.getClass().getSimpleName());
                }
            } finally {
                listening = false;
            }
            pauseBeforeRetry();
        }
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2L * WAIT_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
