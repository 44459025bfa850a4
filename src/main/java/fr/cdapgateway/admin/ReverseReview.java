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

import fr.cdapgateway.admin.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.HabilitationStore.HabilitationRecord;
import fr.cdapgateway.admin.UserStore.UserRecord;
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
    public Map<String, Object> report(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        return build(convention);
    }

    /** The report as CSV (semicolon-separated, as French spreadsheets expect), one line per habilitation. */
    public static String csv(Map<String, Object> report) {
        return ReviewCsv.of(report);
    }

    /** The administrator's attestation: one decision per open habilitation, applied and recorded. */
    public Map<String, Object> attest(Caller caller, String numero, Attestation attestation, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.conventionAdministrator(),
                "La revue est attestée par l'administrateur de la convention ou son suppléant.");
        ConventionAdmin.require(attestation.decisions() != null, "decisions obligatoire");
        LocalDate today = calendar.today();
        Map<Long, HabilitationRecord> open = habilitations.ofConvention(convention.numero()).stream()
                .filter(h -> HabilitationAdmin.open(h.statut(today)))
                .collect(Collectors.toMap(HabilitationRecord::id, h -> h, (a, b) -> a, TreeMap::new));
        Map<Long, String> decisions = new TreeMap<>();
        for (Attestation.Item item : attestation.decisions()) {
            ConventionAdmin.require(item != null && item.habilitation() != null && open.containsKey(item.habilitation()),
                    "habilitation inconnue ou déjà terminée : " + (item == null ? null : item.habilitation()));
            ConventionAdmin.require("CONSERVER".equals(item.decision()) || "RETIRER".equals(item.decision()),
                    "decision : CONSERVER ou RETIRER");
            ConventionAdmin.require(decisions.put(item.habilitation(), item.decision()) == null,
                    "habilitation citée deux fois : " + item.habilitation());
        }
        List<Long> missing = open.keySet().stream().filter(id -> !decisions.containsKey(id)).toList();
        ConventionAdmin.require(missing.isEmpty(), "Une décision est attendue pour chaque habilitation ouverte ; "
                + "manquent : " + missing);
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("revue", id);
        answer.put("convention", convention.numero());
        answer.put("attesteePar", caller.login());
        answer.put("conservees", decisions.values().stream().filter("CONSERVER"::equals).count());
        answer.put("retirees", decisions.values().stream().filter("RETIRER"::equals).count());
        return answer;
    }

    /**
     * An attested review as the CAF receives it: who attested and when, and the decision taken on each
     * habilitation with its holder and profile.
     */
    public Map<String, Object> attestation(Caller caller, String numero, long reviewId, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        ReviewStore.ReviewRecord review = reviews.find(reviewId).filter(r -> r.convention().equals(convention.numero()))
                .orElseThrow(() -> AdminScope.notFound("Revue inconnue."));
        request.objet("revue:" + reviewId);
        Map<Long, String> groupNames = groups.ofConvention(convention.numero()).stream()
                .collect(Collectors.toMap(GroupStore.GroupRecord::id, GroupStore.GroupRecord::nom));
        List<Map<String, Object>> decisions = new ArrayList<>();
        reviews.decisions(reviewId).forEach((habilitationId, decision) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            HabilitationRecord h = habilitations.find(habilitationId).orElse(null);
            row.put("habilitation", habilitationId);
            row.put("titulaire", h == null ? null : h.groupeId() != null ? "groupe " + groupNames.get(h.groupeId())
                    : h.utilisateur());
            row.put("service", h == null ? null : h.service());
            row.put("profil", h == null ? null : h.profil());
            row.put("decision", decision);
            decisions.add(row);
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("revue", review.id());
        view.put("convention", convention.numero());
        view.put("caf", convention.caf());
        view.put("cafNom", cafs.name(convention.caf()));
        view.put("partenaire", convention.partenaireNom());
        view.put("siret", convention.partenaireSiret());
        view.put("attesteePar", review.attestedBy());
        users.find(review.attestedBy()).ifPresent(signer -> {
            view.put("signataire", signer.prenom() + " " + signer.nom());
            view.put("roleSignataire", signer.role());
            view.put("fonctionSignataire", signer.fonction());
        });
        view.put("attesteeLe", review.attestedAt());
        view.put("decisions", decisions);
        return view;
    }

    /** The attestation as CSV for the CAF: one line per decision. */
    @SuppressWarnings("unchecked")
    public static String attestationCsv(Map<String, Object> attestation) {
        StringBuilder csv = new StringBuilder();
        fr.cdapgateway.api.Csv.row(csv, "convention", "revue", "attestee_par", "attestee_le", "habilitation",
                "titulaire", "service", "profil", "decision");
        for (Map<String, Object> d : (List<Map<String, Object>>) attestation.get("decisions")) {
            fr.cdapgateway.api.Csv.row(csv, attestation.get("convention"), attestation.get("revue"),
                    attestation.get("attesteePar"), attestation.get("attesteeLe"), d.get("habilitation"),
                    d.get("titulaire"), d.get("service"), d.get("profil"), d.get("decision"));
        }
        return csv.toString();
    }

    /** The attested reviews of a convention, newest first: each one's attestation can be opened again. */
    public List<Map<String, Object>> attestations(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        List<Map<String, Object>> list = new ArrayList<>();
        for (ReviewStore.ReviewRecord r : reviews.ofConvention(convention.numero())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("revue", r.id());
            row.put("attesteePar", r.attestedBy());
            row.put("attesteeLe", r.attestedAt());
            list.add(row);
        }
        return list;
    }

    /**
     * The CAF admin's view of its conventions' reviews, overdue first: last review, the date the next one is due
     * (12 months after the last, or after the convention's start if never reviewed) and the days left.
     */
    public List<Map<String, Object>> overview(Caller caller, boolean onlyLate) {
        caller.require(caller.cafAdmin(), "Le suivi des revues annuelles relève de la CAF.");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConventionRecord c : conventions.ofCaf(caller.account().caf())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("convention", c.numero());
            row.put("partenaire", c.partenaireNom());
            var last = reviews.last(c.numero());
            row.put("derniereRevue", last.map(ReviewStore.ReviewRecord::attestedAt).orElse(null));
            row.put("derniereAttestation", last.map(ReviewStore.ReviewRecord::id).orElse(null));
            row.putAll(due(c));
            if (!onlyLate || Boolean.TRUE.equals(row.get("enRetard"))) {
                rows.add(row);
            }
        }
        rows.sort(java.util.Comparator.comparingLong(row -> (Long) row.get("joursRestants")));
        return rows;
    }

    /** When the convention's next review is due, the days left (negative when overdue), and whether it is late. */
    public Map<String, Object> due(Caller caller, String numero, GatewayRequest request) {
        return due(scope.convention(caller, numero, request));
    }

    private Map<String, Object> due(ConventionRecord convention) {
        LocalDate today = calendar.today();
        LocalDate last = reviews.last(convention.numero()).map(r -> calendar.dayOf(r.attestedAt()))
                .orElse(convention.dateDebut());
        LocalDate dueOn = last.plusMonths(12);
        long daysLeft = ChronoUnit.DAYS.between(today, dueOn);
        Map<String, Object> due = new LinkedHashMap<>();
        due.put("echeance", dueOn);
        due.put("joursRestants", daysLeft);
        due.put("enRetard", daysLeft < 0);
        return due;
    }

    Map<String, Object> build(ConventionRecord convention) {
        LocalDate today = calendar.today();
        Instant unusedSince = clock.instant().minus(UNUSED_DAYS, ChronoUnit.DAYS);
        Map<String, ReviewStore.Usage> usage = reviews.usageByLoginAndProfile(convention.numero());
        Map<String, Map<String, Map<String, Integer>>> quotaView = new LinkedHashMap<>();
        Set<String> overQuota = new java.util.HashSet<>();
        convention.services().forEach((service, byProfile) -> byProfile.forEach((profil, maximum) -> {
            int used = quotas.used(convention.numero(), service, profil, today);
            quotaView.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .put(profil, Map.of("maximum", maximum, "utilisees", used));
            if (used > maximum) {
                overQuota.add(service + "/" + profil);
            }
        }));
        List<HabilitationRecord> all = habilitations.ofConvention(convention.numero());
        Map<Long, String> groupNames = groups.ofConvention(convention.numero()).stream()
                .collect(Collectors.toMap(GroupStore.GroupRecord::id, GroupStore.GroupRecord::nom));
        Map<Long, List<String>> members = new LinkedHashMap<>();
        groupNames.keySet().forEach(id -> members.put(id, groups.members(id)));
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (UserRecord user : users.ofConvention(convention.numero())) {
            if (user.devalidatedAt() != null) {
                continue;
            }
            List<Map<String, Object>> held = new ArrayList<>();
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
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", h.id());
                view.put("service", h.service());
                view.put("profil", h.profil());
                view.put("groupe", viaGroup && !direct ? groupNames.get(h.groupeId()) : null);
                view.put("accordeeLe", h.grantedAt());
                view.put("dateDebut", h.dateDebut());
                view.put("dateFin", h.dateFin());
                view.put("statut", statut);
                view.put("derniereUtilisation", used == null ? null : used.lastUse());
                view.put("consultations", used == null ? 0 : used.consultations());
                view.put("indicateurs", flags);
                held.add(view);
            }
            List<String> flags = new ArrayList<>();
            if (user.lastLogin() == null) {
                flags.add("JAMAIS_CONNECTE");
            } else if (user.lastLogin().isBefore(unusedSince)) {
                flags.add("INUTILISE_90_JOURS");
            }
            if (user.suspendedAt() != null) {
                flags.add("SUSPENDU");
            }
            if (user.lockedAt() != null) {
                flags.add("VERROUILLE");
            }
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("login", user.login());
            account.put("nom", user.nom());
            account.put("prenom", user.prenom());
            account.put("role", user.role());
            account.put("type", user.type());
            account.put("statut", user.statut());
            account.put("derniereConnexion", user.lastLogin());
            account.put("consultations", consultations);
            account.put("indicateurs", flags);
            account.put("habilitations", held);
            accounts.add(account);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("convention", convention.numero());
        report.put("partenaire", convention.partenaireNom());
        report.put("genereLe", clock.instant());
        report.put("derniereRevue", reviews.last(convention.numero()).map(r -> Map.of("attesteePar", r.attestedBy(),
                "attesteeLe", r.attestedAt())).orElse(null));
        report.put("quotas", quotaView);
        report.put("comptes", accounts);
        return report;
    }
}
