package fr.cdapgateway.admin;

import java.util.Set;

/**
 * Who may give which role and type to an account (SPEC §8): plain rules on typed inputs, used by {@link UserAdmin}
 * for the API and the console alike.
 */
final class AccountRules {

    private AccountRules() {
    }

    /**
     * The role this caller may give: never a CAF admin's by this path, an administrator's only by the CAF, and a
     * partner manager only below its own rank.
     */
    static String grantableRole(Caller caller, String role) {
        Role wanted;
        try {
            wanted = Role.valueOf(role);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw IdentityRules.invalid("role : UTILISATEUR, GESTIONNAIRE, ADMIN_PRINCIPAL ou ADMIN_SUPPLEANT.");
        }
        caller.require(wanted != Role.CAF_ADMIN, "Un compte d'administrateur CAF ne se crée pas par cette API.");
        caller.require(caller.cafAdmin() || caller.role().outranks(wanted),
                "Seule la CAF crée ou désigne les administrateurs ; un gestionnaire ne crée que des utilisateurs.");
        return wanted.name();
    }

    /** A person's account, or a technical one (supervision) that never manages anything. */
    static String type(String type, String role) {
        String chosen = type == null ? "PERSONNE" : type;
        if (!Set.of("PERSONNE", "TECHNIQUE").contains(chosen)) {
            throw IdentityRules.invalid("type : PERSONNE ou TECHNIQUE.");
        }
        if ("TECHNIQUE".equals(chosen) && !"UTILISATEUR".equals(role)) {
            throw IdentityRules.invalid("Un compte technique (supervision) ne peut pas gérer d'habilitations.");
        }
        return chosen;
    }
}
