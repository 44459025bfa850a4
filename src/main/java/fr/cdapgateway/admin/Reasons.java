package fr.cdapgateway.admin;

import fr.cdapgateway.api.GatewayRequest;

/**
 * The reason a person gives for an act that takes something away (a suspension, a devalidation, the delegation
 * withdrawn, a request refused; optional for the others): kept in the object's history, where those who manage it
 * read it, and in the act's trace.
 */
final class Reasons {

    private Reasons() {
    }

    /** A reason as given, trimmed, at most 500 characters; none when blank. */
    static String of(String motif) {
        return IdentityRules.optional(motif, 500, "motif");
    }

    /** The history's detail with the reason after it. */
    static String detail(String detail, String motif) {
        if (motif == null) {
            return detail;
        }
        return (detail == null ? "" : detail + " — ") + "motif : " + motif;
    }

    /** The trace names the reason with the object acted on. */
    static void trace(GatewayRequest request, String motif) {
        if (motif != null) {
            request.objet(detail(request.objet(), motif));
        }
    }
}
