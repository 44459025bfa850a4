package fr.cdapgateway.support;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** The problem a rule refuses with, for the rules' unit tests. */
public final class Refusals {

    private Refusals() {
    }

    /** The problem {@code call} refused with; fails the test if it was not refused. */
    public static Problem problemOf(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a refusal");
    }
}
