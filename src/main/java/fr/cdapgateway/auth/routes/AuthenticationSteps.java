package fr.cdapgateway.auth.routes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.habilitation.ConventionInForce;
import fr.cdapgateway.throttle.SharingDetector;

/**
 * Who is calling (SPEC §7), the first step of every authenticated API route: each step reads what the exchange
 * carries and calls the rules, {@link Authenticator}, {@link ConventionInForce} and {@link SharingDetector}, which
 * know nothing of Camel. One step, not a route of three: the three rules always go together, in this order.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationSteps {

    /**
     * Every call carries the named human user's own login and password: API keys, bearer tokens and technical
     * accounts are refused (401 automation-without-user-identity); a partner's account acts only while its
     * convention is in force (403 convention-inactive); the same login from two addresses within a minute is
     * flagged, or refused. Reads: Authorization, X-API-Key, the client's address. Sets: the request's account, login
     * and convention.
     */
    @Bean
    Processor authenticateUser(Authenticator authenticator, ConventionInForce conventions, SharingDetector sharing) {
        return exchange -> {
            GatewayRequest request = GatewayRequests.of(exchange);
            authenticator.authenticate(request, header(exchange, "Authorization"), header(exchange, "X-API-Key"));
            conventions.check(request);
            sharing.check(request);
        };
    }

    /**
     * The same, for the one call an account whose password must change may still make (changing it), whatever
     * its convention's state: its own account.
     */
    @Bean
    Processor authenticateUserForPasswordChange(Authenticator authenticator, SharingDetector sharing) {
        return exchange -> {
            GatewayRequest request = GatewayRequests.of(exchange);
            authenticator.authenticateAllowingPasswordChange(request, header(exchange, "Authorization"),
                    header(exchange, "X-API-Key"));
            sharing.check(request);
        };
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
