package fr.cdapgateway.throttle;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.cluster.ClusterJobs;

/**
 * Deletes the shared bucket rows of idle keys (PostgreSQL) and the last client addresses older than the sharing
 * window, every {@code gateway.throttle.cleanup-interval}, on one instance of a cluster at a time (ClusterJobs).
 */
@Component
class BucketCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(BucketCleanup.class);

    private final BucketStore buckets;
    private final ClusterJobs jobs;
    private final LastAddresses addresses;
    private final Duration sharingWindow;
    private final Clock clock;
    private final Duration hold;

    BucketCleanup(BucketStore buckets, ClusterJobs jobs, LastAddresses addresses, ThrottleProperties limits,
                  Clock clock, @Value("${gateway.throttle.cleanup-interval:10m}") Duration interval) {
        this.addresses = addresses;
        this.sharingWindow = limits.sharing().window();
        this.clock = clock;
        this.buckets = buckets;
        this.jobs = jobs;
        // the others skip it until then: half the interval, so one instance's late firing is not lost
        this.hold = interval.dividedBy(2);
    }

    @Scheduled(fixedDelayString = "${gateway.throttle.cleanup-interval:10m}", initialDelayString = "${gateway.throttle.cleanup-interval:10m}")
    void removeExpired() {
        jobs.runOnce("nettoyage-compteurs", hold, () -> {
            int removed = buckets.removeExpired();
            if (removed > 0) {
                LOG.info("rate-limit buckets: {} rows of idle keys removed", removed);
            }
            addresses.forgetBefore(clock.instant().minus(sharingWindow));
        });
    }
}
