package fr.cdapgateway.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.ConventionStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.mail.Letter;
import fr.cdapgateway.mail.MailProperties;
import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Recipients.Recipient;
import fr.cdapgateway.mail.Recipients;
import fr.cdapgateway.trace.TraceRecorder;

/**
 * Incidents of the service contracts (SPEC §14.10): declared by the CAF or the convention's administrators, sent to
 * the other side at once; left open past the convention's escalation delay (48 h by default, 5 days in Cherbourg's
 * contract), the next escalation contact of the other side is mailed, level by level. A security incident carries
 * the 72-hour deadline of GDPR art. 33 from its declaration.
 */
@Component
public class IncidentAdmin extends AdminResource {

    /** GDPR art. 33: a personal data breach is notified to the supervisory authority within 72 hours. */
    public static final Duration GDPR_DEADLINE = Duration.ofHours(72);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public record Declaration(String convention, String nature, String description, List<String> requestIds) {
    }

    public record Closing(String conclusion) {
    }

    /** An incident as people read it. */
    public record Incident(long id, String convention, String nature, String description, List<String> requestIds,
                           String declarePar, String cote, Instant declareLe, int niveau, Instant escaladeLe,
                           Instant prochaineEscalade, Instant echeanceRgpd, String statut, String cloturePar,
                           Instant clotureLe, String conclusion) {
    }

    private final ConventionStore conventions;
    private final JdbcClient jdbc;
    private final Recipients recipients;
    private final Outbox outbox;
    private final MailProperties mail;
    private final ClusterJobs jobs;
    private final TraceRecorder traces;
    private final Duration defaultEscalation;
    private final java.time.format.DateTimeFormatter when;

    IncidentAdmin(ConventionStore conventions, JdbcClient jdbc, Recipients recipients, Outbox outbox,
                  MailProperties mail, ClusterJobs jobs, TraceRecorder traces,
                  @Value("${gateway.incidents.escalation:48h}") Duration defaultEscalation, AdminKit kit) {
        super(kit);
        this.conventions = conventions;
        this.jdbc = jdbc;
        this.recipients = recipients;
        this.outbox = outbox;
        this.mail = mail;
        this.jobs = jobs;
        this.traces = traces;
        this.defaultEscalation = defaultEscalation;
        this.when = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", java.util.Locale.FRANCE)
                .withZone(calendar.zone());
    }

    /** The CAF admin's incidents of its CAF; a convention administrator's, of its convention. */
    public List<Incident> list(Caller caller) {
        caller.require(caller.readsTraces(), "Les incidents relèvent de la CAF et des administrateurs de la convention.");
        String where = caller.cafAdmin() ? "convention in (select numero from convention where caf = :scope)"
                : "convention = :scope";
        return jdbc.sql(SELECT + " where " + where + " order by id desc")
                .param("scope", caller.cafAdmin() ? caller.account().caf() : caller.account().convention())
                .query(this::incident).list();
    }

