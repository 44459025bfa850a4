package fr.cdapgateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.FailedLogins;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.config.GatewayProperties;
import fr.cdapgateway.support.MutableClock;

/** The limits of SPEC §10 on a clock the test moves: bursts, refill, daily quota, convention, sharing. */
class ThrottleTest {

    private static final ThrottleProperties.Limit PER_USER = new ThrottleProperties.Limit(20, 1, Duration.ofSeconds(1));
    private static final ThrottleProperties.Limit PER_CONVENTION = new ThrottleProperties.Limit(30, 30, Duration.ofSeconds(1));
    private static final ThrottleProperties.Limit FAILED = new ThrottleProperties.Limit(10, 10, Duration.ofMinutes(1));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private static final ThrottleProperties.Limit PER_BATCH = new ThrottleProperties.Limit(300, 300, Duration.ofMinutes(10));

    private final ThrottleProperties limits = new ThrottleProperties("memory", PER_USER, 1500, PER_BATCH,
            PER_CONVENTION, FAILED, new ThrottleProperties.Sharing(Duration.ofSeconds(60), false), Map.of(
                    "SMALL", new ThrottleProperties.ConventionLimits(null, 3, null, null, true),
                    "SHARED", new ThrottleProperties.ConventionLimits(null, null, null,
                            new ThrottleProperties.Limit(5, 1, Duration.ofHours(1)), null)),
            new ThrottleProperties.Cluster(0.01, 10_000, Duration.ofSeconds(1), Duration.ofMinutes(10)));
    private final GatewayProperties gateway = new GatewayProperties(true, ZoneId.of("Europe/Paris"),
            new GatewayProperties.Api("127.0.0.1", 8080, List.of()), List.of());
    private final BucketStore buckets = new BucketStores.LocalBuckets(new BucketStores.ClockTimeMeter(clock));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Throttle throttle = new Throttle(buckets, limits, new CafCalendar(clock, gateway), gateway, meters);

    private static Account account(String login, String convention) {
        return new Account(1, login, "791", convention, "N", "P", "e@x.example", "PERSONNE", "UTILISATEUR", null,
                "h", false, 0, null, null, null, null, null, false);
    }

    private static GatewayRequest call(Account account, String address) {
        GatewayRequest request = new GatewayRequest("r", "CONSULTATION_QF", 0, address, null, null);
        request.account(account);
        return request;
    }

    private Problem refusal(Account account) {
        try {
            throttle.consultation(call(account, "127.0.0.1"));
            return null;
        } catch (ProblemException e) {
            return e.problem();
        }
    }

    @Test
    void aBurstOfTwentyThenOnePerSecond() {
        Account agent = account("agent", "79-2017-19");
        for (int i = 0; i < 20; i++) {
            assertThat(refusal(agent)).as("call " + i).isNull();
        }
        GatewayRequest refused = call(agent, "127.0.0.1");
        assertThatThrownBy(() -> throttle.consultation(refused)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED));
        assertThat(refused.responseHeaders()).containsEntry("Retry-After", "1")
                .containsEntry("RateLimit-Limit", "20").containsEntry("RateLimit-Remaining", "0");

