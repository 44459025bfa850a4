package fr.cdapgateway.console;

import java.util.Map;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * A refusal said at the field it concerns (issue 23; the GOV.UK and DSFR error patterns): which field, and a sentence
 * an agent understands. The services say "email : ..." for the API's integrators; the form says "Indiquez
 * l'adresse électronique personnelle de l'agent".
 */
record FieldError(String champ, String message) {

    private static final Map<String, String> SAID = Map.of(
            "login", "L'identifiant comporte de 3 à 100 caractères : lettres minuscules, chiffres, point, tiret ou "
                    + "soulignement, par exemple jeanne.roux.",
            "nom", "Indiquez le nom de la personne (100 caractères au plus).",
            "prenom", "Indiquez le prénom de la personne (100 caractères au plus).",
            "email", "Indiquez l'adresse électronique personnelle de la personne, par exemple "
                    + "jeanne.roux@mairie.example.",
            "fonction", "La fonction tient en 200 caractères au plus.",
            "numeroInstructeur", "Le numéro d'instructeur tient en 40 caractères au plus.");

    /** The field a refusal of the grant form concerns: the holder, the profile or a date. */
    static FieldError ofGrantForm(ProblemException refused) {
        String detail = refused.getMessage() == null ? "" : refused.getMessage();
        if (refused.problem() == Problem.HABILITATION_QUOTA_REACHED
                || refused.problem() == Problem.PROFILE_NOT_SUBSCRIBED || detail.startsWith("profil")) {
            return new FieldError("profil", detail.startsWith("profil") ? "Choisissez un profil dans la liste." : detail);
        }
        if (detail.startsWith("dateFin")) {
            return new FieldError("dateFin", "La date de fin ne peut précéder la date de début.");
        }
        if (detail.contains("date de début")) {
            return new FieldError("dateDebut", detail);
        }
        if (detail.contains("date de fin")) {
            return new FieldError("dateFin", detail);
        }
        return new FieldError("titulaire", detail);
    }

    /** The field a refusal of the account form concerns, and what to say there; {@code null} field: the form's. */
    static FieldError ofAccountForm(ProblemException refused) {
        String detail = refused.getMessage() == null ? "" : refused.getMessage();
        if (refused.problem() == Problem.GENERIC_MAILBOX_REFUSED) {
            return new FieldError("email", detail);
        }
        if (refused.problem() == Problem.CONFLICT) {
            return new FieldError("login", "Cet identifiant est déjà pris : choisissez-en un autre.");
        }
        int colon = detail.indexOf(" : ");
        String field = colon > 0 ? detail.substring(0, colon) : null;
        if (field != null && SAID.containsKey(field)) {
            return new FieldError(field, SAID.get(field));
        }
        if (field != null && field.equals("role")) {
            return new FieldError("role", "Choisissez un rôle dans la liste.");
        }
        return new FieldError(null, detail);
    }
}
