package fr.cdapgateway.throttle;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.auth.Account;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.config.GatewayProperties;

/**
 * Human-paced consultation (SPEC §10): each consultation, and each item of a batch, takes one token from the
 * user's daily quota, the user's rate bucket and the convention's rate bucket. Over a limit: 429
 * {@code quota-exceeded} (the day's quota) or {@code rate-limited}, with Retry-After and RateLimit-* headers.
 */
@Component("throttle")
public class Throttle {

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
    }

    public void consultation(Exchange exchange) {
        Account account = exchange.getProperty(Authenticator.ACCOUNT, Account.class);
        GatewayRequest request = GatewayRequest.of(exchange);
        String convention = account.convention();

        int quota = limits.perUserDaily(convention);
        ConsumptionProbe daily = dailyBucket(account).tryConsumeAndReturnRemaining(1);
        if (!daily.isConsumed()) {
            throw refused(request, "quota", Limits.refusal(request, Problem.QUOTA_EXCEEDED, quota, daily,
                    secondsToMidnight(), "Le quota de " + quota + " consultations par jour est atteint pour ce compte."));
        }
        ThrottleProperties.Limit userLimit = limits.perUser(convention);
        ConsumptionProbe user = userBucket(account).tryConsumeAndReturnRemaining(1);
        if (!user.isConsumed()) {
            throw refused(request, "utilisateur", Limits.refusal(request, Problem.RATE_LIMITED, userLimit.capacity(),
                    user, Limits.seconds(user.getNanosToWaitForReset()), "Trop de consultations rapprochées pour ce "
                            + "compte : " + userLimit.refill() + " par " + userLimit.period().toSeconds() + " s."));
        }
        ThrottleProperties.Limit conventionLimit = limits.perConvention(convention);
        ConsumptionProbe shared = conventionBucket(convention).tryConsumeAndReturnRemaining(1);
        if (!shared.isConsumed()) {
            throw refused(request, "convention", Limits.refusal(request, Problem.RATE_LIMITED,
                    conventionLimit.capacity(), shared, Limits.seconds(shared.getNanosToWaitForReset()),
                    "Trop de requêtes pour la convention dans son ensemble : réessayez dans un instant."));
        }
        Limits.headers(request, userLimit.capacity(), user);
    }

    /** What is left to this user, without consuming anything ({@code GET /moi}). */
    public Map<String, Object> remaining(Account account) {
        Map<String, Object> left = new LinkedHashMap<>();
        Map<String, Object> daily = new LinkedHashMap<>();
        daily.put("limite", limits.perUserDaily(account.convention()));
        daily.put("restant", dailyBucket(account).getAvailableTokens());
        left.put("consultationsParJour", daily);
        ThrottleProperties.Limit userLimit = limits.perUser(account.convention());
        Map<String, Object> burst = new LinkedHashMap<>();
        burst.put("limite", userLimit.capacity());
        burst.put("restant", userBucket(account).getAvailableTokens());
        burst.put("recharge", userLimit.refill() + " par " + userLimit.period().toSeconds() + " s");
        left.put("rafale", burst);
        return left;
    }

    private Bucket dailyBucket(Account account) {
        LocalDate today = calendar.today();
        return buckets.bucket("d:" + account.login() + ":" + today, Limits.daily(limits.perUserDaily(account.convention())));
    }

    private Bucket userBucket(Account account) {
        return buckets.bucket("u:" + account.login(), Limits.bucket(limits.perUser(account.convention())));
    }

    private Bucket conventionBucket(String convention) {
        return buckets.bucket("c:" + convention, Limits.bucket(limits.perConvention(convention)));
    }

    private long secondsToMidnight() {
        ZonedDateTime now = ZonedDateTime.ofInstant(calendar.now(), gateway.zone());
        return Math.max(1, Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(gateway.zone())).toSeconds());
    }

    private RuntimeException refused(GatewayRequest request, String limit, RuntimeException problem) {
        meters.counter("gateway.throttled", "limite", limit).increment();
        return problem;
    }
}
