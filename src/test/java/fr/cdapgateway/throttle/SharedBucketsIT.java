package fr.cdapgateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.Schema;
import fr.cdapgateway.support.MutableClock;

/**
 * Buckets shared through a real PostgreSQL by two instances (two stores on one database): human-scale limits are
 * exact, a large one may be exceeded by at most its tolerance per instance, and the local share is synchronised
 * when the sync interval has passed. The clock is the tests' own; nothing refills during a test.
 */
class SharedBucketsIT {

    private static final ThrottleProperties.Cluster ONE_PERCENT = new ThrottleProperties.Cluster(0.01, 10_000,
            Duration.ofSeconds(1), Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private BucketStores.PostgresBuckets instanceA;
    private BucketStores.PostgresBuckets instanceB;

    private String url;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        url = EmbeddedPostgres.createDatabase(EmbeddedPostgres.server());
        Schema.migrate(new DriverManagerDataSource(url, "postgres", "postgres"), "postgresql");
        DataSourceProperties database = new DataSourceProperties();
        database.setUrl(url);
        database.setUsername("postgres");
        database.setPassword("postgres");
        var time = new BucketStores.ClockTimeMeter(clock);
        instanceA = new BucketStores.PostgresBuckets(database, ONE_PERCENT, time);
        instanceB = new BucketStores.PostgresBuckets(database, ONE_PERCENT, time);
    }

    @AfterEach
    void close() {
        instanceA.close();
        instanceB.close();
    }

    @Test
    void theRowsOfIdleKeysAreCleanedUpOnceFullAgainAndActiveOnesKept() {
        // expiry is stamped by bucket4j on the wall clock: a bucket of 1,000 refilling 1,000 a second, kept 0 s
        // once full, is idle within a second of its last use; one of a day's quota is not
        DataSourceProperties database = new DataSourceProperties();
        database.setUrl(url);
        database.setUsername("postgres");
        database.setPassword("postgres");
        var time = new BucketStores.ClockTimeMeter(java.time.Clock.systemUTC());
        try (var store = new BucketStores.PostgresBuckets(database, new ThrottleProperties.Cluster(0.01, 10_000,
                Duration.ofSeconds(1), Duration.ZERO), time)) {
            BucketConfiguration fast = Limits.bucket(new ThrottleProperties.Limit(1000, 1000, Duration.ofSeconds(1)));
            store.bucket("a:192.0.2.1", fast).tryConsume(1);
            store.bucket("a:192.0.2.2", fast).tryConsume(1);
            store.bucket("d:niort.agent1:2026-11-22", Limits.daily(1500)).tryConsume(1);

            int[] removed = {0};
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> (removed[0] += store.removeExpired()) >= 2);

            assertThat(removed[0]).isEqualTo(2);
            assertThat(store.removeExpired()).as("the day's quota is kept").isZero();
        }
    }

    @Test
    void aHumanScaleLimitIsExactAcrossInstances() {
        BucketConfiguration twenty = noRefill(20);

        int accepted = consumeAlternately("u:niort.agent1", twenty, 60);

        assertThat(accepted).isEqualTo(20);
    }

    @Test
    void theDefaultDailyQuotaIsExactAcrossInstances() {
        BucketConfiguration day = noRefill(1500);

        int accepted = consumeAlternately("d:niort.agent1:2026-11-22", day, 1520);

        assertThat(accepted).isEqualTo(1500);
    }

    @Test
    void aLargeLimitIsExceededByAtMostItsTolerancePerInstance() {
        BucketConfiguration large = noRefill(10_000);

        int accepted = consumeAlternately("c:79-2017-19", large, 10_400);

        assertThat(accepted).isBetween(10_000, 10_000 + 2 * 100);
    }

    @Test
    void whatOneInstanceConsumedLocallyReachesTheOtherAfterTheSyncInterval() {
        BucketConfiguration large = noRefill(10_000);
        Bucket a = instanceA.bucket("c:2024-12", large);
        Bucket b = instanceB.bucket("c:2024-12", large);
        a.tryConsume(1); // first use: synchronised
        for (int i = 0; i < 9; i++) {
            assertThat(a.tryConsume(1)).isTrue(); // within A's local share of 100
        }
        assertThat(b.getAvailableTokens()).isEqualTo(10_000 - 1); // B sees only what A synchronised

        clock.advance(Duration.ofMillis(1500));
        a.tryConsume(1); // past the interval: A synchronises its 9 local tokens and this one

        assertThat(b.getAvailableTokens()).isEqualTo(10_000 - 11);
    }

    private int consumeAlternately(String key, BucketConfiguration configuration, int attempts) {
        Bucket[] buckets = {instanceA.bucket(key, configuration), instanceB.bucket(key, configuration)};
        int accepted = 0;
        for (int i = 0; i < attempts; i++) {
            if (buckets[i % 2].tryConsume(1)) {
                accepted++;
            }
        }
        return accepted;
    }

    private static BucketConfiguration noRefill(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(1, Duration.ofDays(1)))
                .build();
    }
}
