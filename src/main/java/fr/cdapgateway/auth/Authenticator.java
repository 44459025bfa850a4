package fr.cdapgateway.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.Sanitizer;


/**
 * The human-identity rule (SPEC §7): every call carries a named person's own login and password. Checks run
 * in an order that never tells an unauthenticated caller whether a login exists, is locked (SPEC §14.4) or waits
 * for its holder's first password: each answers exactly like a wrong password, after the same work. The account's
 * state is only revealed once the password is right.
 */
@Component("authenticator")
public class Authenticator {

    /** How much longer than a verification may last a caller waits for one it shares. */
    private static final long SHARED_VERIFICATION_MARGIN_MS = 5_000;

    private final AccessNotifier notifier;
    private final AccountDirectory accounts;
    private final AccountRepository repository;
    private final CredentialCache credentialCache;
    private final PasswordHasher hasher;
    private final AuthProperties properties;
    private final Semaphore coldVerifications;
    private final Clock clock;
    private final FailedLogins failedLogins;
    private final Lockout lockout;
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

    Authenticator(AccountDirectory accounts, AccountRepository repository, CredentialCache credentialCache,
                  PasswordHasher hasher, AuthProperties properties, Clock clock, FailedLogins failedLogins,
                  AccessNotifier notifier, Lockout lockout) {
        this.notifier = notifier;
        this.lockout = lockout;
        this.accounts = accounts;
        this.repository = repository;
        this.credentialCache = credentialCache;
        this.hasher = hasher;
        this.properties = properties;
        this.coldVerifications = new Semaphore(properties.maxConcurrentVerifications(), true);
        this.clock = clock;
        this.failedLogins = failedLogins;
    }

    /**
     * For every route but the password change: an account whose password must change cannot act yet.
     * {@code authorization} and {@code apiKey} are the request's headers of those names; the account is set on
     * the request.
     */
    public void authenticate(GatewayRequest request, String authorization, String apiKey) {
        authenticateAllowingPasswordChange(request, authorization, apiKey);
        Account account = request.account();
        passwordChangeDue(account).ifPresent(reason -> {
            throw new ProblemException(Problem.PASSWORD_CHANGE_REQUIRED, reason + " (PUT /api/v1/moi/mot-de-passe).");
        });
    }

    /**
     * Why this account must change its password before anything else, if it must: an initial password set by a
     * manager, or an administrator's password older than a year (SPEC §7).
     */
    public Optional<String> passwordChangeDue(Account account) {
        if (account.mustChangePassword()) {
            return Optional.of("Votre mot de passe doit être changé avant toute consultation");
        }
        if (account.administrator() && (account.passwordChangedAt() == null || account.passwordChangedAt()
                .isBefore(clock.instant().minus(properties.administratorPasswordMaxAge())))) {
            return Optional.of("Le mot de passe d'un administrateur doit être renouvelé chaque année");
        }
        return Optional.empty();
    }

