package fr.cdapgateway.admin;

import java.util.List;
import java.util.Map;

import fr.cdapgateway.api.Csv;

/** The reverse review as CSV (semicolon-separated, as French spreadsheets expect), one line per habilitation. */
final class ReviewCsv {

    private static final String HEADER = "convention;login;nom;prenom;role;statut_compte;derniere_connexion;"
            + "indicateurs_compte;habilitation;service;profil;groupe;date_debut;date_fin;statut_habilitation;"
            + "derniere_utilisation;consultations;indicateurs_habilitation";

    private ReviewCsv() {
    }

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Map<String, Object> account : (List<Map<String, Object>>) report.get("comptes")) {
            List<Map<String, Object>> held = (List<Map<String, Object>>) account.get("habilitations");
            if (held.isEmpty()) {
                line(csv, report, account, Map.of());
            }
            held.forEach(h -> line(csv, report, account, h));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, Map<String, Object> report, Map<String, Object> account,
                             Map<String, Object> h) {
        Object[] cells = {report.get("convention"), account.get("login"), account.get("nom"), account.get("prenom"),
            account.get("role"), account.get("statut"), account.get("derniereConnexion"),
            String.join(",", (List<String>) account.get("indicateurs")), h.get("id"), h.get("service"),
            h.get("profil"), h.get("groupe"), h.get("dateDebut"), h.get("dateFin"), h.get("statut"),
            h.get("derniereUtilisation"), h.get("consultations"),
            h.get("indicateurs") == null ? null : String.join(",", (List<String>) h.get("indicateurs"))};
        Csv.row(csv, cells);
    }
}
