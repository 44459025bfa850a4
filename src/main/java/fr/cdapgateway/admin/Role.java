package fr.cdapgateway.admin;

/**
 * The roles of SPEC §8, ranked: a partner manager manages only accounts ranked below its own; administrators of
 * a convention are managed by the CAF admin alone.
 */
public enum Role {
    UTILISATEUR(0), GESTIONNAIRE(1), ADMIN_SUPPLEANT(2), ADMIN_PRINCIPAL(2), CAF_ADMIN(3);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public boolean outranks(Role other) {
        return rank > other.rank;
    }

    public boolean conventionAdministrator() {
        return this == ADMIN_PRINCIPAL || this == ADMIN_SUPPLEANT;
    }

    public static Role of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return UTILISATEUR;
        }
    }
}
