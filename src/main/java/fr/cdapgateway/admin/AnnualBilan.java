package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.api.Csv;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.statistics.UsageStatistics.Count;
import fr.cdapgateway.statistics.UsageStatistics;

/**
 * The annual bilan of art. 16 (SPEC §14.7): one convention year, from the anniversary that falls in the year asked,
 * read from the usage statistics (which outlive the traces) and from what the gateway keeps 6 years: accounts and
 * habilitations, quotas, alerts, maintenance windows, incidents, reviews. The meeting's minutes are written by one
 * side and validated by the other within 30 days.
 */
@Component
public class AnnualBilan extends AdminResource {

    /** Days the other side has to validate the minutes. */
    public static final int VALIDATION_DAYS = 30;

    public record Bilan(String convention, String partenaire, String caf, int annee, LocalDate du, LocalDate au,
                        LocalDate compteJusquAu, Effectifs debut, Effectifs fin, List<QuotaUse> quotas,
                        List<MonthCount> consultationsParMois, List<ProfileCount> consultationsParProfilEtMotif,
                        List<CodeCount> refusParCode, long consultationsTotal, long dossiersAutreCaf,
                        List<AlertLine> alertes, List<WindowLine> maintenances, List<IncidentLine> incidents,
                        List<ReviewLine> revues, ChainCheck verificationChaine, Minutes compteRendu) {
    }

    public record Effectifs(LocalDate le, long comptes, long habilitations) {
    }

    public record QuotaUse(String service, String profil, int maximum, int utilisees) {
    }

    public record MonthCount(YearMonth mois, long consultations, long refus) {
    }

    public record ProfileCount(String profil, String motif, long consultations, Map<YearMonth, Long> parMois) {
    }

    public record CodeCount(String code, long nombre) {
    }

    public record AlertLine(String type, String utilisateur, Instant premiereFois, int occurrences, String statut,
                            String conclusion) {
    }

    public record WindowLine(Instant debut, Instant fin, String message, boolean annulee) {
    }

    public record IncidentLine(long id, String nature, Instant declareLe, Instant clotureLe) {
    }

    public record ReviewLine(long revue, String attesteePar, Instant attesteeLe, long conservees, long retirees) {
    }

    public record ChainCheck(long anomalies, boolean integre) {
    }

    public record Minutes(String redacteur, String texte, String redigePar, Instant redigeLe, String validePar,
                          Instant valideLe, LocalDate validerAvant) {
    }

    public record MinutesBody(String redacteur, String texte) {
    }

    /** Statistics of months, as the API serves them. */
    public record Statistics(String convention, YearMonth de, YearMonth a, LocalDate compteJusquAu,
                             List<Count> lignes) {
    }

    private final UsageStatistics statistics;
    private final QuotaLedger quotas;
    private final JdbcClient jdbc;

    AnnualBilan(UsageStatistics statistics, QuotaLedger quotas, JdbcClient jdbc, AdminKit kit) {
        super(kit);
        this.statistics = statistics;
        this.quotas = quotas;
        this.jdbc = jdbc;
    }

    /** The monthly counts, {@code de} to {@code a} (at most 6 years' worth). */
    public Statistics statistics(Caller caller, String numero, String de, String a, GatewayRequest request) {
        ConventionRecord convention = readable(caller, numero, request);
        YearMonth to = a == null ? YearMonth.from(calendar.today()) : month(a, "a");
        YearMonth from = de == null ? to.minusMonths(11) : month(de, "de");
        ConventionAdmin.require(!from.isAfter(to), "de : le premier mois précède le dernier (a).");
        ConventionAdmin.require(!from.isBefore(to.minusYears(6)), "de et a : six ans au plus.");
        return new Statistics(convention.numero(), from, to, statistics.countedThrough().orElse(null),
                statistics.counts(convention.numero(), from, to));
    }

