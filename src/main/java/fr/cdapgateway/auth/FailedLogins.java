package fr.cdapgateway.auth;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Caches;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.throttle.BucketStore;
import fr.cdapgateway.throttle.Limits;
import fr.cdapgateway.throttle.ThrottleProperties;

/**
 * Failed logins per client address (SPEC §7, §10): past the limit, an address gets 429 before any password is
 * checked, so guessing passwords from one place, across any number of logins, is slowed to a crawl.
 * <p>
 * Every failure is recorded in the shared bucket at once. The check before each login reads it only when this
 * instance has no recent answer for the address: an address found clean stays clean here for at most
 * {@code cluster.sync} (1 s), and any failure recorded here forgets that at once. So the common case, a known
 * address logging in, costs no database round trip, and an address blocked through another instance of a
 * cluster is blocked here within a second.
 */
@Component
public class FailedLogins {

    private final BucketStore buckets;
    private final ThrottleProperties limits;

    private final Cache<String, Boolean> recentlyClean;

    public FailedLogins(BucketStore buckets, ThrottleProperties limits, Clock clock) {
        this.buckets = buckets;
        this.limits = limits;
        this.recentlyClean = Caches.onCallersThread().maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(limits.cluster().sync()).build();
    }

    public void refuseIfTooMany(GatewayRequest request) {
        if (request.clientAddress() == null) {
            return;
        }
        if (recentlyClean.getIfPresent(request.clientAddress()) != null) {
            return;
        }
        var estimate = bucket(request.clientAddress()).estimateAbilityToConsume(1);
        if (estimate.canBeConsumed()) {
            recentlyClean.put(request.clientAddress(), Boolean.TRUE);
        } else {
            long wait = Limits.seconds(estimate.getNanosToWaitForRefill());
            request.responseHeaders().put("Retry-After", Long.toString(wait));
            request.responseHeaders().put("RateLimit-Limit",
                    Long.toString(limits.failedLoginsPerAddress().capacity()));
            request.responseHeaders().put("RateLimit-Remaining", "0");
            request.responseHeaders().put("RateLimit-Reset", Long.toString(wait));
            throw new ProblemException(Problem.RATE_LIMITED,
                    "Trop d'échecs de connexion depuis cette adresse : réessayez plus tard.");
        }
    }

    public void record(GatewayRequest request) {
        if (request.clientAddress() != null) {
            recentlyClean.invalidate(request.clientAddress());
            bucket(request.clientAddress()).tryConsume(1);
        }
    }

    private io.github.bucket4j.Bucket bucket(String address) {
        return buckets.bucket("a:" + address, Limits.bucket(limits.failedLoginsPerAddress()));
    }
}