    /** The same for the one call an account whose password must change may still make: changing it. */
    public void authenticateAllowingPasswordChange(GatewayRequest request, String authorization, String apiKey) {
        refuseAutomation(authorization, apiKey);
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(Problem.CREDENTIALS_MISSING,
                    "Chaque appel doit porter l'identifiant et le mot de passe de l'utilisateur (HTTP Basic).");
        }
        request.account(verify(BasicCredentials.parse(authorization), request));
    }

    /**
     * A person signing in to the web console with the login and password typed in its form: the same checks, the
     * same lockout and the same counting of failures per account and per client address as the API.
     */
    public Account signIn(String login, String password, GatewayRequest request) {
        boolean wellFormed = login != null && !login.isBlank() && login.length() <= BasicCredentials.MAX_LOGIN
                && password != null && !password.isEmpty() && password.length() <= BasicCredentials.MAX_PASSWORD;
        return verify(wellFormed ? Optional.of(new BasicCredentials(login.trim(), password)) : Optional.empty(),
                request);
    }

    private Account verify(Optional<BasicCredentials> parsed, GatewayRequest request) {
        Optional<Account> found = parsed.flatMap(c -> accounts.find(c.login()));
        // Credentials this instance has already verified are never refused for their client address: a town
        // hall's agents and its billing server share one address, and one colleague's mistyped password must not
        // stop the others. Only calls that would need a password verification are throttled per address.
        boolean verified = found.isPresent() && !found.get().locked()
                && credentialCache.isVerified(parsed.get().login(), parsed.get().password(), found.get());
        if (!verified) {
            failedLogins.refuseIfTooMany(request);
        }
        BasicCredentials credentials = parsed.orElseThrow(() -> failed(request));
        request.login(Sanitizer.clean(credentials.login(), 100));

        if (found.isEmpty()) {
            verifyCold(() -> hasher.spendVerificationTime(credentials.password()));
            throw failed(request);
        }
        Account account = found.get();
        request.convention(account.convention()); // for the trace only, until the password is verified
        if (account.locked() || account.passwordHash() == null) {
            // not even verified: the same work as for an unknown login, the same answer as a wrong password
            verifyCold(() -> hasher.spendVerificationTime(credentials.password()));
            lockout.attempted(account);
            failed(request);
            throw account.locked() ? new AccountLocked() : new BasicCredentialsInvalid();
        }
        if (!verified && !passwordMatches(credentials, account)) {
            boolean lockedNow = lockout.wrongPassword(account, clock.instant());
            accounts.invalidate(account.login());
            if (lockedNow) {
                // the lock holds on every instance of a cluster, not only here
                notifier.changed();
            }
            throw failed(request);
        }
        request.identified();
        if (account.consecutiveFailures() > 0) {
            repository.resetFailures(account.id());
            accounts.invalidate(account.login());
        }
        refuseAccountState(account);
        noteLastLogin(account);
        return account;
    }

    private void noteLastLogin(Account account) {
        java.time.Instant now = clock.instant();
        if (account.lastLogin() == null || account.lastLogin().isBefore(now.minus(java.time.Duration.ofDays(1)))) {
            repository.touchLastLogin(account.id(), now);
            accounts.invalidate(account.login());
        }
    }

    /** Every failed login counts against the client address as well as against the account. */
    private ProblemException failed(GatewayRequest request) {
        failedLogins.record(request);
        return new BasicCredentialsInvalid();
    }

    private static void refuseAutomation(String authorization, String apiKey) {
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6);
        boolean keyOnly = apiKey != null && (authorization == null || authorization.isBlank());
        if (bearer || keyOnly) {
            throw new ProblemException(Problem.AUTOMATION_WITHOUT_USER_IDENTITY,
                    "Un programme ne peut appeler qu'avec l'identifiant et le mot de passe de l'utilisateur nommé "
                            + "pour lequel il agit ; clés d'API et jetons ne sont pas acceptés.");
        }
    }

    private static void refuseAccountState(Account account) {
        if (account.technical()) {
            throw new ProblemException(Problem.AUTOMATION_WITHOUT_USER_IDENTITY,
                    "Ce compte technique ne désigne pas une personne : il ne peut pas consulter de dossier.");
        }
        if (account.devalidated() && account.conventionEnded()) {
            throw new ProblemException(Problem.CONVENTION_INACTIVE,
                    "La convention de ce compte a pris fin : plus aucune consultation ni gestion n'est possible.");
        }
        if (account.devalidated()) {
            throw new ProblemException(Problem.ACCOUNT_DEVALIDATED, "Ce compte a été dévalidé.");
        }
        if (account.suspended()) {
            throw new ProblemException(Problem.ACCOUNT_SUSPENDED,
                    "Ce compte est suspendu : contactez l'administrateur de votre convention.");
        }
    }

    /**
     * A cold verification. Calls carrying the same credentials at the same moment (a billing server starting 16
     * connections for one agent) share one Argon2 computation instead of queueing one each.
     */
    private boolean passwordMatches(BasicCredentials credentials, Account account) {
        if (credentialCache.isVerified(credentials.login(), credentials.password(), account)) {
            return true;
        }
        String key = credentialCache.fingerprint(credentials.login(), credentials.password()) + account.passwordHash();
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitShared(running);
        }
        try {
            boolean[] matches = new boolean[1];
            verifyCold(() -> matches[0] = hasher.matches(credentials.password(), account.passwordHash()));
            if (matches[0]) {
                credentialCache.remember(credentials.login(), credentials.password(), account);
            }
            mine.complete(matches[0]);
            return matches[0];
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private boolean awaitShared(CompletableFuture<Boolean> running) {
        try {
            return running.get(properties.verificationWait().toMillis() + SHARED_VERIFICATION_MARGIN_MS,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProblemException problem ? problem : busy();
        } catch (TimeoutException e) {
            throw busy();
        }
    }

    private static ProblemException busy() {
        return new ProblemException(Problem.RATE_LIMITED,
                "Trop de vérifications de mot de passe en cours : réessayez dans un instant.");
    }

    /** Runs an Argon2 verification with bounded concurrency; when saturated, the caller is asked to retry. */
    private void verifyCold(Runnable verification) {
        boolean acquired;
        try {
            acquired = coldVerifications.tryAcquire(properties.verificationWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw busy();
        }
        try {
            verification.run();
        } finally {
            coldVerifications.release();
        }
    }

    private static class BasicCredentialsInvalid extends ProblemException {
        BasicCredentialsInvalid() {
            super(Problem.CREDENTIALS_INVALID, "Identifiant ou mot de passe incorrect.");
        }
    }

    /** Answered as a wrong password, traced as what it is. */
    private static final class AccountLocked extends BasicCredentialsInvalid {

        static final String CODE = "account-locked";

        @Override
        public String tracedCode() {
            return CODE;
        }
    }
}
