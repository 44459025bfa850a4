package fr.cdapgateway.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.config.SqlTime;

/**
 * Delivers the outbox (SPEC §14.1): once per cluster every {@code gateway.mail.send-interval}, each mail due is
 * first <em>claimed</em> — its attempt counted and its next try pushed back by the backoff, in one conditional
 * update only one instance can win — then sent, then marked ENVOYE with its body erased. A relay that is down
 * leaves the mail EN_ATTENTE for its next try (the first within a minute, then doubling); a mail still not
 * delivered {@code give-up-after} (3 days) after it was written is marked ECHEC. So an outage loses nothing, and
 * a mail is never sent twice by two instances (only a crash between the relay's acceptance and the mark could).
 */
@Component
class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private record Due(long id, String to, String subject, String text, String html, int attempts, Instant next,
                       Instant created) {
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties properties;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final MeterRegistry meters;

    OutboxSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, MailProperties properties, ClusterJobs jobs,
                 Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
        this.meters = meters;
        // exported at zero from the start: the alert rules (deploy/prometheus) query them before any failure
        meters.counter("gateway.mails.sent");
        meters.counter("gateway.mails.failed.attempts");
        meters.counter("gateway.mails.given.up");
    }

    @Scheduled(fixedDelayString = "${gateway.mail.send-interval}", initialDelayString = "${gateway.mail.send-interval}")
    void deliver() {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return; // no relay configured (the prod profile refuses to start so)
        }
        jobs.runOnce("envoi-courriels", properties.sendInterval().dividedBy(2), () -> deliverDue(mail));
    }

    /** Sends what is due now; returns how many were delivered. */
    int deliverDue(JavaMailSender mail) {
        Instant now = clock.instant();
        giveUp(now);
        int delivered = 0;
        for (Due due : due(now)) {
            if (!claim(due, now)) {
                continue; // another instance took it
            }
            try {
                mail.send(message(mail, due));
                jdbc.sql("""
                        update courriel set statut = 'ENVOYE', envoye_le = :now, texte = null, html = null,
                                            derniere_erreur = null where id = :id""")
                        .param("now", SqlTime.utc(clock.instant())).param("id", due.id()).update();
                meters.counter("gateway.mails.sent").increment();
                delivered++;
            } catch (MailException | MessagingException e) {
                // the type only: a relay's message may quote the address
                jdbc.sql("update courriel set derniere_erreur = :error where id = :id")
                        .param("error", e.getClass().getSimpleName()).param("id", due.id()).update();
                meters.counter("gateway.mails.failed.attempts").increment();
                LOG.warn("mail {} not delivered (attempt {}): {}", due.id(), due.attempts() + 1,
                        e.getClass().getSimpleName());
                break; // the relay is down: the others wait for the next run
            }
        }
        return delivered;
    }

    private List<Due> due(Instant now) {
        return jdbc.sql("""
                select id, destinataire, sujet, texte, html, tentatives, prochain_essai, cree_le from courriel
                 where statut = 'EN_ATTENTE' and prochain_essai <= :now order by prochain_essai, id limit :batch""")
                .param("now", SqlTime.utc(now)).param("batch", properties.batch())
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getString("destinataire"), rs.getString("sujet"),
                        rs.getString("texte"), rs.getString("html"), rs.getInt("tentatives"),
                        rs.getTimestamp("prochain_essai").toInstant(), rs.getTimestamp("cree_le").toInstant()))
                .list();
    }

    private boolean claim(Due due, Instant now) {
        Duration wait = properties.backoff(due.attempts() + 1);
        return jdbc.sql("""
                update courriel set tentatives = tentatives + 1, prochain_essai = :next
                 where id = :id and statut = 'EN_ATTENTE' and tentatives = :attempts""")
                .param("next", SqlTime.utc(now.plus(wait))).param("id", due.id()).param("attempts", due.attempts())
                .update() == 1;
    }

    /**
     * Marks ECHEC what was tried and still not delivered {@code giveUpAfter} after it was written. A mail never tried
     * (every instance was down meanwhile) gets its attempt first: an outage of the gateway itself loses no mail.
     */
    private void giveUp(Instant now) {
        int failed = jdbc.sql("""
                update courriel set statut = 'ECHEC', texte = null, html = null
                 where statut = 'EN_ATTENTE' and tentatives > 0 and cree_le <= :limit""")
                .param("limit", SqlTime.utc(now.minus(properties.giveUpAfter()))).update();
        if (failed > 0) {
            meters.counter("gateway.mails.given.up").increment(failed);
            LOG.error("{} mails given up after {} without delivery (GET /api/v1/admin/courriels?statut=ECHEC)", failed,
                    properties.giveUpAfter());
        }
    }

    private MimeMessage message(JavaMailSender mail, Due due) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        try {
            helper.setFrom(new InternetAddress(properties.from(), true));
        } catch (MessagingException e) {
            throw new IllegalStateException("gateway.mail.from is not an address", e);
        }
        helper.setTo(new InternetAddress(due.to(), true));
        helper.setSubject(due.subject());
        helper.setText(due.text(), due.html());
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }
}
