package fr.cdapgateway.auth.routes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.edge.GatewayRequests;

/**
 * The authentication's Camel steps (routes/authentication.camel.yaml): each reads what the exchange carries and
 * calls the rule, {@link Authenticator}, which knows nothing of Camel.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationSteps {

    /** Reads: Authorization, X-API-Key. Sets: the request's account, login and convention. */
    @Bean
    Processor authenticate(Authenticator authenticator) {
        return exchange -> authenticator.authenticate(GatewayRequests.of(exchange), header(exchange, "Authorization"),
                header(exchange, "X-API-Key"));
    }

    /** The same, for the one call an account whose password must change may still make. */
    @Bean
    Processor authenticateForPasswordChange(Authenticator authenticator) {
        return exchange -> authenticator.authenticateAllowingPasswordChange(GatewayRequests.of(exchange),
                header(exchange, "Authorization"), header(exchange, "X-API-Key"));
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
