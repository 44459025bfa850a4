package fr.cdapgateway.admin;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.auth.AccessNotifier;
import fr.cdapgateway.auth.AccountDirectory;
import fr.cdapgateway.habilitation.HabilitationDirectory;

/**
 * Makes every change of an account, habilitation, group or convention effective on the very next request:
 * this instance's caches are dropped at once, and the other instances of a cluster are told at commit — by a
 * PostgreSQL notification they listen to ({@link AccessListener}), and by a generation counter they poll every
 * {@code gateway.admin.invalidation-poll} (1 s) when they cannot listen (H2, or a broken connection).
 */
@Component
class AccessChanges {

    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final HabilitationDirectory habilitations;
    private final TransactionTemplate transactions;
    private final AtomicLong seen = new AtomicLong(-1);
    private final AccessNotifier notifier;
    private final ObjectProvider<AccessListener> listener;

    AccessChanges(JdbcClient jdbc, TransactionTemplate transactions, AccountDirectory accounts,
                  HabilitationDirectory habilitations, AccessNotifier notifier, ObjectProvider<AccessListener> listener) {
        this.notifier = notifier;
        this.listener = listener;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = accounts;
        this.habilitations = habilitations;
    }

    /**
     * Runs a change in one transaction with the generation bump, then drops the caches once it is committed
     * (dropping them before would let a concurrent reader refill them with the old state).
     */
    <T> T apply(Supplier<T> change) {
        try {
            return transactions.execute(status -> {
                T result = change.get();
                notifier.changed();
                return result;
            });
        } finally {
            dropCaches();
        }
    }

    void dropCaches() {
        accounts.invalidateAll();
        habilitations.invalidateAll();
    }

    @Scheduled(fixedDelayString = "${gateway.admin.invalidation-poll:1s}")
    void followOtherInstances() {
        AccessListener notifications = listener.getIfAvailable();
        if (notifications != null && notifications.listening()) {
            return; // notifications bring the changes; the counter is the fallback
        }
        long generation = jdbc.sql("select generation from generation_acces where id = 1").query(Long.class).single();
        if (seen.getAndSet(generation) != generation) {
            dropCaches();
        }
    }
}
