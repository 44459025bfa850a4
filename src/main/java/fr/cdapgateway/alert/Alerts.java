package fr.cdapgateway.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.mail.Letter;
import fr.cdapgateway.mail.MailProperties;
import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Recipients;
import fr.cdapgateway.mail.Recipients.Recipient;

/**
 * Security alerts (SPEC §14.5, convention art. 9.2 "sans délai"): one open alert per type, account (or convention)
 * and day, counting its occurrences. A new alert is mailed at once — in the transaction that records it — to the
 * convention's administrators and security officer; a chain anomaly, and a second sharing suspicion of one login
 * within 30 days, to the CAF's security officer too. Counted in {@code gateway_alerts_total{type}}.
 */
@Component
public class Alerts implements AlertRaiser {

    /** An alert as the CAF and the convention's administrators read it. */
    public record AlertView(long id, String type, String libelle, String convention, String utilisateur,
                            Instant premiereFois, Instant derniereFois, int occurrences, String statut,
                            String conclusion, String commentaire, String concluePar, Instant conclueLe) {
    }

    static final Duration REPEAT_WINDOW = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Recipients recipients;
    private final MailProperties mail;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ZoneId zone;

    Alerts(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, Recipients recipients, MailProperties mail,
           MeterRegistry meters, Clock clock, @Value("${gateway.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.recipients = recipients;
        this.mail = mail;
        this.meters = meters;
        this.clock = clock;
        this.zone = zone;
        for (AlertType type : AlertType.values()) {
            meters.counter("gateway.alerts", "type", type.name());
        }
    }

    /**
     * Records one occurrence: a new alert (mailed at once) or one more occurrence of today's open alert of this
     * type for this account or convention. Joins the caller's transaction if there is one.
     *
     * @return whether this occurrence opened a new alert
     */
    @Override
    public boolean raise(AlertType type, String caf, String convention, String login) {
        Boolean opened = transactions.execute(status -> record(type, caf, convention, login));
        return Boolean.TRUE.equals(opened);
    }

    private boolean record(AlertType type, String caf, String convention, String login) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        String key = type + "|" + caf + "|" + (convention == null ? "" : convention) + "|" + (login == null ? "" : login) + "|" + day;
        if (oneMore(key, now)) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into alerte (type, caf, convention, utilisateur, jour, premiere_fois, derniere_fois,
                                        occurrences, statut, cle)
                    values (:type, :caf, :convention, :login, :day, :now, :now, 1, 'OUVERTE', :key)""")
                    .param("type", type.name()).param("caf", caf).param("convention", convention).param("login", login)
                    .param("day", day).param("now", SqlTime.utc(now)).param("key", key).update();
        } catch (DuplicateKeyException raced) {
            oneMore(key, now); // another request opened it at the same moment: count this one on it
            return false;
        }
        meters.counter("gateway.alerts", "type", type.name()).increment();
        tell(type, caf, convention, login, now);
        return true;
    }

    private boolean oneMore(String key, Instant now) {
        return jdbc.sql("""
                update alerte set occurrences = occurrences + 1, derniere_fois = :now
                 where cle = :key and statut = 'OUVERTE'""")
                .param("now", SqlTime.utc(now)).param("key", key).update() == 1;
    }

    private void tell(AlertType type, String caf, String convention, String login, Instant now) {
        List<Recipient> to = new ArrayList<>();
        if (convention != null) {
            to.addAll(recipients.administrators(convention));
            to.addAll(recipients.contact(convention, "PARTENAIRE", "RESPONSABLE_SECURITE"));
        }
        boolean toCaf = type == AlertType.ANOMALIE_TRACES || convention == null
                || type == AlertType.PARTAGE_SUSPECTE && sharedBefore(login, now);
        if (toCaf && caf != null) {
            to.addAll(recipients.cafSecurityOfficers(caf));
        }
        String where = convention == null ? "CAF " + caf : "convention " + convention;
        for (Recipient recipient : Recipients.distinct(to)) {
            Letter.Builder letter = Letter.to(recipient)
                    .about("Alerte de sécurité CDAP : " + type.label().toLowerCase(java.util.Locale.FRANCE)
                            + " (" + where + ")", "ALERTE_" + type.name())
                    .of(caf, convention)
                    .says(type.explanation(),
                            login == null ? "Concerne : " + where + "."
                                    : "Compte concerné : " + login + " (" + where + ").",
                            "Examinez-la et concluez-la (faux positif, compte suspendu, changement de mot de passe "
                                    + "imposé) depuis la console.");
            outbox.post(letter.link(mail.link("/alertes"), "Voir les alertes").build());
        }
    }

    /** Whether this login already had a sharing alert within the last 30 days (before today's). */
    private boolean sharedBefore(String login, Instant now) {
        if (login == null) {
            return false;
        }
        return jdbc.sql("""
                select count(*) from alerte where type = 'PARTAGE_SUSPECTE' and utilisateur = :login
                   and premiere_fois >= :since""")
                .param("login", login).param("since", SqlTime.utc(now.minus(REPEAT_WINDOW)))
                .query(Integer.class).single() > 1;
    }

    /** The alerts of some conventions (or, with {@code caf}, of every convention of that CAF and the CAF's own). */
    public List<AlertView> list(String caf, String convention, String type, String statut, int limit) {
        return query(null, caf, convention, type, statut, limit);
    }

    /** One alert as it is read. */
    public Optional<AlertView> view(long id) {
        return query(id, null, null, null, null, 1).stream().findFirst();
    }

    private List<AlertView> query(Long id, String caf, String convention, String type, String statut, int limit) {
        return jdbc.sql("""
                select id, type, convention, utilisateur, premiere_fois, derniere_fois, occurrences, statut,
                       conclusion, commentaire, conclue_par, conclue_le from alerte
                 where (cast(:id as bigint) is null or id = :id) and (cast(:caf as varchar) is null or caf = :caf)
                   and (cast(:convention as varchar) is null or convention = :convention)
                   and (cast(:type as varchar) is null or type = :type) and (cast(:statut as varchar) is null or statut = :statut)
                 order by derniere_fois desc, id desc limit :limit""")
                .param("id", id).param("caf", caf).param("convention", convention).param("type", type)
                .param("statut", statut).param("limit", limit)
                .query((rs, row) -> new AlertView(rs.getLong("id"), rs.getString("type"),
                        AlertType.valueOf(rs.getString("type")).label(), rs.getString("convention"),
                        rs.getString("utilisateur"), SqlTime.instant(rs.getTimestamp("premiere_fois")),
                        SqlTime.instant(rs.getTimestamp("derniere_fois")), rs.getInt("occurrences"),
                        rs.getString("statut"), rs.getString("conclusion"), rs.getString("commentaire"),
                        rs.getString("conclue_par"), SqlTime.instant(rs.getTimestamp("conclue_le"))))
                .list();
    }

    /** One alert with its CAF, for the scope check of the caller. */
    public Optional<Scoped> find(long id) {
        return jdbc.sql("select id, type, caf, convention, utilisateur, statut from alerte where id = :id")
                .param("id", id)
                .query((rs, row) -> new Scoped(rs.getLong("id"), AlertType.valueOf(rs.getString("type")),
                        rs.getString("caf"), rs.getString("convention"), rs.getString("utilisateur"),
                        rs.getString("statut")))
                .optional();
    }

    public record Scoped(long id, AlertType type, String caf, String convention, String utilisateur, String statut) {

        public boolean open() {
            return "OUVERTE".equals(statut);
        }
    }

    /** Closes an open alert with its conclusion (in the caller's transaction); false when it was already closed. */
    public boolean close(long id, String conclusion, String commentaire, String by) {
        return jdbc.sql("""
                update alerte set statut = 'CLOSE', conclusion = :conclusion, commentaire = :commentaire,
                                  conclue_par = :by, conclue_le = :now, cle = cle || '#' || id
                 where id = :id and statut = 'OUVERTE'""")
                .param("conclusion", conclusion).param("commentaire", commentaire).param("by", by)
                .param("now", SqlTime.utc(clock.instant())).param("id", id).update() == 1;
    }
}
