package fr.cdapgateway.admin;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * The authenticated person managing habilitations, with the scope of their role: the same for the admin API
 * and the web console. A plain user has no management rights at all (403).
 */
public record Caller(Account account, Role role) {

    public static Caller of(Account account) {
        Caller caller = new Caller(account, Role.of(account.role()));
        if (caller.role() == Role.UTILISATEUR) {
            throw new ProblemException(Problem.FORBIDDEN,
                    "La gestion des habilitations est réservée aux gestionnaires, administrateurs et à la CAF.");
        }
        return caller;
    }

    public String login() {
        return account.login();
    }

    public boolean cafAdmin() {
        return role == Role.CAF_ADMIN;
    }

    /** An administrator of the caller's convention (principal or substitute). */
    public boolean conventionAdministrator() {
        return role.conventionAdministrator();
    }

    /** Who reads a convention's traces and conducts its annual review: the CAF and the convention's administrators. */
    public boolean readsTraces() {
        return cafAdmin() || conventionAdministrator();
    }

    /** A convention exists for this caller only inside its scope: its CAF, or its own convention. */
    boolean sees(String conventionNumero, String conventionCaf) {
        return cafAdmin() ? account.caf().equals(conventionCaf) : conventionNumero.equals(account.convention());
    }

    void require(boolean allowed, String detail) {
        if (!allowed) {
            throw new ProblemException(Problem.FORBIDDEN, detail);
        }
    }
}
