package fr.cdapgateway.api;

import java.time.Instant;

/** An account as the authentication and habilitation rules see it. Never logged: it holds the hash. */
public record Account(
        long id,
        String login,
        String caf,
        String convention,
        String nom,
        String prenom,
        String email,
        String type,
        String role,
        String numeroInstructeur,
        String passwordHash,
        boolean mustChangePassword,
        int consecutiveFailures,
        Instant lockedAt,
        Instant suspendedAt,
        Instant devalidatedAt,
        Instant passwordChangedAt,
        Instant lastLogin,
        boolean conventionEnded) {

    /** Who devalidates the accounts of a convention that has ended (SPEC §14.8): its calls say the convention ended. */
    public static final String CONVENTION_END = "fin-de-convention";

    public static final String TECHNIQUE = "TECHNIQUE";
    public static final String CAF_ADMIN = "CAF_ADMIN";

    /** Administrators must renew their password yearly (SPEC §7). */
    public boolean administrator() {
        return CAF_ADMIN.equals(role) || "ADMIN_PRINCIPAL".equals(role) || "ADMIN_SUPPLEANT".equals(role);
    }

    public boolean technical() {
        return TECHNIQUE.equals(type);
    }

    public boolean locked() {
        return lockedAt != null;
    }

    public boolean suspended() {
        return suspendedAt != null;
    }

    public boolean devalidated() {
        return devalidatedAt != null;
    }

    @Override
    public String toString() {
        return "Account[" + login + "]";
    }
}
