package fr.cdapgateway.admin.routes;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** Numeric ids from the path: anything else names nothing (404). */
final class AdminIds {

    private AdminIds() {
    }

    static long of(String segment) {
        if (segment == null || !segment.matches("[0-9]{1,18}")) {
            throw new ProblemException(Problem.NOT_FOUND, "Identifiant inconnu.");
        }
        return Long.parseLong(segment);
    }
}