    public Incident declare(Caller caller, Declaration body, GatewayRequest request) {
        ConventionAdmin.require(body != null, "convention, nature, description obligatoires");
        ConventionRecord convention = scope.convention(caller, body.convention(), request);
        caller.require(caller.readsTraces(), "Un incident est déclaré par la CAF ou un administrateur de la convention.");
        ConventionAdmin.require("DYSFONCTIONNEMENT".equals(body.nature()) || "SECURITE".equals(body.nature()),
                "nature : DYSFONCTIONNEMENT ou SECURITE");
        ConventionAdmin.require(body.description() != null && !body.description().isBlank()
                && body.description().length() <= 2000, "description : ce qui s'est passé (2 000 caractères au plus)");
        List<String> ids = body.requestIds() == null ? List.of() : body.requestIds();
        ConventionAdmin.require(ids.size() <= 20 && ids.stream().allMatch(i -> i != null && REQUEST_ID.matcher(i)
                .matches()), "requestIds : 20 identifiants de requête au plus (X-Request-ID)");
        long id = changes.apply(() -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into incident (convention, nature, description, request_ids, declare_par, declare_le)
                    values (:c, :nature, :description, :ids, :par, :le)""")
                    .param("c", convention.numero()).param("nature", body.nature())
                    .param("description", body.description().strip()).param("ids", String.join(",", ids))
                    .param("par", caller.login()).param("le", SqlTime.utc(clock.instant())).update(key, "id");
            long created = key.getKey().longValue();
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                    "INCIDENT", "incident " + created + " (" + body.nature() + ")");
            Incident incident = find(created).orElseThrow();
            tell(convention, incident, otherSide(convention, incident), "Incident " + created + " déclaré",
                    "INCIDENT", "Un incident (" + label(incident) + ") a été déclaré le "
                            + when.format(incident.declareLe()) + " sur la convention "
                            + convention.numero() + " par " + ("CAF".equals(incident.cote()) ? "la CAF" : "le partenaire") + ".");
            return created;
        });
        request.objet("incident:" + id);
        return find(id).orElseThrow();
    }

    public Incident close(Caller caller, long id, Closing body, GatewayRequest request) {
        Incident incident = find(id).orElseThrow(() -> AdminScope.notFound("Incident inconnu."));
        scope.convention(caller, incident.convention(), request);
        request.objet("incident:" + id);
        caller.require(caller.readsTraces(), "Un incident est clos par la CAF ou un administrateur de la convention.");
        String conclusion = body == null ? null : IdentityRules.optional(body.conclusion(), 2000, "conclusion");
        changes.apply(() -> {
            int done = jdbc.sql("""
                    update incident set cloture_par = :par, cloture_le = :le, conclusion = :conclusion
                     where id = :id and cloture_le is null""")
                    .param("par", caller.login()).param("le", SqlTime.utc(clock.instant()))
                    .param("conclusion", conclusion).param("id", id).update();
            if (done != 1) {
                throw new ProblemException(Problem.CONFLICT, "Cet incident est déjà clos.");
            }
            history.record(caller.login(), incident.convention(), HistoryLog.Kind.CONVENTION, incident.convention(),
                    "CLOTURE_INCIDENT", "incident " + id);
            return null;
        });
        return find(id).orElseThrow();
    }

    /** Every few minutes, once per cluster: open incidents past their delay go up one escalation level. */
    @Scheduled(fixedDelayString = "${gateway.incidents.check-interval:5m}",
            initialDelayString = "${gateway.incidents.check-interval:5m}")
    public void scheduled() {
        jobs.runOnce("escalade-incidents", Duration.ofMinutes(4), this::escalate);
    }

    /** Escalates what is due; returns the incidents escalated. */
    public List<Long> escalate() {
        List<Long> escalated = new ArrayList<>();
        List<Incident> open = jdbc.sql(SELECT + " where cloture_le is null and niveau < 2 order by id")
                .query(this::incident).list();
        for (Incident incident : open) {
            if (incident.prochaineEscalade() != null && !clock.instant().isBefore(incident.prochaineEscalade())) {
                boolean done = changes.apply(() -> {
                    int level = incident.niveau() + 1;
                    if (jdbc.sql("""
                            update incident set niveau = :level, escalade_le = :now
                             where id = :id and niveau = :previous and cloture_le is null""")
                            .param("level", level).param("now", SqlTime.utc(clock.instant())).param("id", incident.id())
                            .param("previous", incident.niveau()).update() != 1) {
                        return false;
                    }
                    ConventionRecord convention = conventions.find(incident.convention()).orElseThrow();
                    List<Recipient> to = recipients.contact(convention.numero(), otherSide(incident), "ESCALADE_" + level);
                    if (to.isEmpty()) {
                        to = otherSide(incident).equals("CAF") ? recipients.cafAdministrators(convention.caf())
                                : recipients.administrators(convention.numero());
                    }
                    traces.recordInternal("ESCALADE_INCIDENT", "incident:" + incident.id() + ",niveau:" + level);
                    history.record("escalade", convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                            "ESCALADE_INCIDENT", "incident " + incident.id() + ", niveau " + level);
                    tell(convention, incident, to, "Escalade (niveau " + level + ") : incident " + incident.id()
                            + " sans réponse", "INCIDENT_ESCALADE", "L'incident " + incident.id() + " ("
                            + label(incident) + "), déclaré le " + when.format(incident.declareLe())
                            + " sur la convention " + convention.numero() + ", n'est pas clos après le délai "
                            + "d'escalade du contrat de service (" + delay(convention).toHours() + " h) : il vous est "
                            + "transmis au niveau " + level + ".");
                    return true;
                });
                if (done) {
                    escalated.add(incident.id());
                }
            }
        }
        return escalated;
    }

    Optional<Incident> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(this::incident).optional();
    }

    private static final String SELECT = """
            select i.id, i.convention, i.nature, i.description, i.request_ids, i.declare_par, i.declare_le, i.niveau,
                   i.escalade_le, i.cloture_par, i.cloture_le, i.conclusion,
                   (select u.convention from utilisateur u where u.login = i.declare_par) declarant_convention,
                   (select c.escalade_heures from convention c where c.numero = i.convention) escalade_heures
              from incident i""";

    private Incident incident(ResultSet rs, int row) throws SQLException {
        Instant declared = SqlTime.instant(rs.getTimestamp("declare_le"));
        int level = rs.getInt("niveau");
        int hours = rs.getInt("escalade_heures");
        Duration delay = rs.wasNull() ? defaultEscalation : Duration.ofHours(hours);
        Instant closed = SqlTime.instant(rs.getTimestamp("cloture_le"));
        String ids = rs.getString("request_ids");
        return new Incident(rs.getLong("id"), rs.getString("convention"), rs.getString("nature"),
                rs.getString("description"), ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")),
                rs.getString("declare_par"), rs.getString("declarant_convention") == null ? "CAF" : "PARTENAIRE",
                declared, level, SqlTime.instant(rs.getTimestamp("escalade_le")),
                closed == null && level < 2 ? declared.plus(delay.multipliedBy(level + 1L)) : null,
                "SECURITE".equals(rs.getString("nature")) ? declared.plus(GDPR_DEADLINE) : null,
                closed == null ? "OUVERT" : "CLOS", rs.getString("cloture_par"), closed, rs.getString("conclusion"));
    }

    private Duration delay(ConventionRecord convention) {
        Integer hours = convention.dates().escaladeHeures();
        return hours == null ? defaultEscalation : Duration.ofHours(hours);
    }

    /** The side that must answer: the CAF for a partner's declaration, the partner for the CAF's. */
    private static String otherSide(Incident incident) {
        return "CAF".equals(incident.cote()) ? ContactAdmin.PARTENAIRE : ContactAdmin.CAF;
    }

    private List<Recipient> otherSide(ConventionRecord convention, Incident incident) {
        List<Recipient> to = new ArrayList<>();
        if (ContactAdmin.CAF.equals(otherSide(incident))) {
            to.addAll(recipients.contact(convention.numero(), ContactAdmin.CAF, "GUICHET"));
            to.addAll(recipients.contact(convention.numero(), ContactAdmin.CAF, "RESPONSABLE_SECURITE"));
            to.addAll(recipients.cafAdministrators(convention.caf()));
        } else {
            to.addAll(recipients.administrators(convention.numero()));
            to.addAll(recipients.contact(convention.numero(), ContactAdmin.PARTENAIRE, "RESPONSABLE_SECURITE"));
        }
        return to;
    }

    private static String label(Incident incident) {
        return "SECURITE".equals(incident.nature()) ? "incident de sécurité" : "dysfonctionnement";
    }

    private void tell(ConventionRecord convention, Incident incident, List<Recipient> to, String subject, String cause,
                      String text) {
        List<Letter> letters = new ArrayList<>();
        for (Recipient recipient : Recipients.distinct(to)) {
            Letter.Builder letter = Letter.to(recipient).about(subject, cause).of(convention.caf(), convention.numero())
                    .says(text);
            if (incident.echeanceRgpd() != null) {
                letter.says("Incident de sécurité : s'il touche des données personnelles, la notification à la CNIL "
                        + "est due avant le " + when.format(incident.echeanceRgpd())
                        + " (RGPD, art. 33 : 72 heures).");
            }
            letters.add(letter.link(mail.link("/incidents"), "Voir les incidents").build());
        }
        outbox.post(letters);
    }
}
