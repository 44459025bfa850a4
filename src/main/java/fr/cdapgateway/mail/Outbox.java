package fr.cdapgateway.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.SqlTime;

/**
 * The durable outbox of mails (SPEC §14.1). {@link #post} writes a mail in the caller's transaction — the event
 * that causes it and the mail commit together or not at all — and a request never talks SMTP: the delivery job
 * ({@link OutboxSender}) sends it. The CAF admins list their CAF's mails, never their bodies.
 */
@Component
public class Outbox {

    public static final Set<String> STATUSES = Set.of("EN_ATTENTE", "ENVOYE", "ECHEC");

    /** A mail as its CAF's admins see it: who, what about, where it stands — never its body. */
    public record CourrielView(long id, String destinataire, String sujet, String cause, String convention,
                               String statut, int tentatives, Instant prochainEssai, Instant creeLe,
                               Instant envoyeLe) {
    }

    private final JdbcClient jdbc;
    private final Letters letters;
    private final Clock clock;
    private final MeterRegistry meters;

    Outbox(JdbcClient jdbc, Letters letters, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.letters = letters;
        this.clock = clock;
        this.meters = meters;
    }

    /** Writes each letter to the outbox, in the transaction of the caller if there is one. */
    public void post(List<Letter> batch) {
        batch.forEach(this::post);
    }

    public void post(Letter letter) {
        if (letter.to() == null || letter.to().isBlank()) {
            return;
        }
        Letters.Rendered rendered = letters.render(letter);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into courriel (caf, convention, destinataire, sujet, cause, texte, html, statut, tentatives,
                                      prochain_essai, cree_le)
                values (:caf, :convention, :to, :subject, :cause, :text, :html, 'EN_ATTENTE', 0, :now, :now)""")
                .param("caf", letter.caf()).param("convention", letter.convention()).param("to", letter.to())
                .param("subject", letter.subject()).param("cause", letter.cause()).param("text", rendered.text())
                .param("html", rendered.html()).param("now", SqlTime.utc(now))
                .update();
        meters.counter("gateway.mails.queued", "cause", letter.cause()).increment();
    }

    /** The mails of one CAF, newest first, optionally of one status. */
    public List<CourrielView> ofCaf(String caf, String statut, int limit) {
        return jdbc.sql("""
                select id, destinataire, sujet, cause, convention, statut, tentatives, prochain_essai, cree_le, envoye_le
                  from courriel where caf = :caf and (cast(:statut as varchar) is null or statut = :statut)
                 order by id desc limit :limit""")
                .param("caf", caf).param("statut", statut).param("limit", limit)
                .query((rs, row) -> new CourrielView(rs.getLong("id"), rs.getString("destinataire"),
                        rs.getString("sujet"), rs.getString("cause"), rs.getString("convention"),
                        rs.getString("statut"), rs.getInt("tentatives"),
                        "EN_ATTENTE".equals(rs.getString("statut"))
                                ? SqlTime.instant(rs.getTimestamp("prochain_essai")) : null,
                        SqlTime.instant(rs.getTimestamp("cree_le")), SqlTime.instant(rs.getTimestamp("envoye_le"))))
                .list();
    }
}
