package fr.cdapgateway.throttle.routes;

import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.throttle.Throttle;

/** The throttle's Camel steps: the rule, {@link Throttle}, reads the typed request (its sharing check is a step of authenticateUser). */
@Configuration(proxyBeanMethods = false)
class ThrottleSteps {

    /** Reads: the request's account. Consumes its buckets; refuses 429 over a limit. */
    @Bean
    Processor throttleConsultation(Throttle throttle) {
        return exchange -> throttle.consultation(GatewayRequests.of(exchange));
    }

    /** The same for an item of a batch: the batch allowance instead of the per-second burst. */
    @Bean
    Processor throttleBatchItem(Throttle throttle) {
        return exchange -> throttle.batchItem(GatewayRequests.of(exchange));
    }
}