        clock.advance(Duration.ofSeconds(1));
        assertThat(refusal(agent)).isNull();
        assertThat(refusal(agent)).isEqualTo(Problem.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(5));
        GatewayRequest allowed = call(agent, "127.0.0.1");
        throttle.consultation(allowed);
        assertThat(allowed.responseHeaders()).containsEntry("RateLimit-Remaining", "4");
        assertThat(meters.counter("gateway.throttled", "limite", "utilisateur").count()).isEqualTo(2);
    }

    @Test
    void theDailyQuotaEndsAtMidnightInParis() {
        Account agent = account("small", "SMALL");
        for (int i = 0; i < 3; i++) {
            assertThat(refusal(agent)).isNull();
        }
        GatewayRequest refused = call(agent, "127.0.0.1");
        assertThatThrownBy(() -> throttle.consultation(refused)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.QUOTA_EXCEEDED));
        // 10:00 UTC is 11:00 in Paris: 13 hours to midnight
        assertThat(refused.responseHeaders()).containsEntry("RateLimit-Reset", "46800");
        assertThat(throttle.remaining(agent).toString()).contains("restant=0");

        clock.advance(Duration.ofHours(13));
        assertThat(refusal(agent)).isNull();
    }

    @Test
    void refusedCallsConsumeNothingFromTheOtherLimits() {
        Account agent = account("refund", "79-2017-19");
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            refused += refusal(agent) == null ? 0 : 1;
        }

        assertThat(refused).isEqualTo(40);
        assertThat(throttle.remaining(agent).get("consultationsParJour").toString()).contains("restant=1480");
    }

    @Test
    void aConventionsRefusalGivesTheUsersTokenBack() {
        List<Account> users = List.of(account("s1", "SHARED"), account("s2", "SHARED"));
        for (int i = 0; i < 5; i++) {
            assertThat(refusal(users.get(i % 2))).isNull();
        }
        assertThat(refusal(users.get(0))).isEqualTo(Problem.RATE_LIMITED);

        assertThat(throttle.remaining(users.get(0)).get("rafale").toString()).contains("restant=17");
        assertThat(throttle.remaining(users.get(0)).get("consultationsParJour").toString()).contains("restant=1497");
    }

    @Test
    void aBatchOfAHundredIsServedWholeByItsOwnAllowanceAndTheDailyQuota() {
        Account agent = account("billing", "79-2017-19");
        for (int i = 0; i < 100; i++) {
            throttle.batchItem(call(agent, "127.0.0.1"));
        }
        for (int i = 0; i < 200; i++) {
            throttle.batchItem(call(agent, "127.0.0.1"));
        }
        GatewayRequest beyond = call(agent, "127.0.0.1");

        assertThatThrownBy(() -> throttle.batchItem(beyond)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED));
        assertThat(throttle.remaining(agent).get("consultationsParJour").toString()).contains("restant=1200");
        // the burst of single consultations is untouched by the batch
        assertThat(throttle.remaining(agent).get("rafale").toString()).contains("restant=20");
    }

    @Test
    void quotaExceededSaysTheQuotaComesBackAtTheCafsMidnight() {
        Account agent = account("midnight", "SMALL");
        for (int i = 0; i < 3; i++) {
            throttle.batchItem(call(agent, "127.0.0.1"));
        }
        GatewayRequest refused = call(agent, "127.0.0.1");
        assertThatThrownBy(() -> throttle.consultation(refused)).isInstanceOf(ProblemException.class);

        assertThat(refused.responseHeaders()).containsEntry("Retry-After", "46800")
                .containsEntry("RateLimit-Reset", "46800");
    }

    @Test
    void aConventionsLimitHoldsForAllItsUsersTogether() {
        List<Account> users = List.of(account("a", "SHARED"), account("b", "SHARED"), account("c", "SHARED"));
        int accepted = 0;
        for (int round = 0; round < 3; round++) {
            for (Account user : users) {
                accepted += refusal(user) == null ? 1 : 0;
            }
        }
        assertThat(accepted).isEqualTo(5);
    }

    @Test
    void failedLoginsAreLimitedPerAddress() {
        FailedLogins failed = new FailedLogins(buckets, limits, clock);
        GatewayRequest attacker = new GatewayRequest("r", "MOI", 0, "10.0.0.9", null, null);
        GatewayRequest other = new GatewayRequest("r", "MOI", 0, "10.0.0.10", null, null);
        for (int i = 0; i < 10; i++) {
            failed.refuseIfTooMany(attacker);
            failed.record(attacker);
        }
        assertThatThrownBy(() -> failed.refuseIfTooMany(attacker)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED));
        failed.refuseIfTooMany(other);

        clock.advance(Duration.ofSeconds(6));
        failed.refuseIfTooMany(attacker);
    }

    @Test
    void anAddressBlockedThroughAnotherInstanceIsBlockedHereWithinTheSyncInterval() {
        FailedLogins here = new FailedLogins(buckets, limits, clock);
        FailedLogins there = new FailedLogins(buckets, limits, clock); // same shared buckets, its own memory
        GatewayRequest attacker = new GatewayRequest("r", "MOI", 0, "10.0.0.11", null, null);
        here.refuseIfTooMany(attacker); // clean: remembered for the sync interval (1 s)
        for (int i = 0; i < 10; i++) {
            there.record(attacker);
        }

        here.refuseIfTooMany(attacker); // still remembered as clean
        clock.advance(Duration.ofMillis(1100));

        assertThatThrownBy(() -> here.refuseIfTooMany(attacker)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED));
        assertThatThrownBy(() -> there.refuseIfTooMany(attacker)).isInstanceOf(ProblemException.class);
    }

    @Test
    void oneLoginFromTwoAddressesWithinAMinuteIsFlaggedAndRefusedWhereTheConventionSaysSo() {
        java.util.List<String> alerts = new java.util.ArrayList<>();
        SharingDetector sharing = new SharingDetector(limits, clock, meters, new SharedInMemory(),
                (type, caf, convention, login) -> alerts.add(type + " " + convention + " " + login));
        GatewayRequest first = call(account("agent", "79-2017-19"), "127.0.0.1");
        GatewayRequest second = call(account("agent", "79-2017-19"), "127.0.0.2");
        sharing.check(first);
        sharing.check(second);
        clock.advance(Duration.ofSeconds(61));
        GatewayRequest later = call(account("agent", "79-2017-19"), "127.0.0.1");
        sharing.check(later);
        sharing.check(call(account("strict", "SMALL"), "127.0.0.1"));

        assertThat(first.flags()).isEmpty();
        assertThat(second.flags()).containsExactly("credential-sharing-suspected");
        assertThat(later.flags()).isEmpty();
        assertThatThrownBy(() -> sharing.check(call(account("strict", "SMALL"), "127.0.0.9")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CREDENTIAL_SHARING_SUSPECTED));
        assertThat(meters.counter("gateway.sharing.suspected").count()).isEqualTo(2);
        assertThat(alerts).as("the convention's administrators are alerted of each suspicion")
                .containsExactly("PARTAGE_SUSPECTE 79-2017-19 agent", "PARTAGE_SUSPECTE SMALL strict");
    }

    @Test
    void oneLoginFromTwoAddressesIsFlaggedWhicheverInstancesServedTheCalls() {
        SharedInMemory database = new SharedInMemory();
        SharingDetector instanceA = new SharingDetector(limits, clock, meters, database, (t, c, v, l) -> true);
        SharingDetector instanceB = new SharingDetector(limits, clock, meters, database, (t, c, v, l) -> true);
        GatewayRequest onA = call(account("agent", "79-2017-19"), "127.0.0.1");
        GatewayRequest onB = call(account("agent", "79-2017-19"), "127.0.0.2");
        GatewayRequest againOnB = call(account("agent", "79-2017-19"), "127.0.0.2");

        instanceA.check(onA);
        instanceB.check(onB);
        instanceB.check(againOnB);

        assertThat(onA.flags()).isEmpty();
        assertThat(onB.flags()).containsExactly("credential-sharing-suspected");
        assertThat(againOnB.flags()).isEmpty();
        assertThat(database.writes).as("written when an instance sees a new address only").isEqualTo(2);
    }

    /** The cluster's table of last addresses, in memory. */
    private static final class SharedInMemory extends LastAddresses {
        private final java.util.Map<String, Seen> rows = new java.util.HashMap<>();
        int writes;

        SharedInMemory() {
            super(null);
        }

        @Override
        java.util.Optional<Seen> replace(String login, String address, java.time.Instant now) {
            writes++;
            return java.util.Optional.ofNullable(rows.put(login, new Seen(address, now)));
        }
    }
}
