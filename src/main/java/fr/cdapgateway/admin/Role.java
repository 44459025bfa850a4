package fr.cdapgateway.admin;

/**
 * The roles of SPEC §8, ranked: a partner manager manages only accounts ranked below its own; administrators of
 * a convention are managed by the CAF admin alone.
 */
enum Role {
    UTILISATEUR(0), GESTIONNAIRE(1), ADMIN_SUPPLEANT(2), ADMIN_PRINCIPAL(2), CAF_ADMIN(3);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    boolean outranks(Role other) {
        return rank > other.rank;
    }

    boolean conventionAdministrator() {
        return this == ADMIN_PRINCIPAL || this == ADMIN_SUPPLEANT;
    }

    static Role of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return UTILISATEUR;
        }
    }
}
