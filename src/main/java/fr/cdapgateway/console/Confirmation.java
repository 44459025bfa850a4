package fr.cdapgateway.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;

/**
 * The recap page before an act that cannot be undone in one click (issue 23): it names who and what, asks a reason
 * where the rule wants one, and works without JavaScript — the act's own button posts to the act's address, which
 * answers with this page; the page posts again to the same address with {@code confirme=oui} (and the reason). Going
 * back is a link, never a second button that acts.
 *
 * @param titre           what is about to happen ("Suspendre le compte de Lucie MARCHETTI")
 * @param recap           who and what, label and value, in the order a person checks them
 * @param consequence     what will follow, in one sentence
 * @param action          where the confirmed form posts (the act's own address)
 * @param champs          the act's other fields, posted again unchanged
 * @param motifObligatoire whether a reason is required (suspend, devalidate, withdraw the delegation, refuse)
 * @param bouton          the confirming button's words
 * @param retour          where "Annuler" leads
 */
record Confirmation(String titre, List<Ligne> recap, String consequence, String action, Map<String, String> champs,
                    boolean motifObligatoire, String bouton, String retour) {

    record Ligne(String libelle, String valeur) {
    }

    static final String CONFIRMED = "oui";

    /** Refuses at once, before any recap, an act this person may not make: no page offers what will be refused. */
    static void require(boolean allowed, String detail) {
        if (!allowed) {
            throw new fr.cdapgateway.api.ProblemException(fr.cdapgateway.api.Problem.FORBIDDEN, detail);
        }
    }

    static Ligne ligne(String libelle, Object valeur) {
        return new Ligne(libelle, valeur == null ? "—" : String.valueOf(valeur));
    }

    Confirmation withFields(Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(champs);
        all.putAll(fields);
        return new Confirmation(titre, recap, consequence, action, all, motifObligatoire, bouton, retour);
    }

    /**
     * The page to show instead of acting, or null when the act is confirmed (and its reason given where required):
     * the caller then acts.
     */
    String askUnlessConfirmed(String confirme, String motif, Model model, HttpServletResponse response) {
        boolean confirmed = CONFIRMED.equals(confirme);
        boolean reasonMissing = motifObligatoire && (motif == null || motif.isBlank());
        if (confirmed && !reasonMissing) {
            return null;
        }
        model.addAttribute("confirmation", this);
        model.addAttribute("motif", motif);
        if (confirmed) {
            model.addAttribute("erreurMotif", "Indiquez le motif : il est conservé dans l'historique et lu par ceux "
                    + "qui gèrent ce compte ou cette convention.");
            response.setStatus(400);
        }
        return "confirmation";
    }
}
