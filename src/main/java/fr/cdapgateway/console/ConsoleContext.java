package fr.cdapgateway.console;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.Caller;
import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.AccountDirectory;

/**
 * What a console controller needs to call the admin services as the signed-in person: the {@link Caller} (from
 * the account as it is now, not as it was at sign-in) and a trace context. Actions are traced ({@link #act});
 * reads that show no trace are not, like the API's reads are not (they are traced as API calls only).
 */
@Component
class ConsoleContext {

    private final AccountDirectory accounts;
    private final ConsoleTraces traces;

    ConsoleContext(AccountDirectory accounts, ConsoleTraces traces) {
        this.accounts = accounts;
        this.traces = traces;
    }

    ConsolePrincipal person() {
        return ConsolePrincipal.current()
                .orElseThrow(() -> new ProblemException(Problem.FORBIDDEN, "Connexion requise."));
    }

    Account account() {
        return accounts.find(person().login())
                .orElseThrow(() -> new ProblemException(Problem.FORBIDDEN, "Compte inconnu."));
    }

    Caller caller() {
        return Caller.of(account());
    }

    /** A read: the services note convention and object in a trace context that is not written. */
    <T> T read(BiFunction<Caller, GatewayRequest, T> work) {
        Caller caller = caller();
        return work.apply(caller, traces.open("CONSOLE_LECTURE", caller.login()));
    }

    /** An action, traced with its outcome (200 unless told) before the page answers. */
    <T> T act(String action, BiFunction<Caller, GatewayRequest, T> work) {
        return act(action, 200, work);
    }

    <T> T act(String action, int status, BiFunction<Caller, GatewayRequest, T> work) {
        ConsolePrincipal person = person();
        return traces.run(person, action, status, request -> work.apply(caller(), request));
    }

    /**
     * An action whose outcome the next page tells: {@code told} of its result when it is done, the refusal's own
     * words when it is refused for a reason the person can act on (a rank, a state, a quota, a typing error). What
     * does not exist for this person stays a "page introuvable", as in the API.
     */
    <T> void actAndTell(String action, int status, RedirectAttributes redirect, Function<T, String> told,
                        BiFunction<Caller, GatewayRequest, T> work) {
        try {
            redirect.addFlashAttribute("message", told.apply(act(action, status, work)));
        } catch (ProblemException refused) {
            if (refused.problem() == Problem.NOT_FOUND) {
                throw refused;
            }
            redirect.addFlashAttribute("erreur", refused.getMessage());
        }
    }
}
