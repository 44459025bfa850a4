package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.ConventionStore;
import fr.cdapgateway.admin.store.GroupStore;
import fr.cdapgateway.admin.store.HabilitationStore.HabilitationRecord;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.ReviewStore;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;

/**
 * The annual reverse review (SPEC §8): per convention, every account and habilitation with its last use,
 * number of consultations and flags; the administrator's attestation with a decision per habilitation, applied
 * and recorded; the CAF admin's list of conventions whose last review is more than 12 months old.
 */
@Component
public class ReverseReview extends AdminResource {

    public record Attestation(List<Item> decisions) {
        public record Item(Long habilitation, String decision) {
        }
    }

    /** A habilitation or an account unused this long is flagged for the review. */
    public static final int UNUSED_DAYS = 90;
    /** The flag of a habilitation unused for {@link #UNUSED_DAYS}. */
    public static final String UNUSED_HABILITATION = "INUTILISEE_90_JOURS";

    private final ConventionStore conventions;
    private final UserStore users;
    private final HabilitationStore habilitations;
    private final GroupStore groups;
    private final ReviewStore reviews;
    private final QuotaLedger quotas;
    private final Granting granting;
    private final fr.cdapgateway.config.CafDirectory cafs;

    ReverseReview(ConventionStore conventions, UserStore users, HabilitationStore habilitations,
                  GroupStore groups, ReviewStore reviews, QuotaLedger quotas, Granting granting,
                  fr.cdapgateway.config.CafDirectory cafs, AdminKit kit) {
        super(kit);
        this.cafs = cafs;
        this.conventions = conventions;
        this.users = users;
        this.habilitations = habilitations;
        this.groups = groups;
        this.reviews = reviews;
        this.quotas = quotas;
        this.granting = granting;
    }

    /** The report of the review: every account and habilitation with its last use, consultations and flags. */
    public ReviewViews.Report report(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        return build(convention);
    }

    /** The report as CSV (semicolon-separated, as French spreadsheets expect), one line per habilitation. */
    public static String csv(ReviewViews.Report report) {
        return ReviewCsv.of(report);
    }

