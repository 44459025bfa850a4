package fr.cdapgateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import fr.cdapgateway.admin.HistoryEntry;

/**
 * An account's history as people read it (issue 23): "Habilitation T2 de niort.agent1 terminée par niort.gestion",
 * not a table of codes. Anything this class does not know is said with its code, never hidden.
 */
final class HistorySentences {

    /** One line: when, what happened in a sentence, and the detail recorded with it (a reason...). */
    record Line(Instant quand, String phrase, String detail) {
    }

    private HistorySentences() {
    }

    static List<Line> of(List<HistoryEntry> entries, String login, Map<String, String> profileById) {
        return entries.stream().map(e -> new Line(e.horodatage(), sentence(e, login, profileById),
                detail(e))).toList();
    }

    static String sentence(HistoryEntry e, String login, Map<String, String> profileById) {
        String by = " par " + e.acteur();
        String action = String.valueOf(e.action());
        if ("HABILITATION".equals(e.objetType())) {
            String profile = profileById.get(String.valueOf(e.objetId()));
            String what = "Habilitation" + (profile == null ? " n° " + e.objetId() : " " + profile) + " de " + login;
            return switch (action) {
                case "ATTRIBUTION" -> what + " accordée" + by;
                case "FIN" -> what + " terminée" + by;
                case "SUSPENSION" -> what + " suspendue" + by;
                case "LEVEE_SUSPENSION" -> "Suspension de l'" + what.toLowerCase(java.util.Locale.FRANCE).charAt(0)
                        + what.substring(1) + " levée" + by;
                default -> what + " : " + action + by;
            };
        }
        String account = "Compte " + login;
        return switch (action) {
            case "CREATION" -> account + " créé" + by;
            case "ENVOI_LIEN_ACTIVATION" -> "Lien d'activation envoyé au titulaire de " + login + by;
            case "MODIFICATION" -> account + " modifié" + by;
            case "SUSPENSION" -> account + " suspendu" + by;
            case "LEVEE_SUSPENSION" -> "Suspension du compte " + login + " levée" + by;
            case "DEVALIDATION" -> account + " dévalidé" + by;
            case "DEVERROUILLAGE" -> account + " déverrouillé" + by;
            case "REINITIALISATION_MOT_DE_PASSE" -> "Mot de passe de " + login + " réinitialisé" + by;
            default -> account + " : " + action + by;
        };
    }

    private static String detail(HistoryEntry e) {
        Object detail = e.detail();
        return detail == null ? "" : String.valueOf(detail);
    }
}
