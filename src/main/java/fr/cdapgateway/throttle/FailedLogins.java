package fr.cdapgateway.throttle;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Failed logins per client address (SPEC §7, §10): past the limit, an address gets 429 before any password is
 * checked, so guessing passwords from one place, across any number of logins, is slowed to a crawl.
 */
@Component
public class FailedLogins {

    private final BucketStore buckets;
    private final ThrottleProperties limits;

    FailedLogins(BucketStore buckets, ThrottleProperties limits) {
        this.buckets = buckets;
        this.limits = limits;
    }

    public void refuseIfTooMany(GatewayRequest request) {
        if (request.clientAddress() == null) {
            return;
        }
        var estimate = bucket(request.clientAddress()).estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
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
            bucket(request.clientAddress()).tryConsume(1);
        }
    }

    private io.github.bucket4j.Bucket bucket(String address) {
        return buckets.bucket("a:" + address, Limits.bucket(limits.failedLoginsPerAddress()));
    }
}
