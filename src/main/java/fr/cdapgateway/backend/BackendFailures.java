package fr.cdapgateway.backend;

import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.BulkheadFullException;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * What counts as a failure of the CDAP backend for its circuit breaker (config/resilience.yml): errors, garbage,
 * timeouts and broken connections — not a dossier that does not exist, which is a normal answer, and not a call
 * our own bulkhead refused, which never reached the backend (counting those opened the circuit under load).
 */
public class BackendFailures implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        if (failure instanceof BulkheadFullException) {
            return false;
        }
        return !(failure instanceof ProblemException problem) || problem.problem() == Problem.BACKEND_ERROR;
    }
}
