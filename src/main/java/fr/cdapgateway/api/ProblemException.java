package fr.cdapgateway.api;

import java.util.Map;

/**
 * A refusal with a stable problem code. Thrown by the rules, mapped once by {@code routes/errors.camel.yaml}.
 * No stack trace: it is an expected outcome, not a bug, and it is thrown on the hot path.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, Object> extensions;

    public ProblemException(Problem problem, String detail) {
        this(problem, detail, Map.of());
    }

    public ProblemException(Problem problem, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.problem = problem;
        this.extensions = extensions;
    }

    public Problem problem() {
        return problem;
    }

    /**
     * The code the trace records: the problem's own, unless the answer must hide the real reason (a locked account
     * answers exactly like a wrong password, SPEC §14.4, while its trace keeps {@code account-locked}).
     */
    public String tracedCode() {
        return problem.code();
    }

    /** Extra members of the problem document (e.g. the profiles to choose from). */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
