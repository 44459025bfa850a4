package fr.cdapgateway.admin;

import java.util.Map;

/**
 * What a change asked of a manager became: done at once, or, in a CENTRALISE convention, filed as a request
 * ({@code demande}) for the CAF to decide. The API answers 201/204 or 202; the console says which in words.
 */
public record Outcome(boolean filed, Map<String, Object> view) {

    static Outcome done(Map<String, Object> view) {
        return new Outcome(false, view);
    }

    static Outcome filed(Map<String, Object> demande) {
        return new Outcome(true, demande);
    }
}
