package fr.cdapgateway.admin.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.cdapgateway.config.SqlTime;

/** Conventions, their purposes and quotas, as the admin API reads and writes them. */
@Repository
public class ConventionStore {

    public record ConventionRecord(String numero, String caf, String partenaireNom, String partenaireSiret, String mode,
                                   LocalDate dateDebut, LocalDate dateFin, List<String> motifs,
                                   Map<String, Map<String, Integer>> services, Dates dates) {

        public boolean centralise() {
            return "CENTRALISE".equals(mode);
        }
    }

    /** The convention's life (art. 17): signed, opened, ended by a resiliation, closed by the job on its effect. */
    public record Dates(LocalDate signeeLe, LocalDate ouverteLe, String autresCaf, Integer escaladeHeures,
                        Resiliation resiliation, Instant closeLe) {

        public static final Dates NEW = new Dates(null, null, "AUTORISER", null, null, null);

        /** The day the convention years start from: its signature, else its start. */
        public LocalDate anniversaryBase(LocalDate dateDebut) {
            return signeeLe != null ? signeeLe : dateDebut;
        }
    }

    /** A resiliation notified by registered letter (art. 17.2). */
    public record Resiliation(String type, LocalDate lettreRecueLe, LocalDate effetLe, String par, Instant rappelLe) {
    }

    private final JdbcClient jdbc;

    public ConventionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ConventionRecord> ofCaf(String caf) {
        return jdbc.sql("select numero from convention where caf = :caf order by numero").param("caf", caf)
                .query(String.class).list().stream().map(n -> find(n).orElseThrow()).toList();
    }

    public Optional<ConventionRecord> find(String numero) {
        return jdbc.sql("""
                select numero, caf, partenaire_nom, partenaire_siret, mode, date_debut, date_fin, signee_le, ouverte_le,
                       autres_caf, escalade_heures, resiliation_type, resiliation_lettre_le, resiliation_effet_le,
                       resiliation_par, resiliation_rappel_le, close_le
                  from convention where numero = :numero""")
                .param("numero", numero)
                .query((rs, row) -> new ConventionRecord(rs.getString("numero"), rs.getString("caf"),
                        rs.getString("partenaire_nom"), rs.getString("partenaire_siret"), rs.getString("mode"),
                        rs.getObject("date_debut", LocalDate.class), rs.getObject("date_fin", LocalDate.class),
                        motifs(numero), services(numero), dates(rs)))
                .optional();
    }

    private static Dates dates(ResultSet rs) throws SQLException {
        int hours = rs.getInt("escalade_heures");
        Integer escalade = rs.wasNull() ? null : hours;
        String type = rs.getString("resiliation_type");
        Resiliation resiliation = type == null ? null : new Resiliation(type,
                rs.getObject("resiliation_lettre_le", LocalDate.class),
                rs.getObject("resiliation_effet_le", LocalDate.class), rs.getString("resiliation_par"),
                SqlTime.instant(rs.getTimestamp("resiliation_rappel_le")));
        return new Dates(rs.getObject("signee_le", LocalDate.class), rs.getObject("ouverte_le", LocalDate.class),
                rs.getString("autres_caf"), escalade, resiliation, SqlTime.instant(rs.getTimestamp("close_le")));
    }

    public void insert(ConventionRecord c, Instant now) {
        jdbc.sql("""
                insert into convention (numero, caf, partenaire_nom, partenaire_siret, mode, date_debut, date_fin, cree_le,
                                        signee_le, autres_caf, escalade_heures)
                values (:numero, :caf, :nom, :siret, :mode, :debut, :fin, :now, :signee, :autres, :escalade)""")
                .param("signee", c.dates().signeeLe()).param("autres", c.dates().autresCaf())
                .param("escalade", c.dates().escaladeHeures())
                .param("numero", c.numero()).param("caf", c.caf()).param("nom", c.partenaireNom())
                .param("siret", c.partenaireSiret()).param("mode", c.mode()).param("debut", c.dateDebut())
                .param("fin", c.dateFin()).param("now", SqlTime.utc(now))
                .update();
        replaceMotifs(c.numero(), c.motifs());
        replaceServices(c.numero(), c.services());
    }

    public void updateMode(String numero, String mode) {
        jdbc.sql("update convention set mode = :mode where numero = :numero")
                .param("mode", mode).param("numero", numero).update();
    }

    public void updateDateFin(String numero, LocalDate dateFin) {
        jdbc.sql("update convention set date_fin = :fin where numero = :numero")
                .param("fin", dateFin).param("numero", numero).update();
    }

    public void updateSettings(String numero, String autresCaf, Integer escaladeHeures, LocalDate signeeLe) {
        jdbc.sql("""
                update convention set autres_caf = coalesce(:autres, autres_caf),
                                      escalade_heures = coalesce(:escalade, escalade_heures),
                                      signee_le = coalesce(:signee, signee_le)
                 where numero = :numero""")
                .param("autres", autresCaf).param("escalade", escaladeHeures).param("signee", signeeLe)
                .param("numero", numero).update();
    }

