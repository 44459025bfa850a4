package fr.cdapgateway.throttle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes the shared bucket rows of idle keys (PostgreSQL), every {@code gateway.throttle.cleanup-interval}. */
@Component
class BucketCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(BucketCleanup.class);

    private final BucketStore buckets;

    BucketCleanup(BucketStore buckets) {
        this.buckets = buckets;
    }

    @Scheduled(fixedDelayString = "${gateway.throttle.cleanup-interval:10m}", initialDelayString = "${gateway.throttle.cleanup-interval:10m}")
    void removeExpired() {
        int removed = buckets.removeExpired();
        if (removed > 0) {
            LOG.info("rate-limit buckets: {} rows of idle keys removed", removed);
        }
    }
}
