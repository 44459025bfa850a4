package fr.cdapgateway.backend;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The circuit breaker of the CDAP backend, configured in config/resilience.yml and handed to the Camel
 * resilience4j EIP of routes/backend.camel.yaml by name; resilience4j's own Spring Boot support gives it its
 * metrics and health indicator.
 */
@Configuration(proxyBeanMethods = false)
class BackendCircuit {

    @Bean
    CircuitBreaker cdapCircuitBreaker(CircuitBreakerRegistry registry) {
        return registry.circuitBreaker("cdap");
    }
}
