package fr.cdapgateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.mail.Letter;
import fr.cdapgateway.mail.MailProperties;
import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Recipients;
import fr.cdapgateway.mail.Recipients.Recipient;

/**
 * Partners are told of every planned stop "par mail" (service contract art. 3.1, 4; SPEC §14.6): declaring or
 * cancelling a window mails the services contact and the administrators of every convention of the CAF, in the
 * transaction that declares or cancels it; a reminder goes 24 h before the start, once, by a job that runs once per
 * cluster.
 */
@Component
public class MaintenanceNotices {

    static final Duration REMINDER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Recipients recipients;
    private final MailProperties mail;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final DateTimeFormatter local;

    MaintenanceNotices(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, Recipients recipients,
                       MailProperties mail, ClusterJobs jobs, Clock clock, @Value("${gateway.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.recipients = recipients;
        this.mail = mail;
        this.jobs = jobs;
        this.clock = clock;
        this.local = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE).withZone(zone);
    }

    public enum Kind {
        ANNONCE("Maintenance programmée du service CDAP", "Une maintenance du service CDAP est programmée"),
        ANNULATION("Maintenance annulée du service CDAP", "La maintenance du service CDAP annoncée est annulée"),
        RAPPEL("Rappel : maintenance du service CDAP demain", "Rappel : une maintenance du service CDAP commence");

        private final String subject;
        private final String opening;

        Kind(String subject, String opening) {
            this.subject = subject;
            this.opening = opening;
        }
    }

    /** Mails the partners of the window's CAF, in the caller's transaction. */
    public void tell(Maintenance window, Kind kind) {
        String when = "du " + local.format(window.debut()) + " au " + local.format(window.fin());
        List<Letter> letters = new ArrayList<>();
        List<String> cafs = window.caf() == null ? recipients.cafs() : List.of(window.caf());
        for (String caf : cafs) {
            for (String convention : recipients.conventionsOf(caf)) {
                List<Recipient> to = new ArrayList<>(recipients.contact(convention, "PARTENAIRE",
                        "RESPONSABLE_SERVICES"));
                to.addAll(recipients.administrators(convention));
                for (Recipient recipient : Recipients.distinct(to)) {
                    letters.add(Letter.to(recipient).about(kind.subject, "MAINTENANCE_" + kind.name())
                            .of(caf, convention)
                            .says(kind.opening + " " + when + " (heure de Paris).",
                                    kind == Kind.ANNULATION ? "Le service restera disponible pendant cette période."
                                            : "Pendant la maintenance, les consultations répondent « maintenance » "
                                                    + "(503) : prévoyez vos facturations en dehors de ce créneau.",
                                    "Message de la CAF : " + window.message())
                            .link(mail.link("/"), "Ouvrir la console")
                            .says("Le calendrier des maintenances s'abonne à l'adresse /api/v1/statut/maintenances.ics"
                                    + "?caf=" + caf + " de la passerelle.")
                            .build());
                }
            }
        }
        outbox.post(letters);
    }

    @Scheduled(fixedDelayString = "${gateway.maintenance.reminder-interval:5m}", initialDelay = 30_000)
    void scheduledReminders() {
        jobs.runOnce("rappels-maintenance", Duration.ofMinutes(1), this::remind);
    }

    /** The reminders due now: windows starting within 24 h that were not reminded yet. Returns how many. */
    public int remind() {
        Instant now = clock.instant();
        List<Maintenance> due = jdbc.sql("""
                select id, caf, debut, fin, message from maintenance
                 where annulee_le is null and rappel_envoye_le is null and debut > :now and debut <= :horizon""")
                .param("now", SqlTime.utc(now)).param("horizon", SqlTime.utc(now.plus(REMINDER)))
                .query((rs, row) -> new Maintenance(rs.getLong("id"), rs.getTimestamp("debut").toInstant(),
                        rs.getTimestamp("fin").toInstant(), rs.getString("message"), rs.getString("caf")))
                .list();
        int sent = 0;
        for (Maintenance window : due) {
            Boolean told = transactions.execute(status -> {
                int marked = jdbc.sql("""
                        update maintenance set rappel_envoye_le = :now where id = :id and rappel_envoye_le is null""")
                        .param("now", SqlTime.utc(now)).param("id", window.id()).update();
                if (marked == 1) {
                    tell(window, Kind.RAPPEL);
                }
                return marked == 1;
            });
            sent += Boolean.TRUE.equals(told) ? 1 : 0;
        }
        return sent;
    }
}
