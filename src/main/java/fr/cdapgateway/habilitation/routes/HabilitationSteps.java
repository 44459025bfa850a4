package fr.cdapgateway.habilitation.routes;

import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.habilitation.AccessPolicy;
import fr.cdapgateway.habilitation.HabilitationCheck;
import fr.cdapgateway.habilitation.OtherCafDossiers;
import fr.cdapgateway.habilitation.WhoAmI;

/**
 * The habilitation's Camel steps: each reads the headers it needs, if any, and calls the rule
 * ({@link ConventionInForce}, {@link HabilitationCheck}, {@link OtherCafDossiers}) with typed inputs.
 */
@Configuration(proxyBeanMethods = false)
class HabilitationSteps {

    /** Reads: the account, X-Profil, X-Motif, X-Numero-Instructeur. Sets: the request's grant, service, purpose. */
    @Bean
    Processor checkQuotientFamilial(HabilitationCheck check) {
        return exchange -> check.check(GatewayRequests.of(exchange), demand(exchange.getMessage(), true));
    }

    /** The same for a whole dossier. */
    @Bean
    Processor checkDossier(HabilitationCheck check) {
        return exchange -> check.check(GatewayRequests.of(exchange), demand(exchange.getMessage(), false));
    }

    /** Reads: the request's convention and holding CAF. Serves, reports or refuses another CAF's dossier. */
    @Bean
    Processor checkOtherCaf(OtherCafDossiers dossiers) {
        return exchange -> dossiers.check(GatewayRequests.of(exchange));
    }

    /** {@code GET /api/v1/moi}: reads the request's account, answers what it may do. */
    @Bean
    Processor describeMe(WhoAmI whoAmI, Answers answers) {
        return exchange -> answers.ok(exchange, whoAmI.describe(GatewayRequests.of(exchange).account()));
    }

    private static AccessPolicy.Demand demand(Message in, boolean quotientFamilial) {
        return new AccessPolicy.Demand(quotientFamilial, in.getHeader("X-Profil", String.class),
                in.getHeader("X-Motif", String.class), in.getHeader("X-Numero-Instructeur", String.class));
    }
}
