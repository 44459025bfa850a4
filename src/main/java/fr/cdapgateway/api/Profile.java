package fr.cdapgateway.api;

import java.util.List;
import java.util.Optional;

/**
 * A CDAP profile (SPEC §6) as declared in config/profiles.yml: what it is for, the allow-list of the dossier's
 * fields it may see, and the precondition an access must meet.
 */
public record Profile(String code, String libelle, String finalite, List<String> champs,
                      Precondition precondition, int rsaMonths) {

    /**
     * What an access with the profile must meet, and when it is checked: before the backend is called (from the
     * request and the account), or on the dossier the backend answered. A precondition that rests on the account
     * also says what an account needs to be granted the profile at all.
     */
    public enum Precondition {
        NONE(Phase.NONE),
        /** The request's X-Numero-Instructeur equals the instructor number registered on the account. */
        NUMERO_INSTRUCTEUR(Phase.BEFORE_BACKEND),
        /** The dossier's RSA right is open, or ended less than {@code rsaMonths} ago. */
        DROIT_RSA_RECENT(Phase.ON_DOSSIER, "rsa.dateDebutDroit", "rsa.dateFinDroit");

        public enum Phase { NONE, BEFORE_BACKEND, ON_DOSSIER }

        private final Phase phase;
        private final List<String> fieldsRead;

        Precondition(Phase phase, String... fieldsRead) {
            this.phase = phase;
            this.fieldsRead = List.of(fieldsRead);
        }

        public Phase phase() {
            return phase;
        }

        /** The dossier's fields a check on the dossier reads: the profile's allow-list must hold them. */
        public List<String> fieldsRead() {
            return fieldsRead;
        }
    }

    /**
     * The dossier is read keeping only the allow-list (FieldFilter): it must hold the field that says whose dossier
     * it is, and the fields the precondition reads. A profile that lacks them is refused at start-up.
     */
    public Profile {
        if (!champs.contains("numeroAllocataire")) {
            throw new IllegalArgumentException("profile " + code + ": its fields must include numeroAllocataire");
        }
        for (String field : precondition.fieldsRead()) {
            if (!champs.contains(field)) {
                throw new IllegalArgumentException("profile " + code + ": its precondition " + precondition
                        + " reads " + field + ", which its fields must include");
            }
        }
    }

    /** Why an account cannot be granted this profile (the admin API and the console ask it), if it cannot. */
    public Optional<String> grantRefusal(String registeredInstructeur) {
        if (precondition == Precondition.NUMERO_INSTRUCTEUR
                && (registeredInstructeur == null || registeredInstructeur.isBlank())) {
            return Optional.of("Le profil " + code + " exige un numéro d'instructeur enregistré sur le compte.");
        }
        return Optional.empty();
    }

    /**
     * Why this request may not use the profile, from what is known before the backend is called (the account's
     * registered instructor number and the one the request declares), if it may not.
     */
    public Optional<String> refusalBeforeBackend(String registeredInstructeur, String declaredInstructeur) {
        if (precondition == Precondition.NUMERO_INSTRUCTEUR
                && (registeredInstructeur == null || !registeredInstructeur.equals(declaredInstructeur))) {
            return Optional.of("Le profil " + code + " exige l'en-tête X-Numero-Instructeur portant votre numéro "
                    + "d'instructeur enregistré.");
        }
        return Optional.empty();
    }

    public boolean checkedOnDossier() {
        return precondition.phase() == Precondition.Phase.ON_DOSSIER;
    }

    /** Whether the allow-list gives the quotient familial, which the QF endpoint needs. */
    public boolean seesQuotientFamilial() {
        return champs.contains("quotientsFamiliaux[].valeur");
    }
}
