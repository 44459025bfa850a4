package fr.cdapgateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import fr.cdapgateway.api.Account;

/**
 * What a request's authentication costs once the password has been verified (SPEC §13: 20 µs at most):
 * parsing the Basic header, finding the account in its cache, and checking the HMAC-keyed credential cache —
 * against the cold Argon2id verification it replaces. Run by bench/run.sh (JMH), not by mvn verify.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CredentialCheckBenchmark {

    private static final String PASSWORD = "Demo-Cdap-2026!";

    private String header;
    private AccountDirectory accounts;
    private CredentialCache cache;
    private PasswordHasher hasher;
    private Account account;

    @Setup
    public void setUp() {
        AuthProperties properties = new AuthProperties(Duration.ofMinutes(5), 100_000, Duration.ofSeconds(30), 2,
                Duration.ofSeconds(2), 10, 25, Duration.ofDays(365), new AuthProperties.Argon2(19456, 2, 1));
        hasher = new PasswordHasher(properties);
        account = new Account(1, "niort.agent1", "791", "79-2017-19", "MARCHETTI", "Lucie", "l@niort.example",
                "PERSONNE", "UTILISATEUR", null, hasher.hash(PASSWORD), false, 0, null, null, null, null, null, false);
        accounts = new AccountDirectory(new AccountRepository(null) {
            @Override
            public Optional<Account> findByLogin(String login) {
                return Optional.of(account);
            }
        }, properties);
        cache = new CredentialCache(properties);
        cache.remember("niort.agent1", PASSWORD, account);
        header = "Basic " + Base64.getEncoder().encodeToString(("niort.agent1:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public boolean cachedCheck() {
        BasicCredentials credentials = BasicCredentials.parse(header).orElseThrow();
        Account found = accounts.find(credentials.login()).orElseThrow();
        return cache.isVerified(credentials.login(), credentials.password(), found);
    }

    @Benchmark
    public boolean coldArgon2Verification() {
        return hasher.matches(PASSWORD, account.passwordHash());
    }
}
