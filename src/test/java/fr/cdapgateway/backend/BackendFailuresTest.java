package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** What opens the backend circuit, and what must not. */
class BackendFailuresTest {

    private final BackendFailures failures = new BackendFailures();

    @Test
    void backendErrorsAndBrokenCallsCount() {
        assertThat(failures.test(new ProblemException(Problem.BACKEND_ERROR, "500"))).isTrue();
        assertThat(failures.test(new SocketTimeoutException("read timed out"))).isTrue();
    }

    @Test
    void answersAndOurOwnRefusalsDoNot() {
        assertThat(failures.test(new ProblemException(Problem.DOSSIER_NOT_FOUND, "404"))).isFalse();
        assertThat(failures.test(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("cdap"))))
                .isFalse();
    }
}
