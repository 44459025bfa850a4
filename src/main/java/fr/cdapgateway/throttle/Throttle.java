package fr.cdapgateway.throttle;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.config.GatewayProperties;

/**
 * Human-paced consultation (SPEC §10). A consultation takes one token from each of a list of dimensions — the
 * user's rate, the convention's rate, the user's daily quota; an item of a batch takes one from the user's batch
 * allowance (instead of the per-second burst) and the daily quota. Refused calls consume nothing: when a
 * dimension refuses, the tokens already taken from the others are given back. Over a limit: 429
 * {@code quota-exceeded} (the day's quota, Retry-After = the CAF's midnight) or {@code rate-limited}, with
 * Retry-After and RateLimit-* headers.
 */
@Component("throttle")
public class Throttle {

    /**
     * One dimension of a limit: which bucket, its capacity for the RateLimit headers, the problem when it is
     * empty, and the seconds until the caller may retry (from the bucket's own estimate).
     */
    private record Dimension(String name, Bucket bucket, long capacity, Problem problem, Supplier<String> detail,
                             LongUnaryOperator retryAfterSeconds) {
    }

    /** The limits' names: the {@code limite} tag of {@code gateway.throttled}. */
    private static final String USER = "utilisateur";
    private static final String CONVENTION = "convention";
    private static final String BATCH = "lot";
    private static final String QUOTA = "quota";

    private final BucketStore buckets;
    private final ThrottleProperties limits;
    private final CafCalendar calendar;
    private final GatewayProperties gateway;
    private final MeterRegistry meters;

    Throttle(BucketStore buckets, ThrottleProperties limits, CafCalendar calendar, GatewayProperties gateway,
             MeterRegistry meters) {
        this.buckets = buckets;
        this.limits = limits;
        this.calendar = calendar;
        this.gateway = gateway;
        this.meters = meters;
        // at zero from the start, so dashboards and alerts see every limit before its first refusal
        for (String dimension : List.of(USER, CONVENTION, BATCH, QUOTA)) {
            meters.counter("gateway.throttled", "limite", dimension);
        }
    }

    /** A single consultation: the user's rate, the convention's rate, the day's quota. */
    public void consultation(GatewayRequest request) {
        Account account = request.account();
        consume(request, List.of(userRate(account), conventionRate(account.convention()), daily(account)));
    }

    /** An item of a batch: the user's batch allowance and the day's quota, not the per-second burst. */
    public void batchItem(GatewayRequest request) {
        Account account = request.account();
        consume(request, List.of(batchAllowance(account), daily(account)));
    }

    private void consume(GatewayRequest request, List<Dimension> dimensions) {
        List<Dimension> taken = new ArrayList<>(dimensions.size());
        ConsumptionProbe first = null;
        for (Dimension dimension : dimensions) {
            ConsumptionProbe probe = dimension.bucket().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(t -> t.bucket().addTokens(1));
                meters.counter("gateway.throttled", "limite", dimension.name()).increment();
                throw Limits.refusal(request, dimension.problem(), dimension.capacity(),
                        dimension.retryAfterSeconds().applyAsLong(probe.getNanosToWaitForRefill()), dimension.detail().get());
            }
            taken.add(dimension);
            if (first == null) {
                first = probe;
                Limits.headers(request, dimension.capacity(), probe);
            }
        }
    }

    /** What is left to this user, without consuming anything ({@code GET /moi}). */
    public Map<String, Object> remaining(Account account) {
        Map<String, Object> left = new LinkedHashMap<>();
        left.put("consultationsParJour", remaining(limits.perUserDaily(account.convention()), dailyBucket(account), null));
        ThrottleProperties.Limit userLimit = limits.perUser(account.convention());
        left.put("rafale", remaining(userLimit.capacity(), userBucket(account), userLimit));
        ThrottleProperties.Limit batchLimit = limits.perUserBatch(account.convention());
        left.put("lots", remaining(batchLimit.capacity(), batchBucket(account), batchLimit));
        return left;
    }

    private static Map<String, Object> remaining(long limit, Bucket bucket, ThrottleProperties.Limit refill) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("limite", limit);
        view.put("restant", bucket.getAvailableTokens());
        if (refill != null) {
            view.put("recharge", refill.refill() + " par " + refill.period().toSeconds() + " s");
        }
        return view;
    }

    private Dimension userRate(Account account) {
        ThrottleProperties.Limit limit = limits.perUser(account.convention());
        return new Dimension(USER, userBucket(account), limit.capacity(), Problem.RATE_LIMITED,
                () -> "Trop de consultations rapprochées pour ce compte : " + limit.refill() + " par "
                        + limit.period().toSeconds() + " s.", Limits::seconds);
    }

    private Dimension conventionRate(String convention) {
        ThrottleProperties.Limit limit = limits.perConvention(convention);
        return new Dimension(CONVENTION, buckets.bucket("c:" + convention, Limits.bucket(limit)), limit.capacity(),
                Problem.RATE_LIMITED, () -> "Trop de requêtes pour la convention dans son ensemble : réessayez dans un "
                        + "instant.", Limits::seconds);
    }

    private Dimension batchAllowance(Account account) {
        ThrottleProperties.Limit limit = limits.perUserBatch(account.convention());
        return new Dimension(BATCH, batchBucket(account), limit.capacity(), Problem.RATE_LIMITED,
                () -> "L'allocation de consultations par lot de ce compte est épuisée (" + limit.capacity() + " par "
                        + limit.period().toMinutes() + " min) : réessayez plus tard.", Limits::seconds);
    }

    private Dimension daily(Account account) {
        int quota = limits.perUserDaily(account.convention());
        return new Dimension(QUOTA, dailyBucket(account), quota, Problem.QUOTA_EXCEEDED,
                () -> "Le quota de " + quota + " consultations par jour est atteint pour ce compte ; il revient à minuit.",
                refill -> secondsToMidnight());
    }

    private Bucket dailyBucket(Account account) {
        LocalDate today = calendar.today();
        return buckets.bucket("d:" + account.login() + ":" + today, Limits.daily(limits.perUserDaily(account.convention())));
    }

    private Bucket userBucket(Account account) {
        return buckets.bucket("u:" + account.login(), Limits.bucket(limits.perUser(account.convention())));
    }

    private Bucket batchBucket(Account account) {
        return buckets.bucket("b:" + account.login(), Limits.bucket(limits.perUserBatch(account.convention())));
    }

    /** The daily quota comes back at the CAF's midnight (its calendar day), not 24 hours after the first call. */
    private long secondsToMidnight() {
        ZonedDateTime now = ZonedDateTime.ofInstant(calendar.now(), gateway.zone());
        return Math.max(1, Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(gateway.zone())).toSeconds());
    }
}
