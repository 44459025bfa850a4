package fr.cdapgateway.alert;

/** The kinds of security alert (SPEC §14.5), each with what a person reads. */
public enum AlertType {
    PARTAGE_SUSPECTE("Partage de compte suspecté",
            "Le même identifiant a été utilisé depuis deux adresses différentes en moins d'une minute."),
    VERROUILLAGE("Compte verrouillé",
            "Un compte a été verrouillé après des échecs de connexion répétés."),
    ECHECS_EN_MASSE("Échecs de connexion en masse",
            "De nombreux échecs de connexion ont visé les comptes de la convention en peu de temps."),
    ANOMALIE_TRACES("Anomalie de la chaîne des traces",
            "La vérification nocturne a trouvé une trace modifiée, insérée ou supprimée."),
    DOSSIER_AUTRE_CAF("Dossier d'une autre CAF",
            "Un dossier relevant d'une autre CAF a été consulté.");

    private final String label;
    private final String explanation;

    AlertType(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }
}
