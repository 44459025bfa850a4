package fr.cdapgateway.console;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.AccountDirectory;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.habilitation.ConventionInForce;

/**
 * On every page of a signed-in person, before anything else: the session has not outlived its absolute limit
 * (8 h), the account is still what it was at sign-in (not suspended, devalidated or locked since, same role, its
 * convention in force) — a CAF suspension ends the session on the next click — and a password change that is due
 * comes first. After it, a page that only shows something is traced, as the API traces its reads.
 */
@Component
class ConsoleSessionGuard implements HandlerInterceptor {

    private static final Set<String> DURING_PASSWORD_CHANGE = Set.of("/mot-de-passe", "/erreur", "/error");

    private final AccountDirectory accounts;
    private final Authenticator authenticator;
    private final ConventionInForce conventionInForce;
    private final ConsoleProperties properties;
    private final Clock clock;
    private final ConsoleTraces traces;

    ConsoleSessionGuard(AccountDirectory accounts, Authenticator authenticator, ConventionInForce conventionInForce,
                        ConsoleProperties properties, Clock clock, ConsoleTraces traces) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.conventionInForce = conventionInForce;
        this.properties = properties;
        this.clock = clock;
        this.traces = traces;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        ConsolePrincipal person = ConsolePrincipal.current().orElse(null);
        if (person == null) {
            return true;
        }
        HttpSession session = request.getSession(false);
        Object signedInAt = session == null ? null : session.getAttribute(ConsoleSecurity.SIGNED_IN_AT);
        if (!(signedInAt instanceof Long at) || clock.millis() - at > properties.absoluteTimeout().toMillis()) {
            return end(request, response, "expiree");
        }
        Optional<Account> account = accounts.find(person.login());
        if (account.isEmpty() || !stillValid(account.get(), person)) {
            return end(request, response, "fin");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!DURING_PASSWORD_CHANGE.contains(path) && authenticator.passwordChangeDue(account.get()).isPresent()) {
            response.sendRedirect(request.getContextPath() + "/mot-de-passe");
            return false;
        }
        return true;
    }

    /** A page shown to a signed-in person is traced (once, and not when an action of it already was). */
    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           org.springframework.web.servlet.ModelAndView view) {
        boolean redirect = view != null && view.getViewName() != null && view.getViewName().startsWith("redirect:");
        if ("GET".equals(request.getMethod()) && !redirect) {
            ConsolePrincipal.current().ifPresent(person -> traces.page(person, response.getStatus(), null));
        }
    }

    private boolean stillValid(Account account, ConsolePrincipal person) {
        if (account.suspended() || account.devalidated() || account.locked() || account.technical()
                || !account.role().equals(person.role())) {
            return false;
        }
        try {
            conventionInForce.require(account);
            return true;
        } catch (ProblemException inactive) {
            return false;
        }
    }

    private static boolean end(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + "/connexion?" + why);
        return false;
    }
}
