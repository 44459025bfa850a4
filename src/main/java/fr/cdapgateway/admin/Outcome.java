package fr.cdapgateway.admin;

/**
 * What a change asked of a manager became: done at once, or, in a CENTRALISE convention, filed as a request
 * ({@code demande}) for the CAF to decide. The API answers 201/204 or 202; the console says which in words.
 */
public record Outcome(boolean filed, Record view) {

    static Outcome done(Record view) {
        return new Outcome(false, view);
    }

    static Outcome filed(DemandeView demande) {
        return new Outcome(true, demande);
    }
}
