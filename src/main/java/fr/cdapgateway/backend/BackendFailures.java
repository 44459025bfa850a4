package fr.cdapgateway.backend;

import java.util.function.Predicate;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * What counts as a failure of the CDAP backend for its circuit breaker (config/resilience.yml): errors, garbage,
 * timeouts and broken connections — not a dossier that does not exist, which is a normal answer.
 */
public class BackendFailures implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return !(failure instanceof ProblemException problem) || problem.problem() == Problem.BACKEND_ERROR;
    }
}
