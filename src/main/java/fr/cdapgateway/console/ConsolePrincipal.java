package fr.cdapgateway.console;

import java.io.Serializable;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.cdapgateway.api.Account;

/**
 * The person signed in to the console, as kept in the server-side session (stored in the database by Spring
 * Session, hence serializable): identity and scope only, never a password or its hash. The account's state is
 * re-read on every request ({@link ConsoleSessionGuard}), so a suspension takes effect at once.
 */
public record ConsolePrincipal(String login, String prenom, String nom, String role, String caf, String convention)
        implements Serializable {

    /** The person signed in on the current request, if any. */
    static Optional<ConsolePrincipal> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsolePrincipal person
                ? Optional.of(person) : Optional.empty();
    }

    static ConsolePrincipal of(Account account) {
        return new ConsolePrincipal(account.login(), account.prenom(), account.nom(), account.role(), account.caf(),
                account.convention());
    }

    public boolean cafAdmin() {
        return Account.CAF_ADMIN.equals(role);
    }

    /** Any role that manages something: a plain user only has its own account. */
    public boolean manager() {
        return role != null && !"UTILISATEUR".equals(role);
    }

    public boolean conventionAdministrator() {
        return "ADMIN_PRINCIPAL".equals(role) || "ADMIN_SUPPLEANT".equals(role);
    }

    @Override
    public String toString() {
        return login;
    }
}
