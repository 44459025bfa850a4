package fr.cdapgateway.admin;

import org.apache.camel.Exchange;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.Account;
import fr.cdapgateway.auth.Authenticator;

/** The authenticated person calling the admin API, with the scope of their role. */
record Caller(Account account, Role role) {

    static Caller of(Exchange exchange) {
        Account account = exchange.getProperty(Authenticator.ACCOUNT, Account.class);
        Caller caller = new Caller(account, Role.of(account.role()));
        if (caller.role() == Role.UTILISATEUR) {
            throw new ProblemException(Problem.FORBIDDEN,
                    "La gestion des habilitations est réservée aux gestionnaires, administrateurs et à la CAF.");
        }
        return caller;
    }

    String login() {
        return account.login();
    }

    boolean cafAdmin() {
        return role == Role.CAF_ADMIN;
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