    /** The bilan of the convention year starting on the anniversary that falls in {@code annee}. */
    public Bilan bilan(Caller caller, String numero, int annee, GatewayRequest request) {
        ConventionRecord c = readable(caller, numero, request);
        LocalDate base = c.dates().anniversaryBase(c.dateDebut());
        ConventionAdmin.require(annee >= base.getYear() && annee <= calendar.today().getYear(),
                "annee : de " + base.getYear() + " (signature) à " + calendar.today().getYear() + ".");
        LocalDate from = ConventionYears.yearStart(base, annee);
        LocalDate to = ConventionYears.yearEnd(base, annee);
        request.objet("bilan:" + annee);
        Instant start = from.atStartOfDay(calendar.zone()).toInstant();
        Instant end = to.atStartOfDay(calendar.zone()).toInstant();
        List<Count> counts = statistics.counts(c.numero(), YearMonth.from(from), YearMonth.from(to.minusDays(1)));
        List<Count> served = counts.stream().filter(AnnualBilan::servedConsultation).toList();
        Map<YearMonth, MonthCount> months = new TreeMap<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to.minusDays(1))); m = m.plusMonths(1)) {
            YearMonth month = m;
            months.put(m, new MonthCount(m,
                    served.stream().filter(x -> x.mois().equals(month)).mapToLong(Count::nombre).sum(),
                    counts.stream().filter(x -> x.mois().equals(month) && x.statut() >= 400)
                            .mapToLong(Count::nombre).sum()));
        }
        Map<String, List<Count>> byProfile = served.stream().collect(Collectors.groupingBy(
                x -> nz(x.profil()) + "|" + nz(x.motif()), TreeMap::new, Collectors.toList()));
        List<ProfileCount> profiles = new ArrayList<>();
        byProfile.forEach((key, list) -> {
            Map<YearMonth, Long> perMonth = new TreeMap<>(list.stream().collect(Collectors.groupingBy(Count::mois,
                    Collectors.summingLong(Count::nombre))));
            profiles.add(new ProfileCount(list.get(0).profil(), list.get(0).motif(),
                    list.stream().mapToLong(Count::nombre).sum(), perMonth));
        });
        Map<String, Long> refusals = counts.stream().filter(x -> x.statut() >= 400).collect(Collectors.groupingBy(
                x -> x.code() == null ? String.valueOf(x.statut()) : x.code(), TreeMap::new,
                Collectors.summingLong(Count::nombre)));
        LocalDate quotaDay = to.minusDays(1).isBefore(calendar.today()) ? to.minusDays(1) : calendar.today();
        List<QuotaUse> quotaUse = new ArrayList<>();
        c.services().forEach((service, byProfil) -> byProfil.forEach((profil, maximum) -> quotaUse.add(
                new QuotaUse(service, profil, maximum, quotas.used(c.numero(), service, profil, quotaDay)))));
        return new Bilan(c.numero(), c.partenaireNom(), c.caf(), annee, from, to.minusDays(1),
                statistics.countedThrough().orElse(null), effectifs(c.numero(), from), effectifs(c.numero(), to),
                quotaUse, List.copyOf(months.values()), profiles,
                refusals.entrySet().stream().map(e -> new CodeCount(e.getKey(), e.getValue())).toList(),
                served.stream().mapToLong(Count::nombre).sum(), counts.stream().mapToLong(Count::autreCaf).sum(),
                alerts(c.numero(), start, end), windows(c.caf(), start, end), incidents(c.numero(), start, end),
                reviews(c.numero(), start, end), chain(c.caf(), start, end), minutes(c.numero(), annee));
    }

    /** One side writes the minutes of the bilan's meeting, once the year is over; rewriting is allowed until validated. */
    public Minutes writeMinutes(Caller caller, String numero, int annee, MinutesBody body, GatewayRequest request) {
        ConventionRecord c = readable(caller, numero, request);
        ConventionAdmin.require(body != null && ("CAF".equals(body.redacteur()) || "PARTENAIRE".equals(body.redacteur())),
                "redacteur : CAF ou PARTENAIRE");
        ConventionAdmin.require(body.texte() != null && !body.texte().isBlank() && body.texte().length() <= 20_000,
                "texte : le compte rendu (20 000 caractères au plus).");
        caller.require("CAF".equals(body.redacteur()) == caller.cafAdmin(), "Vous rédigez pour votre côté ("
                + (caller.cafAdmin() ? "CAF" : "PARTENAIRE") + ").");
        request.objet("bilan:" + annee + ",compte-rendu");
        LocalDate base = c.dates().anniversaryBase(c.dateDebut());
        ConventionAdmin.require(annee >= base.getYear() && annee <= calendar.today().getYear(),
                "annee : une année de la convention.");
        Minutes existing = minutes(c.numero(), annee);
        if (existing != null && existing.valideLe() != null) {
            throw new ProblemException(Problem.CONFLICT, "Ce compte rendu a été validé : il ne change plus.");
        }
        changes.apply(() -> {
            jdbc.sql("delete from compte_rendu where convention = :c and annee = :a and valide_le is null")
                    .param("c", c.numero()).param("a", annee).update();
            jdbc.sql("""
                    insert into compte_rendu (convention, annee, redacteur, texte, redige_par, redige_le)
                    values (:c, :a, :redacteur, :texte, :par, :le)""")
                    .param("c", c.numero()).param("a", annee).param("redacteur", body.redacteur())
                    .param("texte", body.texte().strip()).param("par", caller.login())
                    .param("le", SqlTime.utc(clock.instant())).update();
            history.record(caller.login(), c.numero(), HistoryLog.Kind.CONVENTION, c.numero(), "COMPTE_RENDU",
                    "bilan " + annee + ", rédigé par " + body.redacteur());
            return null;
        });
        return minutes(c.numero(), annee);
    }

    /** The other side validates the minutes, within 30 days of their writing. */
    public Minutes validateMinutes(Caller caller, String numero, int annee, GatewayRequest request) {
        ConventionRecord c = readable(caller, numero, request);
        request.objet("bilan:" + annee + ",validation");
        Minutes existing = minutes(c.numero(), annee);
        if (existing == null) {
            throw new ProblemException(Problem.NOT_FOUND, "Aucun compte rendu pour ce bilan.");
        }
        caller.require("CAF".equals(existing.redacteur()) != caller.cafAdmin(),
                "Le compte rendu est validé par l'autre partie que celle qui l'a rédigé.");
        if (existing.valideLe() != null) {
            throw new ProblemException(Problem.CONFLICT, "Ce compte rendu est déjà validé.");
        }
        if (calendar.today().isAfter(existing.validerAvant())) {
            throw new ProblemException(Problem.CONFLICT, "Le délai de validation de 30 jours est dépassé (le "
                    + existing.validerAvant() + ") : le compte rendu doit être rédigé à nouveau.");
        }
        changes.apply(() -> {
            int done = jdbc.sql("""
                    update compte_rendu set valide_par = :par, valide_le = :le
                     where convention = :c and annee = :a and valide_le is null""")
                    .param("par", caller.login()).param("le", SqlTime.utc(clock.instant()))
                    .param("c", c.numero()).param("a", annee).update();
            if (done != 1) {
                throw new ProblemException(Problem.CONFLICT, "Ce compte rendu vient d'être validé.");
            }
            history.record(caller.login(), c.numero(), HistoryLog.Kind.CONVENTION, c.numero(), "VALIDATION_COMPTE_RENDU",
                    "bilan " + annee);
            return null;
        });
        return minutes(c.numero(), annee);
    }

    /** The CAF and the convention's administrators read the statistics and the bilan. */
    private ConventionRecord readable(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(), "Le bilan annuel relève de la CAF et des administrateurs de la convention.");
        return convention;
    }

    private static boolean servedConsultation(Count count) {
        return count.action().startsWith("CONSULTATION") && count.statut() == 200;
    }

    private static YearMonth month(String value, String name) {
        try {
            return YearMonth.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(Problem.INVALID_REQUEST, name + " : un mois AAAA-MM.");
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private Effectifs effectifs(String numero, LocalDate day) {
        Instant at = day.atStartOfDay(calendar.zone()).toInstant();
        long accounts = jdbc.sql("""
                select count(*) from utilisateur where convention = :c and type = 'PERSONNE' and cree_le < :at
                   and (devalide_le is null or devalide_le >= :at)""")
                .param("c", numero).param("at", SqlTime.utc(at)).query(Long.class).single();
        long habilitations = jdbc.sql("""
                select count(*) from habilitation where convention = :c and accordee_le < :at
                   and (terminee_le is null or terminee_le >= :at) and date_debut <= :day
                   and (date_fin is null or date_fin >= :day)""")
                .param("c", numero).param("at", SqlTime.utc(at)).param("day", day).query(Long.class).single();
        return new Effectifs(day, accounts, habilitations);
    }

    private List<AlertLine> alerts(String numero, Instant from, Instant to) {
        return jdbc.sql("""
                select type, utilisateur, premiere_fois, occurrences, statut, conclusion from alerte
                 where convention = :c and premiere_fois >= :from and premiere_fois < :to order by premiere_fois""")
                .param("c", numero).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query((rs, row) -> new AlertLine(rs.getString("type"), rs.getString("utilisateur"),
                        SqlTime.instant(rs.getTimestamp("premiere_fois")), rs.getInt("occurrences"),
                        rs.getString("statut"), rs.getString("conclusion")))
                .list();
    }

    private List<WindowLine> windows(String caf, Instant from, Instant to) {
        return jdbc.sql("""
                select debut, fin, message, annulee_le from maintenance
                 where (caf = :caf or caf is null) and debut >= :from and debut < :to order by debut""")
                .param("caf", caf).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query((rs, row) -> new WindowLine(SqlTime.instant(rs.getTimestamp("debut")),
                        SqlTime.instant(rs.getTimestamp("fin")), rs.getString("message"),
                        rs.getTimestamp("annulee_le") != null))
                .list();
    }

    private List<IncidentLine> incidents(String numero, Instant from, Instant to) {
        return jdbc.sql("""
                select id, nature, declare_le, cloture_le from incident
                 where convention = :c and declare_le >= :from and declare_le < :to order by id""")
                .param("c", numero).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query((rs, row) -> new IncidentLine(rs.getLong("id"), rs.getString("nature"),
                        SqlTime.instant(rs.getTimestamp("declare_le")), SqlTime.instant(rs.getTimestamp("cloture_le"))))
                .list();
    }

    private List<ReviewLine> reviews(String numero, Instant from, Instant to) {
        return jdbc.sql("""
                select r.id, r.attestee_par, r.attestee_le,
                       (select count(*) from revue_decision d where d.revue_id = r.id and d.decision = 'CONSERVER') kept,
                       (select count(*) from revue_decision d where d.revue_id = r.id and d.decision = 'RETIRER') removed
                  from revue r where r.convention = :c and r.attestee_le >= :from and r.attestee_le < :to order by r.id""")
                .param("c", numero).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query((rs, row) -> new ReviewLine(rs.getLong("id"), rs.getString("attestee_par"),
                        SqlTime.instant(rs.getTimestamp("attestee_le")), rs.getLong("kept"), rs.getLong("removed")))
                .list();
    }

    private ChainCheck chain(String caf, Instant from, Instant to) {
        long anomalies = jdbc.sql("""
                select count(*) from alerte where type = 'ANOMALIE_TRACES' and caf = :caf
                   and premiere_fois >= :from and premiere_fois < :to""")
                .param("caf", caf).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query(Long.class).single();
        return new ChainCheck(anomalies, anomalies == 0);
    }

    Minutes minutes(String numero, int annee) {
        return jdbc.sql("""
                select redacteur, texte, redige_par, redige_le, valide_par, valide_le from compte_rendu
                 where convention = :c and annee = :a""")
                .param("c", numero).param("a", annee)
                .query((rs, row) -> {
                    Instant written = SqlTime.instant(rs.getTimestamp("redige_le"));
                    return new Minutes(rs.getString("redacteur"), rs.getString("texte"), rs.getString("redige_par"),
                            written, rs.getString("valide_par"), SqlTime.instant(rs.getTimestamp("valide_le")),
                            calendar.dayOf(written).plusDays(VALIDATION_DAYS));
                })
                .optional().orElse(null);
    }

    /**
     * The bilan as CSV: one section per table, {@code section;cle1;cle2;valeur} lines a spreadsheet opens (written by
     * {@link Csv}: quoted when needed, formulas defused — a partner's name is text, never a formula).
     */
    public static String csv(Bilan b) {
        StringBuilder out = new StringBuilder();
        Csv.row(out, "section", "cle1", "cle2", "valeur");
        Csv.row(out, "convention", b.convention(), b.partenaire(), b.annee());
        Csv.row(out, "periode", b.du(), b.au(), null);
        Csv.row(out, "comptes", "debut", b.debut().le(), b.debut().comptes());
        Csv.row(out, "comptes", "fin", b.fin().le(), b.fin().comptes());
        Csv.row(out, "habilitations", "debut", b.debut().le(), b.debut().habilitations());
        Csv.row(out, "habilitations", "fin", b.fin().le(), b.fin().habilitations());
        b.quotas().forEach(q -> Csv.row(out, "quota", q.service() + " " + q.profil(), q.maximum(), q.utilisees()));
        for (MonthCount m : b.consultationsParMois()) {
            Csv.row(out, "consultations_mois", m.mois(), null, m.consultations());
            Csv.row(out, "refus_mois", m.mois(), null, m.refus());
        }
        b.consultationsParProfilEtMotif().forEach(p -> Csv.row(out, "consultations_profil_motif", p.profil(),
                p.motif(), p.consultations()));
        b.refusParCode().forEach(r -> Csv.row(out, "refus_code", r.code(), null, r.nombre()));
        Csv.row(out, "dossiers_autre_caf", null, null, b.dossiersAutreCaf());
        b.alertes().forEach(a -> Csv.row(out, "alerte", a.type(), a.conclusion() == null ? a.statut() : a.conclusion(),
                a.occurrences()));
        b.maintenances().forEach(w -> Csv.row(out, "maintenance", w.debut(), w.fin(), w.annulee() ? "annulee" : "tenue"));
        b.incidents().forEach(i -> Csv.row(out, "incident", i.id(), i.nature(), i.clotureLe() == null ? "ouvert" : "clos"));
        b.revues().forEach(r -> Csv.row(out, "revue", r.attesteeLe(), r.attesteePar(),
                r.conservees() + " conservees/" + r.retirees() + " retirees"));
        Csv.row(out, "verification_chaine", "anomalies", null, b.verificationChaine().anomalies());
        return out.toString();
    }
}
