package fr.cdapgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.support.MutableClock;
import fr.cdapgateway.support.Refusals;
import fr.cdapgateway.throttle.BucketStore;
import fr.cdapgateway.throttle.ThrottleProperties;

/**
 * The human-identity rule (SPEC §7) on typed inputs, without Camel and without a database: the accounts are in
 * memory, the lockout counts what it is told.
 */
class AuthenticatorTest {

    private static final String PASSWORD = "Bon-Mot-De-Passe-2026!";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final AuthProperties properties = new AuthProperties(Duration.ofMinutes(5), 100, Duration.ofSeconds(30),
            2, Duration.ofSeconds(1), 10, 25, Duration.ofDays(365), new AuthProperties.Argon2(19456, 2, 1));
    private final PasswordHasher hasher = new PasswordHasher(properties);
    private final String hash = hasher.hash(PASSWORD);
    private final Map<String, Account> stored = new HashMap<>();
    private final List<String> lockoutCalls = new ArrayList<>();
    private final List<String> repositoryCalls = new ArrayList<>();

    private final AccountRepository repository = new AccountRepository(null) {
        @Override
        public Optional<Account> findByLogin(String login) {
            return Optional.ofNullable(stored.get(login));
        }

        @Override
        void touchLastLogin(long id, Instant now) {
            repositoryCalls.add("lastLogin " + id);
        }

        @Override
        void resetFailures(long id) {
            repositoryCalls.add("reset " + id);
        }
    };

    private final Lockout lockout = new Lockout(repository, properties, null, null, null, null, null, null) {
        @Override
        boolean wrongPassword(Account account, Instant now) {
            lockoutCalls.add("wrong " + account.login());
            return false;
        }

        @Override
        void attempted(Account account) {
            lockoutCalls.add("attempted " + account.login());
        }
    };

    private final ThrottleProperties.Limit failedPerAddress = new ThrottleProperties.Limit(3, 3, Duration.ofMinutes(1));
    private final ThrottleProperties limits = new ThrottleProperties("memory",
            new ThrottleProperties.Limit(20, 1, Duration.ofSeconds(1)), 1500,
            new ThrottleProperties.Limit(300, 300, Duration.ofMinutes(10)),
            new ThrottleProperties.Limit(30, 30, Duration.ofSeconds(1)), failedPerAddress,
            new ThrottleProperties.Sharing(Duration.ofSeconds(60), false), Map.of(),
            new ThrottleProperties.Cluster(0.01, 10_000, Duration.ofSeconds(1), Duration.ofMinutes(10)));

    private final Authenticator authenticator = new Authenticator(new AccountDirectory(repository, properties),
            repository, new CredentialCache(properties), hasher, properties, clock,
            new FailedLogins(new InMemoryBuckets(clock), limits, clock),
            new AccessNotifier(null, database()) {
                @Override
                public void changed() {
                    lockoutCalls.add("cluster told");
                }
            }, lockout);

    /** This JVM's buckets on the test's clock. */
    private record InMemoryBuckets(Map<String, Bucket> buckets, TimeMeter time) implements BucketStore {

