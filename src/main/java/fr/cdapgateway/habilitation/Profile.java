package fr.cdapgateway.habilitation;

import java.util.List;

/**
 * A CDAP profile (SPEC §6) as declared in config/profiles.yml: what it is for, the allow-list of the dossier's
 * fields it may see, and the precondition an access must meet.
 */
public record Profile(String code, String libelle, String finalite, List<String> champs,
                      Precondition precondition, int rsaMonths) {

    public enum Precondition { NONE, NUMERO_INSTRUCTEUR, DROIT_RSA_RECENT }

    /** Whether the allow-list gives the quotient familial, which the QF endpoint needs. */
    public boolean seesQuotientFamilial() {
        return champs.contains("quotientsFamiliaux[].valeur");
    }
}
