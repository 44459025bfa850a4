package fr.cdapgateway.throttle;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the bucket store (SPEC §10): in memory for one instance, in PostgreSQL (bucket4j's select-for-update
 * proxy manager on table {@code bucket}) when the database is PostgreSQL, so limits hold across instances.
 * Both read time from the application clock, so tests can move it.
 */
@Configuration(proxyBeanMethods = false)
class BucketStores {

    private static final Logger LOG = LoggerFactory.getLogger(BucketStores.class);

    @Bean
    BucketStore bucketStore(ThrottleProperties properties, DataSource dataSource, JdbcClient jdbc, Clock clock,
                            @Value("${spring.datasource.url}") String url) {
        boolean postgres = switch (properties.storage()) {
            case "postgresql" -> true;
            case "memory" -> false;
            default -> url.startsWith("jdbc:postgresql:");
        };
        TimeMeter time = new ClockTimeMeter(clock);
        LOG.info("rate-limit buckets stored in {}", postgres ? "PostgreSQL (shared by all instances)" : "memory");
        return postgres ? new PostgresBuckets(dataSource, jdbc, time) : new LocalBuckets(time);
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
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(1_000_000)
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

    static final class PostgresBuckets implements BucketStore {
        private final ProxyManager<String> proxies;
        private final JdbcClient jdbc;

        PostgresBuckets(DataSource dataSource, JdbcClient jdbc, TimeMeter time) {
            this.jdbc = jdbc;
            this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .clientClock(time)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            Duration.ofMinutes(10)))
                    .build();
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return proxies.builder().build(key, () -> configuration);
        }

        @Override
        public void clear() {
            jdbc.sql("delete from bucket").update();
        }
    }
}
