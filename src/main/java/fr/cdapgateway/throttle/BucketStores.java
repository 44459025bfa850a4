package fr.cdapgateway.throttle;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.zaxxer.hikari.HikariDataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.api.Caches;

/**
 * Chooses the bucket store (SPEC §10): in memory for one instance, in PostgreSQL (bucket4j's select-for-update
 * proxy manager on table {@code bucket}) when the database is PostgreSQL, so limits hold across instances.
 * Both read time from the application clock, so tests can move it.
 */
@Configuration(proxyBeanMethods = false)
class BucketStores {

    private static final Logger LOG = LoggerFactory.getLogger(BucketStores.class);

    @Bean
    BucketStore bucketStore(ThrottleProperties properties, DataSourceProperties database, Clock clock) {
        String url = database.determineUrl();
        boolean postgres = switch (properties.storage()) {
            case "postgresql" -> true;
            case "memory" -> false;
            default -> url.startsWith("jdbc:postgresql:");
        };
        TimeMeter time = new ClockTimeMeter(clock);
        LOG.info("rate-limit buckets stored in {}", postgres ? "PostgreSQL (shared by all instances)" : "memory");
        return postgres ? new PostgresBuckets(database, properties.cluster(), time) : new LocalBuckets(time);
    }

    /** bucket4j's notion of time, from the application's clock. */
    record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    static final class LocalBuckets implements BucketStore {
        private final TimeMeter time;
        private final Cache<String, Bucket> buckets = Caches.onCallersThread().maximumSize(1_000_000)
                .expireAfterAccess(Duration.ofDays(2)).build();

        LocalBuckets(TimeMeter time) {
            this.time = time;
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return buckets.get(key, k -> {
                LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
                java.util.Arrays.stream(configuration.getBandwidths()).forEach(builder::addLimit);
                return builder.build();
            });
        }

        @Override
        public void clear() {
            buckets.invalidateAll();
        }
    }

    /**
     * Buckets shared by every instance through PostgreSQL (bucket4j's select-for-update proxy on table
     * {@code bucket}). Two costs are kept off the request path:
     * <ul>
     * <li>Commits do not wait for the disk: the bucket connections run with {@code synchronous_commit = off}.
     * A crash of PostgreSQL may forget the last fraction of a second of consumptions (tokens given back), never
     * half-write a bucket; traces and accounts keep their synchronous commits on the main pool.</li>
     * <li>A large bucket ({@link ThrottleProperties.Cluster#localTokens}) is consumed locally up to its
     * tolerance and synchronised with the shared row when that is used up or at its first use after
     * {@code cluster.sync} (bucket4j's delaying optimisation): with n instances a limit is exceeded by at most
     * n x tolerance. A share not synchronised when the instance stops or the bucket is evicted is not counted.
     * Human-scale limits (20, 1,500...) are exact.</li>
     * </ul>
     */
    static final class PostgresBuckets implements BucketStore, AutoCloseable {
        private static final int CLEANUP_BATCH = 1000;
        private final HikariDataSource pool;
        private final ProxyManager<String> proxies;
        private final ThrottleProperties.Cluster cluster;
        private final TimeMeter time;
        private final Cache<String, Bucket> synchronising = Caches.onCallersThread().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10)).build();

        PostgresBuckets(DataSourceProperties database, ThrottleProperties.Cluster cluster, TimeMeter time) {
            this.cluster = cluster;
            this.time = time;
            this.pool = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            pool.setPoolName("buckets");
            pool.setMaximumPoolSize(8);
            pool.setMinimumIdle(1);
            pool.setConnectionTimeout(2000);
            pool.setConnectionInitSql("set synchronous_commit = off");
            this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .clientClock(time)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            cluster.keepIdle()))
                    .build();
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            long localTokens = localTokens(configuration);
            if (localTokens < 1) {
                return proxies.builder().build(key, () -> configuration);
            }
            // the local share lives in the proxy object: one per key, kept while it is used
            return synchronising.get(key, k -> proxies.builder()
                    .withOptimization(new DelayOptimization(new DelayParameters(localTokens, cluster.sync()),
                            NopeOptimizationListener.INSTANCE, time))
                    .build(k, () -> configuration));
        }

        /** The tokens an instance may take locally between synchronisations: the least over the limits, 0 if none. */
        private long localTokens(BucketConfiguration configuration) {
            Bandwidth[] limits = configuration.getBandwidths();
            if (limits.length == 0) {
                return 0;
            }
            long least = Long.MAX_VALUE;
            for (Bandwidth limit : limits) { // a loop, not a stream: this runs for every bucket of every request
                least = Math.min(least, cluster.localTokens(limit.getCapacity()));
            }
            return least;
        }

        @Override
        public void clear() {
            synchronising.invalidateAll();
            try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("delete from bucket");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("could not clear the rate-limit buckets", e);
            }
        }

        /**
         * Rows of idle keys (yesterday's daily quotas, addresses seen once) would pile up for ever: bucket4j marks
         * each row with the time it is full again, and the rows past it are deleted in small batches.
         */
        @Override
        public int removeExpired() {
            ExpiredEntriesCleaner cleaner = (ExpiredEntriesCleaner) proxies;
            int removed = 0;
            int batch;
            do {
                batch = cleaner.removeExpired(CLEANUP_BATCH);
                removed += batch;
            } while (batch == CLEANUP_BATCH);
            return removed;
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
