package fr.cdapgateway.throttle;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** Bucket configurations from the configured limits, and the RateLimit-* headers of an answer. */
public final class Limits {

    private Limits() {
    }

    public static BucketConfiguration bucket(ThrottleProperties.Limit limit) {
        // built once per limit (a few, from the configuration): every consultation asks for three
        return CONFIGURATIONS.computeIfAbsent(limit, key -> BucketConfiguration.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
                .build());
    }

    private static final java.util.Map<Object, BucketConfiguration> CONFIGURATIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A daily quota: the bucket's key names the day, so a new day is a new, full bucket. */
    static BucketConfiguration daily(long quota) {
        return CONFIGURATIONS.computeIfAbsent(quota, q -> BucketConfiguration.builder()
                .addLimit(l -> l.capacity(quota).refillIntervally(quota, Duration.ofDays(1)))
                .build());
    }

    /** RateLimit-Limit, -Remaining and -Reset (seconds until the bucket is full again). */
    static void headers(GatewayRequest request, long limit, ConsumptionProbe probe) {
        request.responseHeaders().put("RateLimit-Limit", Long.toString(limit));
        request.responseHeaders().put("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        request.responseHeaders().put("RateLimit-Reset", Long.toString(seconds(probe.getNanosToWaitForReset())));
    }

    /** A refusal: Retry-After and RateLimit-Reset both say when one more call will pass. */
    static ProblemException refusal(GatewayRequest request, Problem problem, long limit, long retryAfterSeconds,
                                    String detail) {
        request.responseHeaders().put("Retry-After", Long.toString(retryAfterSeconds));
        request.responseHeaders().put("RateLimit-Limit", Long.toString(limit));
        request.responseHeaders().put("RateLimit-Remaining", "0");
        request.responseHeaders().put("RateLimit-Reset", Long.toString(retryAfterSeconds));
        return new ProblemException(problem, detail);
    }

    public static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
