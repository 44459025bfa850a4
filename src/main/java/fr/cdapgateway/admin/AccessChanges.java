package fr.cdapgateway.admin;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.auth.AccountDirectory;
import fr.cdapgateway.habilitation.HabilitationDirectory;

/**
 * Makes every change of an account, habilitation, group or convention effective on the very next request:
 * this instance's caches are dropped at once, and a generation counter in the shared database tells the other
 * instances of a cluster to drop theirs within {@code gateway.admin.invalidation-poll} (1 s by default).
 */
@Component
class AccessChanges {

    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final HabilitationDirectory habilitations;
    private final TransactionTemplate transactions;
    private final AtomicLong seen = new AtomicLong(-1);

    AccessChanges(JdbcClient jdbc, TransactionTemplate transactions, AccountDirectory accounts,
                  HabilitationDirectory habilitations) {
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
                jdbc.sql("update generation_acces set generation = generation + 1 where id = 1").update();
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
        long generation = jdbc.sql("select generation from generation_acces where id = 1").query(Long.class).single();
        if (seen.getAndSet(generation) != generation) {
            dropCaches();
        }
    }
}
