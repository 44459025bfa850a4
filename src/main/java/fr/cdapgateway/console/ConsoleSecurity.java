package fr.cdapgateway.console;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.auth.AccountDirectory;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.trace.TraceUnavailableException;

/**
 * Who may reach what on the console's port (SPEC §8), and how a person signs in and out: form login over the
 * API's own accounts ({@link ConsoleSignIn}), server-side sessions in the database (Spring Session JDBC) with the
 * session id renewed at sign-in, CSRF on every form, a strict Content-Security-Policy (no inline script),
 * {@code frame-ancestors 'none'} and {@code Cache-Control: no-store} on every page. The actuator, on its own
 * port, is left to the network (its own chain: no session, no form).
 */
@Configuration
@EnableWebSecurity
class ConsoleSecurity {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    /** When the person signed in (epoch millis), for the absolute session timeout. */
    static final String SIGNED_IN_AT = "consoleSignedInAt";

    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ConsoleTraces traces,
                                Authenticator authenticator, AccountDirectory accounts, Clock clock) throws Exception {
        // the sign-in provider is the application's only AuthenticationProvider bean: Spring Security's global
        // authentication manager uses it; adding it to this chain too would run every failed attempt twice
        http.authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/connexion", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error").permitAll()
                        // reached from a mail, before the person can sign in (SPEC §14.3)
                        .requestMatchers("/activation/*", "/mot-de-passe-oublie").permitAll()
                        .requestMatchers("/", "/mon-compte", "/mon-compte/**", "/mot-de-passe", "/demo/courriels")
                        .authenticated()
                        .anyRequest().hasAuthority(ConsoleSignIn.MANAGER))
                .formLogin(f -> f.loginPage("/connexion").loginProcessingUrl("/connexion")
                        .usernameParameter("identifiant").passwordParameter("motDePasse")
                        .successHandler(signedIn(authenticator, accounts, clock))
                        .failureHandler(refused()))
                .logout(l -> l.logoutUrl("/deconnexion").invalidateHttpSession(true).clearAuthentication(true)
                        .deleteCookies("CDAP_CONSOLE").logoutSuccessHandler(signedOut(traces)))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .exceptionHandling(e -> e.authenticationEntryPoint(signInFirst()).accessDeniedHandler(denied(traces)))
                .requestCache(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * A page asked without a session goes to the sign-in page, saying so when the session it came with has
     * expired. (Not Spring Security's invalid-session URL: it would also turn a form posted without its CSRF
     * token into a redirect, where the console must refuse it.)
     */
    private static AuthenticationEntryPoint signInFirst() {
        return (request, response, e) -> response.sendRedirect(request.getContextPath() + "/connexion"
                + (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid() ? "?expiree" : ""));
    }

    /** After sign-in: to the password change if one is due (initial password, yearly renewal), else home. */
    private static AuthenticationSuccessHandler signedIn(Authenticator authenticator, AccountDirectory accounts,
                                                         Clock clock) {
        return (request, response, authentication) -> {
            ConsolePrincipal person = (ConsolePrincipal) authentication.getPrincipal();
            request.getSession().setAttribute(SIGNED_IN_AT, clock.millis());
            boolean changeDue = accounts.find(person.login()).flatMap(authenticator::passwordChangeDue).isPresent();
            response.sendRedirect(request.getContextPath() + (changeDue ? "/mot-de-passe" : "/"));
        };
    }

    /** A refused sign-in comes back to the form with the reason's code, never with what was typed. */
    private static AuthenticationFailureHandler refused() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            String code = e instanceof ConsoleSignIn.Refused refusal ? refusal.problem().code() : "credentials-invalid";
            response.sendRedirect(request.getContextPath() + "/connexion?erreur=" + code);
        };
    }

    private static LogoutSuccessHandler signedOut(ConsoleTraces traces) {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof ConsolePrincipal person) {
                GatewayRequest trace = traces.open("CONSOLE_DECONNEXION", person.login());
                trace.convention(person.convention());
                trace.identified();
                writeQuietly(traces, trace);
            }
            response.sendRedirect(request.getContextPath() + "/connexion?deconnecte");
        };
    }

    /**
     * A page refused to this person's role, or a form posted without its CSRF token: 403 with a page that says so,
     * and a trace of the refusal.
     */
    private static AccessDeniedHandler denied(ConsoleTraces traces) {
        return (request, response, e) -> {
            boolean csrf = e instanceof CsrfException;
            traces.refusal(ConsolePrincipal.current().orElse(null),
                    csrf ? "CONSOLE_FORMULAIRE_REFUSE" : "CONSOLE_ACCES_REFUSE", 403,
                    csrf ? "csrf-token-invalid" : "forbidden");
            request.setAttribute(ConsoleErrors.REASON, csrf ? ConsoleErrors.Reason.CSRF : ConsoleErrors.Reason.FORBIDDEN);
            response.setStatus(403);
            try {
                request.getRequestDispatcher("/erreur").forward(request, response);
            } catch (jakarta.servlet.ServletException forwardFailed) {
                throw new IOException(forwardFailed);
            }
        };
    }

    /** Sign-out and refusals are traced; a trace store that is down must not keep a person signed in. */
    private static void writeQuietly(ConsoleTraces traces, GatewayRequest trace) {
        try {
            traces.write(trace);
        } catch (TraceUnavailableException e) {
            org.slf4j.LoggerFactory.getLogger(ConsoleSecurity.class)
                    .error("console: trace of {} could not be written", trace.action());
        }
    }
}
