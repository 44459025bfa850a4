package fr.cdapgateway.api;

/**
 * The stable problem codes of the API (SPEC §4), each with its HTTP status and its French title for the
 * agent at the counter. Partners quote the code; it never changes once published.
 */
public enum Problem {
    INVALID_NUMERO_ALLOCATAIRE(400, "Numéro allocataire invalide"),
    INVALID_PERIOD(400, "Période invalide"),
    INVALID_REQUEST(400, "Requête invalide"),
    MOTIF_REQUIRED(400, "Motif de consultation obligatoire"),
    MOTIF_NOT_ALLOWED(400, "Motif de consultation non prévu par la convention"),
    WEAK_PASSWORD(400, "Mot de passe refusé par la politique de sécurité"),
    GENERIC_MAILBOX_REFUSED(400, "Adresse électronique générique refusée"),
    CREDENTIALS_MISSING(401, "Identifiants absents"),
    CREDENTIALS_INVALID(401, "Identifiant ou mot de passe incorrect"),
    AUTOMATION_WITHOUT_USER_IDENTITY(403, "Accès automatisé sans identité d'un utilisateur nommé"),
    PASSWORD_CHANGE_REQUIRED(403, "Changement de mot de passe obligatoire"),
    ACCOUNT_SUSPENDED(403, "Compte suspendu"),
    ACCOUNT_DEVALIDATED(403, "Compte dévalidé"),
    NO_HABILITATION(403, "Aucune habilitation à ce service"),
    PROFILE_PRECONDITION_FAILED(403, "Condition d'accès du profil non remplie"),
    CREDENTIAL_SHARING_SUSPECTED(403, "Partage de compte suspecté"),
    FORBIDDEN(403, "Accès refusé"),
    CONVENTION_INACTIVE(403, "Convention hors de sa période de validité"),
    PROFILE_NOT_SUBSCRIBED(403, "Profil non souscrit par la convention"),
    DOSSIER_OTHER_CAF(403, "Dossier d'une autre CAF"),
    DOSSIER_NOT_FOUND(404, "Dossier allocataire introuvable"),
    NOT_FOUND(404, "Ressource introuvable"),
    METHOD_NOT_ALLOWED(405, "Méthode non permise"),
    CONFLICT(409, "Conflit"),
    HABILITATION_QUOTA_REACHED(409, "Quota d'habilitations atteint"),
    PAYLOAD_TOO_LARGE(413, "Requête trop volumineuse"),
    RATE_LIMITED(429, "Trop de requêtes"),
    QUOTA_EXCEEDED(429, "Quota de consultations atteint"),
    INTERNAL_ERROR(500, "Erreur interne de la passerelle"),
    BACKEND_ERROR(502, "Réponse invalide du service CDAP"),
    BACKEND_UNAVAILABLE(503, "Service CDAP indisponible"),
    MAINTENANCE(503, "Maintenance programmée en cours"),
    GATEWAY_UNAVAILABLE(503, "Passerelle momentanément indisponible"),
    TRACE_UNAVAILABLE(503, "Traçabilité indisponible"),
    BACKEND_TIMEOUT(504, "Délai de réponse du service CDAP dépassé");

    private final int status;
    private final String title;
    private final String code;

    Problem(int status, String title) {
        this.status = status;
        this.title = title;
        this.code = name().toLowerCase().replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The kebab-case code of the SPEC, e.g. {@code dossier-not-found}. */
    public String code() {
        return code;
    }

    public static Problem fromCode(String code) {
        return valueOf(code.toUpperCase().replace('-', '_'));
    }
}
