package fr.cdapgateway.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.habilitation.ConventionInForce;
import fr.cdapgateway.trace.TraceUnavailableException;

/**
 * Sign-in to the console with the same accounts and the same checks as the API (SPEC §7): Argon2 with bounded
 * concurrency, lockout after 10 consecutive or 25 daily failures, failures counted per client address, technical
 * accounts refused, a partner only while its convention is in force. Every attempt is traced with the login
 * attempted, as API failures are.
 */
@Component
class ConsoleSignIn implements AuthenticationProvider {

    /** Granted to every role that manages something (all but the plain user). */
    static final String MANAGER = "GESTION";
    static final String ACTION = "CONSOLE_CONNEXION";

    private final Authenticator authenticator;
    private final ConventionInForce conventionInForce;
    private final ConsoleTraces traces;

    ConsoleSignIn(Authenticator authenticator, ConventionInForce conventionInForce, ConsoleTraces traces) {
        this.authenticator = authenticator;
        this.conventionInForce = conventionInForce;
        this.traces = traces;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String login = attempt.getName();
        String password = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
        GatewayRequest request = traces.open(ACTION, login);
        Account account;
        try {
            account = authenticator.signIn(login, password, request);
            conventionInForce.require(account);
        } catch (ProblemException refused) {
            request.outcome(refused.problem().status(), refused.tracedCode());
            write(request);
            throw new Refused(refused.problem());
        }
        request.convention(account.convention());
        request.identified();
        write(request);
        ConsolePrincipal person = ConsolePrincipal.of(account);
        return UsernamePasswordAuthenticationToken.authenticated(person, null, authorities(person));
    }

    private void write(GatewayRequest request) {
        try {
            traces.write(request);
        } catch (TraceUnavailableException e) {
            throw new Refused(Problem.TRACE_UNAVAILABLE);
        }
    }

    static List<GrantedAuthority> authorities(ConsolePrincipal person) {
        List<GrantedAuthority> authorities = new ArrayList<>(2);
        authorities.add(new SimpleGrantedAuthority("ROLE_" + person.role()));
        if (person.manager()) {
            authorities.add(new SimpleGrantedAuthority(MANAGER));
        }
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A refused sign-in, with the problem the API would have answered (its code chooses the message shown). */
    static final class Refused extends AuthenticationException {

        private final transient Problem problem;

        Refused(Problem problem) {
            super(problem.code());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