    /** Opens access on that day, once (false when it was already open). */
    public boolean open(String numero, LocalDate day) {
        return jdbc.sql("update convention set ouverte_le = :day where numero = :numero and ouverte_le is null")
                .param("day", day).param("numero", numero).update() == 1;
    }

    /** Records a resiliation: the convention's last day in force is the day before its effect. */
    public void resiliate(String numero, Resiliation resiliation) {
        jdbc.sql("""
                update convention set resiliation_type = :type, resiliation_lettre_le = :lettre,
                                      resiliation_effet_le = :effet, resiliation_par = :par, resiliation_rappel_le = null,
                                      date_fin = :fin
                 where numero = :numero""")
                .param("type", resiliation.type()).param("lettre", resiliation.lettreRecueLe())
                .param("effet", resiliation.effetLe()).param("par", resiliation.par())
                .param("fin", resiliation.effetLe().minusDays(1)).param("numero", numero).update();
    }

    /** Withdraws a resiliation not yet in effect: the convention goes on (tacitly renewed). */
    public boolean withdrawResiliation(String numero) {
        return jdbc.sql("""
                update convention set resiliation_type = null, resiliation_lettre_le = null, resiliation_effet_le = null,
                                      resiliation_par = null, resiliation_rappel_le = null, date_fin = null
                 where numero = :numero and resiliation_type is not null and close_le is null""")
                .param("numero", numero).update() == 1;
    }

    /** Marks the 30-day reminder sent, once: false when another run sent it. */
    public boolean remindResiliation(String numero, Instant now) {
        return jdbc.sql("""
                update convention set resiliation_rappel_le = :now
                 where numero = :numero and resiliation_rappel_le is null and resiliation_type is not null""")
                .param("now", SqlTime.utc(now)).param("numero", numero).update() == 1;
    }

    /** Marks the convention closed, once: false when another run closed it. */
    public boolean close(String numero, Instant at) {
        return jdbc.sql("update convention set close_le = :at where numero = :numero and close_le is null")
                .param("at", SqlTime.utc(at)).param("numero", numero).update() == 1;
    }

    /** Conventions whose resiliation reminder is due ({@code effetLe} at most {@code until}) and not yet sent. */
    public List<String> resiliationsToRemind(LocalDate until) {
        return jdbc.sql("""
                select numero from convention where resiliation_effet_le <= :until and resiliation_rappel_le is null
                   and close_le is null order by numero""")
                .param("until", until).query(String.class).list();
    }

    /** Marks this anniversary told, once: false when another run told it. */
    public boolean announceAnniversary(String numero, LocalDate day) {
        return jdbc.sql("""
                update convention set anniversaire_annonce = :day
                 where numero = :numero and (anniversaire_annonce is null or anniversaire_annonce < :day)""")
                .param("day", day).param("numero", numero).update() == 1;
    }

    /** Conventions open and in course (not ended, no resiliation recorded): those tacitly renewed. */
    public List<String> renewable() {
        return jdbc.sql("""
                select numero from convention where ouverte_le is not null and close_le is null
                   and resiliation_type is null and date_fin is null order by numero""")
                .query(String.class).list();
    }

    /** Conventions past their last day and not yet closed (ended by a resiliation or by their end date). */
    public List<String> toClose(LocalDate today) {
        return jdbc.sql("select numero from convention where date_fin < :today and close_le is null order by numero")
                .param("today", today).query(String.class).list();
    }

    public void replaceMotifs(String numero, List<String> motifs) {
        jdbc.sql("delete from convention_motif where convention = :numero").param("numero", numero).update();
        for (String motif : motifs) {
            jdbc.sql("insert into convention_motif (convention, code) values (:numero, :code)")
                    .param("numero", numero).param("code", motif).update();
        }
    }

    public void replaceServices(String numero, Map<String, Map<String, Integer>> services) {
        jdbc.sql("delete from convention_quota where convention = :numero").param("numero", numero).update();
        services.forEach((service, quotas) -> quotas.forEach((profil, maximum) -> jdbc.sql("""
                insert into convention_quota (convention, service, profil, maximum)
                values (:numero, :service, :profil, :maximum)""")
                .param("numero", numero).param("service", service).param("profil", profil)
                .param("maximum", maximum).update()));
    }

    private List<String> motifs(String numero) {
        return jdbc.sql("select code from convention_motif where convention = :numero order by code")
                .param("numero", numero).query(String.class).list();
    }

    private Map<String, Map<String, Integer>> services(String numero) {
        Map<String, Map<String, Integer>> services = new LinkedHashMap<>();
        jdbc.sql("select service, profil, maximum from convention_quota where convention = :numero order by service, profil")
                .param("numero", numero)
                .query(rs -> {
                    services.computeIfAbsent(rs.getString("service"), s -> new LinkedHashMap<>())
                            .put(rs.getString("profil"), rs.getInt("maximum"));
                });
        return services;
    }
}