        InMemoryBuckets(MutableClock clock) {
            this(new HashMap<>(), new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return clock.instant().toEpochMilli() * 1_000_000;
                }

                @Override
                public boolean isWallClockBased() {
                    return true;
                }
            });
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return buckets.computeIfAbsent(key, k -> {
                LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
                Arrays.stream(configuration.getBandwidths()).forEach(builder::addLimit);
                return builder.build();
            });
        }

        @Override
        public void clear() {
            buckets.clear();
        }
    }

    private static DataSourceProperties database() {
        DataSourceProperties database = new DataSourceProperties();
        database.setUrl("jdbc:h2:mem:none");
        return database;
    }

    private Account account(String login, String type, Instant suspended, Instant devalidated, boolean ended) {
        Account account = new Account(stored.size() + 1, login, "791", "79-2017-19", "Durand", "Alice",
                "alice@example.fr", type, "UTILISATEUR", null, hash, false, 0, null, suspended, devalidated,
                clock.instant(), clock.instant(), ended);
        stored.put(login, account);
        return account;
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayRequest request(String address) {
        return new GatewayRequest("r", "CONSULTATION_QF", 0, address, null, "/api/v1/dossiers/1000042");
    }

    @Test
    void theRightPasswordSetsTheAccountOnTheRequest() {
        Account alice = account("alice", "PERSONNE", null, null, false);
        GatewayRequest request = request("127.0.0.1");

        authenticator.authenticate(request, basic("alice", PASSWORD), null);

        assertThat(request.account()).isEqualTo(alice);
        assertThat(request.login()).isEqualTo("alice");
        assertThat(request.disclosedConvention()).isEqualTo("79-2017-19");
        assertThat(lockoutCalls).isEmpty();
    }

    @Test
    void aWrongPasswordAnUnknownLoginAndAMissingPasswordAnswerAlike() {
        account("alice", "PERSONNE", null, null, false);
        GatewayRequest wrong = request("127.0.0.1");

        assertThat(Refusals.problemOf(() -> authenticator.authenticate(wrong, basic("alice", "Autre-Mot-2026!"), null)))
                .isEqualTo(Problem.CREDENTIALS_INVALID);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("nobody", PASSWORD), null)))
                .isEqualTo(Problem.CREDENTIALS_INVALID);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.2"), "Basic !!!", null)))
                .isEqualTo(Problem.CREDENTIALS_INVALID);
        assertThat(wrong.account()).isNull();
        assertThat(wrong.disclosedConvention()).as("not told before the password is verified").isNull();
        assertThat(lockoutCalls).containsExactly("wrong alice");
    }

    @Test
    void programsWithoutAHumansCredentialsAreRefused() {
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), "Bearer abc.def", null)))
                .isEqualTo(Problem.AUTOMATION_WITHOUT_USER_IDENTITY);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), null, "key-123")))
                .isEqualTo(Problem.AUTOMATION_WITHOUT_USER_IDENTITY);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), null, null)))
                .isEqualTo(Problem.CREDENTIALS_MISSING);
        account("robot", Account.TECHNIQUE, null, null, false);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("robot", PASSWORD), null)))
                .isEqualTo(Problem.AUTOMATION_WITHOUT_USER_IDENTITY);
    }

    @Test
    void theAccountsStateIsToldOnlyOnceThePasswordIsRight() {
        account("suspendu", "PERSONNE", clock.instant(), null, false);
        account("devalide", "PERSONNE", null, clock.instant(), false);
        account("finie", "PERSONNE", null, clock.instant(), true);

        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("suspendu", PASSWORD), null)))
                .isEqualTo(Problem.ACCOUNT_SUSPENDED);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("devalide", PASSWORD), null)))
                .isEqualTo(Problem.ACCOUNT_DEVALIDATED);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("finie", PASSWORD), null)))
                .isEqualTo(Problem.CONVENTION_INACTIVE);
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("suspendu", "Faux-2026!!"),
                null))).as("a wrong password says nothing of the suspension").isEqualTo(Problem.CREDENTIALS_INVALID);
    }

    @Test
    void aPasswordThatMustChangeLetsOnlyThePasswordChangeThrough() {
        Account alice = account("alice", "PERSONNE", null, null, false);
        stored.put("alice", new Account(alice.id(), "alice", "791", "79-2017-19", "Durand", "Alice",
                "alice@example.fr", "PERSONNE", "UTILISATEUR", null, hash, true, 0, null, null, null, clock.instant(),
                clock.instant(), false));

        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("127.0.0.1"), basic("alice", PASSWORD), null)))
                .isEqualTo(Problem.PASSWORD_CHANGE_REQUIRED);
        GatewayRequest change = request("127.0.0.1");
        authenticator.authenticateAllowingPasswordChange(change, basic("alice", PASSWORD), null);
        assertThat(change.account().login()).isEqualTo("alice");
    }

    @Test
    void anAddressThatFailsTooOftenIsStoppedForAWhile() {
        account("alice", "PERSONNE", null, null, false);
        for (int i = 0; i < 3; i++) {
            assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("10.0.0.9"), basic("alice", "Faux-2026!!"),
                    null))).isEqualTo(Problem.CREDENTIALS_INVALID);
        }
        assertThat(Refusals.problemOf(() -> authenticator.authenticate(request("10.0.0.9"), basic("alice", PASSWORD), null)))
                .isEqualTo(Problem.RATE_LIMITED);
        GatewayRequest elsewhere = request("10.0.0.10");
        authenticator.authenticate(elsewhere, basic("alice", PASSWORD), null);
        assertThat(elsewhere.account()).isNotNull();
    }

    @Test
    void theConsoleSignsInWithTheSameRule() {
        account("alice", "PERSONNE", null, null, false);

        assertThat(authenticator.signIn("alice", PASSWORD, request("127.0.0.1")).login()).isEqualTo("alice");
        assertThatThrownBy(() -> authenticator.signIn("alice", "", request("127.0.0.1")))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> authenticator.signIn(null, PASSWORD, request("127.0.0.1")))
                .isInstanceOf(ProblemException.class);
    }
}
