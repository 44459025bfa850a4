package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.ConventionStore;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.mail.Letter;
import fr.cdapgateway.mail.MailProperties;
import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Recipients.Recipient;
import fr.cdapgateway.mail.Recipients;
import fr.cdapgateway.trace.TraceRecorder;

/**
 * The convention's dates that act (SPEC §14.8, art. 17): access opens only once the mandatory contacts of Annexe 1
 * are filled; a resiliation received by registered letter takes effect after its notice, both sides told at once and
 * again 30 days before; on the effective date a job (once per cluster) devalidates every account and ends every
 * habilitation of the convention, so the 6-year retention of its data starts that day.
 */
@Component
public class ConventionLife extends AdminResource {

    private static final Logger LOG = LoggerFactory.getLogger(ConventionLife.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** The actor the closing job writes in the history. */
    static final String CLOSING_ACTOR = fr.cdapgateway.api.Account.CONVENTION_END;

    public record ResiliationBody(String type, LocalDate lettreRecueLe, LocalDate effetLe) {
    }

    public record Opening(LocalDate le) {
    }

    private final ConventionStore store;
    private final ConventionAdmin conventions;
    private final ContactAdmin contacts;
    private final UserStore users;
    private final HabilitationStore habilitations;
    private final Recipients recipients;
    private final Outbox outbox;
    private final MailProperties mail;
    private final ClusterJobs jobs;
    private final TraceRecorder traces;

    ConventionLife(ConventionStore store, ConventionAdmin conventions, ContactAdmin contacts, UserStore users,
                   HabilitationStore habilitations, Recipients recipients, Outbox outbox, MailProperties mail,
                   ClusterJobs jobs, TraceRecorder traces, AdminKit kit) {
        super(kit);
        this.store = store;
        this.conventions = conventions;
        this.contacts = contacts;
        this.users = users;
        this.habilitations = habilitations;
        this.recipients = recipients;
        this.outbox = outbox;
        this.mail = mail;
        this.jobs = jobs;
        this.traces = traces;
    }

    /** The CAF opens access (art. 17.1), refused while a mandatory contact is missing (409). */
    public ConventionView open(Caller caller, String numero, Opening body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.cafAdmin(), "Seule la CAF ouvre l'accès d'une convention.");
        LocalDate day = body == null || body.le() == null ? calendar.today() : body.le();
        ConventionAdmin.require(!day.isBefore(convention.dateDebut()),
                "le : l'ouverture ne peut précéder la date d'effet de la convention.");
        List<ContactAdmin.Manquant> missing = contacts.missingOf(convention.numero());
        if (!missing.isEmpty()) {
            throw new ProblemException(Problem.CONFLICT, "L'accès ne s'ouvre qu'avec les interlocuteurs obligatoires "
                    + "de l'annexe 1 ; manquent : " + missing.stream().map(m -> m.role() + " (" + m.cote() + ")")
                    .toList() + ".");
        }
        if (convention.dates().ouverteLe() != null) {
            throw new ProblemException(Problem.CONFLICT, "L'accès de cette convention est ouvert depuis le "
                    + convention.dates().ouverteLe().format(DAY) + ".");
        }
        changes.apply(() -> {
            store.open(convention.numero(), day);
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                    "OUVERTURE", "accès ouvert le " + day);
            tell(convention, "Ouverture de l'accès : convention " + convention.numero(), "OUVERTURE",
                    "L'accès au service CDAP de la convention " + convention.numero() + " ("
                            + convention.partenaireNom() + ") est ouvert à compter du " + day.format(DAY) + ".",
                    "La convention est conclue pour un an et reconduite tacitement chaque année ; un bilan annuel "
                            + "est établi à chaque anniversaire.");
            return null;
        });
        return conventions.view(store.find(convention.numero()).orElseThrow());
    }

    /** The CAF records a resiliation letter (art. 17.2); its notice is checked, both sides are mailed. */
    public ConventionView resiliate(Caller caller, String numero, ResiliationBody body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.cafAdmin(), "Seule la CAF enregistre la résiliation d'une convention.");
        ConventionAdmin.require(body != null && ("PREAVIS".equals(body.type()) || "MANQUEMENT".equals(body.type())),
                "type : PREAVIS ou MANQUEMENT");
        ConventionAdmin.require(body.lettreRecueLe() != null && body.effetLe() != null,
                "lettreRecueLe et effetLe obligatoires (AAAA-MM-JJ)");
        ConventionAdmin.require(!body.lettreRecueLe().isAfter(calendar.today()),
                "lettreRecueLe : la lettre recommandée doit avoir été reçue.");
        LocalDate earliest = ConventionYears.earliestEffect(body.type(), body.lettreRecueLe());
        ConventionAdmin.require(!body.effetLe().isBefore(earliest), "effetLe : une résiliation "
                + ("PREAVIS".equals(body.type()) ? "par préavis prend effet au moins 3 mois"
                        : "pour manquement prend effet au moins 1 mois")
                + " après la réception de la lettre, soit le " + earliest.format(DAY) + " au plus tôt.");
        if (convention.dates().closeLe() != null) {
            throw new ProblemException(Problem.CONFLICT, "Cette convention a déjà pris fin.");
        }
        request.objet("resiliation:" + body.type() + ",effet:" + body.effetLe());
        changes.apply(() -> {
            store.resiliate(convention.numero(), new ConventionStore.Resiliation(body.type(), body.lettreRecueLe(),
                    body.effetLe(), caller.login(), null));
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                    "RESILIATION", body.type() + ", lettre reçue le " + body.lettreRecueLe() + ", effet le "
                            + body.effetLe());
            tell(convention, "Résiliation de la convention " + convention.numero(), "RESILIATION",
                    "La CAF a enregistré la résiliation de la convention " + convention.numero() + " ("
                            + convention.partenaireNom() + ") : " + ("PREAVIS".equals(body.type())
                            ? "résiliation à l'initiative d'une partie" : "résiliation pour manquement")
                            + ", lettre recommandée reçue le " + body.lettreRecueLe().format(DAY) + ".",
                    "Elle prend effet le " + body.effetLe().format(DAY) + " : ce jour-là, tous les comptes de la "
                            + "convention seront dévalidés et toutes ses habilitations terminées.");
            return null;
        });
        return conventions.view(store.find(convention.numero()).orElseThrow());
    }

    /** The CAF withdraws a resiliation before its effect: the convention goes on. */
    public ConventionView withdraw(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.cafAdmin(), "Seule la CAF retire une résiliation.");
        if (convention.dates().resiliation() == null) {
            throw new ProblemException(Problem.NOT_FOUND, "Aucune résiliation en cours pour cette convention.");
        }
        if (convention.dates().closeLe() != null
                || !calendar.today().isBefore(convention.dates().resiliation().effetLe())) {
            throw new ProblemException(Problem.CONFLICT, "La résiliation a déjà pris effet.");
        }
        changes.apply(() -> {
            if (!store.withdrawResiliation(convention.numero())) {
                throw new ProblemException(Problem.CONFLICT, "La résiliation vient d'être retirée ou appliquée.");
            }
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                    "RETRAIT_RESILIATION", null);
            tell(convention, "Résiliation retirée : convention " + convention.numero(), "RESILIATION_RETIREE",
                    "La résiliation de la convention " + convention.numero() + " (" + convention.partenaireNom()
                            + ") a été retirée : la convention se poursuit et se renouvelle tacitement.");
            return null;
        });
        return conventions.view(store.find(convention.numero()).orElseThrow());
    }

    /** Every night, once per cluster: reminders 30 days before an effect, closing on the effect. */
    @Scheduled(cron = "${gateway.conventions.cron:0 15 0 * * *}", zone = "Europe/Paris")
    public void scheduled() {
        jobs.runOnce("fin-conventions", ClusterJobs.DAILY_HOLD, this::act);
    }

    /** What the dates ask today; returns the conventions closed. */
    public List<String> act() {
        LocalDate today = calendar.today();
        for (String numero : store.renewable()) {
            renew(numero, today);
        }
        for (String numero : store.resiliationsToRemind(today.plusDays(30))) {
            remind(numero);
        }
        List<String> closed = new ArrayList<>();
        for (String numero : store.toClose(today)) {
            if (close(numero)) {
                closed.add(numero);
            }
        }
        return closed;
    }

    private void remind(String numero) {
        changes.apply(() -> {
            ConventionRecord convention = store.find(numero).orElseThrow();
            if (store.remindResiliation(numero, clock.instant())) {
                LocalDate effect = convention.dates().resiliation().effetLe();
                tell(convention, "Rappel : fin de la convention " + numero + " le " + effect.format(DAY),
                        "RESILIATION_RAPPEL", "La résiliation de la convention " + numero + " ("
                                + convention.partenaireNom() + ") prend effet le " + effect.format(DAY) + ".",
                        "Ce jour-là, tous les comptes seront dévalidés et toutes les habilitations terminées : "
                                + "prévoyez la fin des consultations de vos logiciels.");
                traces.recordInternal("RAPPEL_RESILIATION", "convention:" + numero + ",effet:" + effect);
            }
            return null;
        });
    }

    /** On its anniversary a convention in course is renewed tacitly: both sides are told, and that its bilan is due. */
    private void renew(String numero, LocalDate today) {
        ConventionRecord convention = store.find(numero).orElseThrow();
        LocalDate base = convention.dates().anniversaryBase(convention.dateDebut());
        if (!today.isAfter(base) || !ConventionYears.nextAnniversary(base, today).equals(today)) {
            return;
        }
        changes.apply(() -> {
            if (store.announceAnniversary(numero, today)) {
                tellWithLink(convention, "Convention " + numero + " reconduite ; bilan annuel", "RECONDUCTION",
                        "/conventions/" + numero + "/bilans/" + (today.getYear() - 1), "Voir le bilan",
                        "La convention " + numero + " (" + convention.partenaireNom() + ") est reconduite "
                                + "tacitement pour un an à compter du " + today.format(DAY) + ".",
                        "Le bilan de l'année écoulée (article 16) est disponible : consultations, refus, "
                                + "habilitations, alertes, incidents et revue annuelle. Son compte rendu est rédigé "
                                + "par une partie et validé par l'autre dans les 30 jours.");
                history.record("reconduction", numero, HistoryLog.Kind.CONVENTION,
                        numero, "RECONDUCTION", "reconduite le " + today);
            }
            return null;
        });
    }

    /**
     * Devalidates every account and ends every habilitation of a convention past its last day, in one transaction,
     * dated from the first day it is no longer in force.
     */
    private boolean close(String numero) {
        boolean closed = changes.apply(() -> {
            ConventionRecord convention = store.find(numero).orElseThrow();
            Instant end = convention.dateFin().plusDays(1).atStartOfDay(calendar.zone()).toInstant();
            if (!store.close(numero, end)) {
                return false;
            }
            int accounts = 0;
            for (UserStore.UserRecord user : users.ofConvention(numero)) {
                if (user.devalidatedAt() == null) {
                    users.devalidate(user.id(), end, CLOSING_ACTOR);
                    history.record(CLOSING_ACTOR, numero, HistoryLog.Kind.UTILISATEUR, user.login(), "DEVALIDATION",
                            "fin de la convention le " + convention.dateFin().plusDays(1));
                    accounts++;
                }
            }
            int ended = 0;
            for (HabilitationStore.HabilitationRecord h : habilitations.ofConvention(numero)) {
                if (!h.ended()) {
                    habilitations.end(h.id(), CLOSING_ACTOR, end);
                    history.record(CLOSING_ACTOR, numero, HistoryLog.Kind.HABILITATION, h.id(), "FIN",
                            "fin de la convention");
                    ended++;
                }
            }
            history.record(CLOSING_ACTOR, numero, HistoryLog.Kind.CONVENTION, numero, "FIN",
                    accounts + " comptes dévalidés, " + ended + " habilitations terminées");
            traces.recordInternal("FIN_CONVENTION", "convention:" + numero + ",comptes:" + accounts
                    + ",habilitations:" + ended);
            return true;
        });
        if (closed) {
            LOG.info("convention {} ended: accounts devalidated, habilitations ended", numero);
        }
        return closed;
    }

    /** Mails both sides: the partner's administrators and every contact of Annexe 1 on either side. */
    private void tell(ConventionRecord convention, String subject, String cause, String... paragraphs) {
        tellWithLink(convention, subject, cause, "/conventions/" + convention.numero(), "Voir la convention",
                paragraphs);
    }

    private void tellWithLink(ConventionRecord convention, String subject, String cause, String path, String linkText,
                              String... paragraphs) {
        List<Recipient> to = new ArrayList<>(recipients.administrators(convention.numero()));
        to.addAll(recipients.contacts(convention.numero()));
        to.addAll(recipients.cafAdministrators(convention.caf()));
        List<Letter> letters = new ArrayList<>();
        for (Recipient recipient : Recipients.distinct(to)) {
            letters.add(Letter.to(recipient).about(subject, cause).of(convention.caf(), convention.numero())
                    .says(paragraphs).link(mail.link(path), linkText).build());
        }
        outbox.post(letters);
    }
}
