package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** Who may call the backend: the bulkhead first, then the circuit; every permit comes back once, with its outcome. */
class BackendCircuitTest {

    private final CircuitBreaker breaker = CircuitBreaker.of("cdap", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(4)
            .minimumNumberOfCalls(4).failureRateThreshold(50).waitDurationInOpenState(Duration.ofHours(1))
            .recordException(new BackendFailures()).build());
    private final Bulkhead bulkhead = Bulkhead.of("cdap", BulkheadConfig.custom().maxConcurrentCalls(2)
            .maxWaitDuration(Duration.ZERO).build());
    private final BackendCircuit.Admission admission = new BackendCircuit.Admission(breaker, bulkhead);

    @Test
    void theBulkheadRefusesAtOnceAndEveryPermitComesBack() {
        BackendCircuit.Permit first = admission.enter();
        BackendCircuit.Permit second = admission.enter();

        assertThatThrownBy(admission::enter).isInstanceOf(BulkheadFullException.class);

        first.succeeded();
        first.succeeded(); // given back once only
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
        second.failed(new SocketTimeoutException("read timed out"));
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(2);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void faultsOpenTheCircuitAnswersDoNot() {
        for (int i = 0; i < 4; i++) {
            admission.enter().failed(new ProblemException(Problem.DOSSIER_NOT_FOUND, "404"));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        // the last 4 calls: 2 answers, 2 faults = 50 %
        admission.enter().failed(new ProblemException(Problem.BACKEND_ERROR, "500"));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        admission.enter().failed(new SocketTimeoutException("read timed out"));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(admission::enter).isInstanceOf(CallNotPermittedException.class);
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls())
                .as("a call the circuit refused gives its place in the bulkhead back").isEqualTo(2);
    }
}
