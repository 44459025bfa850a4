package fr.cdapgateway.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** {@code PUT /api/v1/moi/mot-de-passe}: a user changes their own password (first thing after an initial one). */
@Component("passwordChange")
public class PasswordChange {

    private final AccessNotifier notifier;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AccountRepository repository;
    private final AccountDirectory accounts;
    private final Clock clock;

    PasswordChange(PasswordPolicy policy, PasswordHasher hasher, AccountRepository repository,
                   AccountDirectory accounts, Clock clock, AccessNotifier notifier) {
        this.notifier = notifier;
        this.policy = policy;
        this.hasher = hasher;
        this.repository = repository;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** On the API: the password verified is the one of the call's Basic credentials ({@code authorization}). */
    public void change(Account account, String authorization, PasswordChoice choice) {
        String verified = BasicCredentials.parse(authorization).map(BasicCredentials::password).orElseThrow();
        change(account, verified, choice.ancienMotDePasse(), choice.nouveauMotDePasse());
    }

    /** The old password typed, and the new one. */
    public record PasswordChoice(String ancienMotDePasse, String nouveauMotDePasse) {
    }

    /**
     * The rule, Camel-free: {@code verified} is the password the caller was just authenticated with (the API's
     * Basic credentials, or the console's re-verification); the old password typed must be it, the new one must
     * differ and satisfy the policy. The caches forget the account at once.
     */
    public void change(Account account, String verified, String ancien, String nouveau) {
        if (ancien == null || nouveau == null) {
            throw new ProblemException(Problem.INVALID_REQUEST,
                    "Les champs ancienMotDePasse et nouveauMotDePasse sont obligatoires.");
        }
        if (!sameText(verified, ancien)) {
            throw new ProblemException(Problem.INVALID_REQUEST, "L'ancien mot de passe ne correspond pas.");
        }
        if (sameText(verified, nouveau)) {
            throw new ProblemException(Problem.WEAK_PASSWORD, "Le nouveau mot de passe doit différer de l'ancien.");
        }
        policy.refusal(account.login(), nouveau).ifPresent(reason -> {
            throw new ProblemException(Problem.WEAK_PASSWORD, reason);
        });
        repository.changePassword(account.id(), hasher.hash(nouveau), clock.instant());
        accounts.invalidate(account.login());
        // the other instances of a cluster must stop taking the old password at once
        notifier.changed();
    }

    private static boolean sameText(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