    /** The administrator's attestation: one decision per open habilitation, applied and recorded. */
    public ReviewViews.Attested attest(Caller caller, String numero, Attestation attestation, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.conventionAdministrator(),
                "La revue est attestée par l'administrateur de la convention ou son suppléant.");
        LocalDate today = calendar.today();
        Map<Long, HabilitationRecord> open = habilitations.ofConvention(convention.numero()).stream()
                .filter(h -> HabilitationAdmin.open(h.statut(today)))
                .collect(Collectors.toMap(HabilitationRecord::id, h -> h, (a, b) -> a, TreeMap::new));
        Map<Long, String> decisions = ReviewRules.decisions(attestation, open.keySet());
        long id = changes.apply(() -> {
            long review = reviews.attest(convention.numero(), caller.login(), clock.instant(), decisions);
            decisions.forEach((habilitation, decision) -> {
                if ("RETIRER".equals(decision)) {
                    granting.end(open.get(habilitation), caller.login(), "revue annuelle " + review);
                }
            });
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.REVUE, review, "ATTESTATION",
                    decisions.toString());
            return review;
        });
        request.objet("revue:" + id);
        return new ReviewViews.Attested(id, convention.numero(), caller.login(),
                decisions.values().stream().filter("CONSERVER"::equals).count(),
                decisions.values().stream().filter("RETIRER"::equals).count());
    }

    /**
     * An attested review as the CAF receives it: who attested and when, and the decision taken on each
     * habilitation with its holder and profile.
     */
    public ReviewViews.Attestation attestation(Caller caller, String numero, long reviewId, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        ReviewStore.ReviewRecord review = reviews.find(reviewId).filter(r -> r.convention().equals(convention.numero()))
                .orElseThrow(() -> AdminScope.notFound("Revue inconnue."));
        request.objet("revue:" + reviewId);
        Map<Long, String> groupNames = groups.ofConvention(convention.numero()).stream()
                .collect(Collectors.toMap(GroupStore.GroupRecord::id, GroupStore.GroupRecord::nom));
        List<ReviewViews.Decision> decisions = new ArrayList<>();
        reviews.decisions(reviewId).forEach((habilitationId, decision) -> {
            HabilitationRecord h = habilitations.find(habilitationId).orElse(null);
            decisions.add(new ReviewViews.Decision(habilitationId,
                    h == null ? null : h.groupeId() != null ? "groupe " + groupNames.get(h.groupeId()) : h.utilisateur(),
                    h == null ? null : h.service(), h == null ? null : h.profil(), decision));
        });
        UserRecord signer = users.find(review.attestedBy()).orElse(null);
        return new ReviewViews.Attestation(review.id(), convention.numero(), convention.caf(),
                cafs.name(convention.caf()), convention.partenaireNom(), convention.partenaireSiret(),
                review.attestedBy(), signer == null ? null : signer.prenom() + " " + signer.nom(),
                signer == null ? null : signer.role(), signer == null ? null : signer.fonction(),
                review.attestedAt(), decisions);
    }

    /** The attestation as CSV for the CAF: one line per decision. */
    public static String attestationCsv(ReviewViews.Attestation attestation) {
        StringBuilder csv = new StringBuilder();
        fr.cdapgateway.api.Csv.row(csv, "convention", "revue", "attestee_par", "attestee_le", "habilitation",
                "titulaire", "service", "profil", "decision");
        for (ReviewViews.Decision d : attestation.decisions()) {
            fr.cdapgateway.api.Csv.row(csv, attestation.convention(), attestation.revue(), attestation.attesteePar(),
                    attestation.attesteeLe(), d.habilitation(), d.titulaire(), d.service(), d.profil(), d.decision());
        }
        return csv.toString();
    }

    /** The attested reviews of a convention, newest first: each one's attestation can be opened again. */
    public List<ReviewViews.Summary> attestations(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        return reviews.ofConvention(convention.numero()).stream()
                .map(r -> new ReviewViews.Summary(r.id(), r.attestedBy(), r.attestedAt())).toList();
    }

    /**
     * The CAF admin's view of its conventions' reviews, overdue first: last review, the date the next one is due
     * (12 months after the last, or after the convention's start if never reviewed) and the days left.
     */
    public List<ReviewViews.Overview> overview(Caller caller, boolean onlyLate) {
        caller.require(caller.cafAdmin(), "Le suivi des revues annuelles relève de la CAF.");
        List<ReviewViews.Overview> rows = new ArrayList<>();
        for (ConventionRecord c : conventions.ofCaf(caller.account().caf())) {
            var last = reviews.last(c.numero());
            ReviewViews.Due due = due(c);
            if (!onlyLate || due.enRetard()) {
                rows.add(new ReviewViews.Overview(c.numero(), c.partenaireNom(),
                        last.map(ReviewStore.ReviewRecord::attestedAt).orElse(null),
                        last.map(ReviewStore.ReviewRecord::id).orElse(null), due.echeance(), due.joursRestants(),
                        due.enRetard()));
            }
        }
        rows.sort(java.util.Comparator.comparingLong(ReviewViews.Overview::joursRestants));
        return rows;
    }

    /** When the convention's next review is due, the days left (negative when overdue), and whether it is late. */
    public ReviewViews.Due due(Caller caller, String numero, GatewayRequest request) {
        return due(scope.convention(caller, numero, request));
    }

    private ReviewViews.Due due(ConventionRecord convention) {
        LocalDate today = calendar.today();
        LocalDate last = reviews.last(convention.numero()).map(r -> calendar.dayOf(r.attestedAt()))
                .orElse(convention.dateDebut());
        return ReviewRules.due(last, today);
    }

    ReviewViews.Report build(ConventionRecord convention) {
        LocalDate today = calendar.today();
        Instant unusedSince = clock.instant().minus(UNUSED_DAYS, ChronoUnit.DAYS);
        Map<String, ReviewStore.Usage> usage = reviews.usageByLoginAndProfile(convention.numero());
        Map<String, Map<String, ReviewViews.QuotaUse>> quotaView = new LinkedHashMap<>();
        Set<String> overQuota = new java.util.HashSet<>();
        convention.services().forEach((service, byProfile) -> byProfile.forEach((profil, maximum) -> {
            int used = quotas.used(convention.numero(), service, profil, today);
            quotaView.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .put(profil, new ReviewViews.QuotaUse(maximum, used));
            if (used > maximum) {
                overQuota.add(service + "/" + profil);
            }
        }));
        List<HabilitationRecord> all = habilitations.ofConvention(convention.numero());
        Map<Long, String> groupNames = groups.ofConvention(convention.numero()).stream()
                .collect(Collectors.toMap(GroupStore.GroupRecord::id, GroupStore.GroupRecord::nom));
        Map<Long, List<String>> members = new LinkedHashMap<>();
        groupNames.keySet().forEach(id -> members.put(id, groups.members(id)));
        List<ReviewViews.Account> accounts = new ArrayList<>();
        for (UserRecord user : users.ofConvention(convention.numero())) {
            if (user.devalidatedAt() != null) {
                continue;
            }
            List<ReviewViews.Habilitation> held = new ArrayList<>();
            long consultations = 0;
            for (HabilitationRecord h : all) {
                boolean direct = user.id() == (h.utilisateurId() == null ? -1 : h.utilisateurId());
                boolean viaGroup = h.groupeId() != null && members.getOrDefault(h.groupeId(), List.of())
                        .contains(user.login());
                String statut = h.statut(today);
                if (!(direct || viaGroup) || !HabilitationAdmin.open(statut)) {
                    continue;
                }
                ReviewStore.Usage used = usage.get(user.login() + "/" + h.profil());
                consultations += used == null ? 0 : used.consultations();
                List<String> flags = new ArrayList<>();
                if (UnusedHabilitation.unused(h.grantedAt(), h.dateDebut(), used == null ? null : used.lastUse(),
                        clock.instant(), calendar.zone())) {
                    flags.add(UNUSED_HABILITATION);
                }
                if ("SUSPENDUE".equals(statut)) {
                    flags.add("SUSPENDUE");
                }
                if (overQuota.contains(h.service() + "/" + h.profil())) {
                    flags.add("HORS_QUOTA");
                }
                held.add(new ReviewViews.Habilitation(h.id(), h.service(), h.profil(),
                        viaGroup && !direct ? groupNames.get(h.groupeId()) : null, h.grantedAt(), h.dateDebut(),
                        h.dateFin(), statut, used == null ? null : used.lastUse(),
                        used == null ? 0 : used.consultations(), flags));
            }
            List<String> flags = ReviewRules.accountFlags(user.lastLogin(), user.suspendedAt(), user.lockedAt(),
                    unusedSince);
            accounts.add(new ReviewViews.Account(user.login(), user.nom(), user.prenom(), user.role(), user.type(),
                    user.statut(), user.lastLogin(), consultations, flags, held));
        }
        return new ReviewViews.Report(convention.numero(), convention.partenaireNom(), clock.instant(),
                reviews.last(convention.numero()).map(r -> new ReviewViews.LastReview(r.attestedBy(), r.attestedAt()))
                        .orElse(null), quotaView, accounts);
    }
}
