package fr.cdapgateway.backend;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What protects the CDAP backend (SPEC §11): its circuit breaker, configured in config/resilience.yml, and a bulkhead
 * of {@code gateway.cdap.bulkhead.max-concurrent-calls}, both from resilience4j's registries (so they have their
 * metrics and health indicator). A call takes a {@link Permit} before it leaves and gives it back with its outcome:
 * the call's own step does both (routes/backend.camel.yaml), without Camel's circuit breaker EIP, which copied the
 * exchange and opened a unit of work around every call.
 */
@Configuration(proxyBeanMethods = false)
public class BackendCircuit {

    @Bean
    CircuitBreaker cdapCircuitBreaker(CircuitBreakerRegistry registry) {
        return registry.circuitBreaker("cdap");
    }

    @Bean
    Bulkhead cdapBulkhead(BulkheadRegistry registry,
                          @Value("${gateway.cdap.bulkhead.max-concurrent-calls}") int maxConcurrentCalls) {
        // no wait: the call after the last permit is refused at once (503), never queued on a thread
        return registry.bulkhead("cdap", BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(Duration.ZERO).build());
    }

    @Bean
    Admission cdapAdmission(CircuitBreaker cdapCircuitBreaker, Bulkhead cdapBulkhead) {
        return new Admission(cdapCircuitBreaker, cdapBulkhead);
    }

    /** Lets a call through the bulkhead and the circuit breaker, or refuses it at once. */
    public static final class Admission {

        private final CircuitBreaker breaker;
        private final Bulkhead bulkhead;

        public Admission(CircuitBreaker breaker, Bulkhead bulkhead) {
            this.breaker = breaker;
            this.bulkhead = bulkhead;
        }

        /**
         * A permit for one call: first a place in the bulkhead (a refusal there never reaches the backend, so it is
         * not counted against it), then the circuit's permission.
         *
         * @throws BulkheadFullException    when as many calls as allowed are in flight
         * @throws CallNotPermittedException when the circuit is open (or half-open with its trial calls taken)
         */
        public Permit enter() {
            if (!bulkhead.tryAcquirePermission()) {
                throw BulkheadFullException.createBulkheadFullException(bulkhead);
            }
            try {
                breaker.acquirePermission();
            } catch (CallNotPermittedException open) {
                bulkhead.onComplete();
                throw open;
            }
            return new Permit(breaker, bulkhead, breaker.getCurrentTimestamp());
        }
    }

    /** One call's permit: given back exactly once, with the call's outcome. */
    public static final class Permit {

        private final CircuitBreaker breaker;
        private final Bulkhead bulkhead;
        private final long start;
        private boolean returned;

        private Permit(CircuitBreaker breaker, Bulkhead bulkhead, long start) {
            this.breaker = breaker;
            this.bulkhead = bulkhead;
            this.start = start;
        }

        /** The backend answered and its answer was accepted (a 404 included: not a fault of the backend). */
        public void succeeded() {
            if (!returned) {
                returned = true;
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                bulkhead.onComplete();
            }
        }

        /**
         * The call failed: the circuit breaker counts it or not as {@code BackendFailures} says (a refused dossier
         * is an answer, garbage or a timeout is a fault).
         */
        public void failed(Throwable failure) {
            if (!returned) {
                returned = true;
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
                bulkhead.onComplete();
            }
        }
    }
}
