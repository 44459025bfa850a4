package fr.cdapgateway.admin;


import fr.cdapgateway.api.Csv;

/** The reverse review as CSV (semicolon-separated, as French spreadsheets expect), one line per habilitation. */
final class ReviewCsv {

    private static final String HEADER = "convention;login;nom;prenom;role;statut_compte;derniere_connexion;"
            + "indicateurs_compte;habilitation;service;profil;groupe;date_debut;date_fin;statut_habilitation;"
            + "derniere_utilisation;consultations;indicateurs_habilitation";

    private ReviewCsv() {
    }

    static String of(ReviewViews.Report report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ReviewViews.Account account : report.comptes()) {
            if (account.habilitations().isEmpty()) {
                line(csv, report, account, null);
            }
            account.habilitations().forEach(h -> line(csv, report, account, h));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, ReviewViews.Report report, ReviewViews.Account account,
                             ReviewViews.Habilitation h) {
        Object[] cells = {report.convention(), account.login(), account.nom(), account.prenom(), account.role(),
            account.statut(), account.derniereConnexion(), String.join(",", account.indicateurs()),
            h == null ? null : h.id(), h == null ? null : h.service(), h == null ? null : h.profil(),
            h == null ? null : h.groupe(), h == null ? null : h.dateDebut(), h == null ? null : h.dateFin(),
            h == null ? null : h.statut(), h == null ? null : h.derniereUtilisation(),
            h == null ? null : h.consultations(), h == null ? null : String.join(",", h.indicateurs())};
        Csv.row(csv, cells);
    }
}
