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

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.HabilitationStore.HabilitationRecord;
import fr.cdapgateway.admin.UserStore.UserRecord;
import fr.cdapgateway.api.RequestUri;

/**
 * The annual reverse review (SPEC §8): per convention, every account and habilitation with its last use,
 * number of consultations and flags; the administrator's attestation with a decision per habilitation, applied
 * and recorded; the CAF admin's list of conventions whose last review is more than 12 months old.
 */
@Component("adminReview")
public class ReverseReview extends AdminResource {

    record Attestation(List<Item> decisions) {
        record Item(Long habilitation, String decision) {
        }
    }

    static final int UNUSED_DAYS = 90;

    private final ConventionStore conventions;
    private final UserStore users;
    private final HabilitationStore habilitations;
    private final GroupStore groups;
    private final ReviewStore reviews;
    private final QuotaLedger quotas;
    private final Granting granting;

    ReverseReview(ConventionStore conventions, UserStore users, HabilitationStore habilitations,
                  GroupStore groups, ReviewStore reviews, QuotaLedger quotas, Granting granting, AdminKit kit) {
        super(kit);
        this.conventions = conventions;
        this.users = users;
        this.habilitations = habilitations;
        this.groups = groups;
        this.reviews = reviews;
        this.quotas = quotas;
        this.granting = granting;
    }

    public void report(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        ConventionRecord convention = scope.convention(exchange, caller);
        caller.require(caller.cafAdmin() || caller.role().conventionAdministrator(),
                "La revue annuelle relève de l'administrateur de la convention et de son suppléant.");
        Map<String, Object> report = build(convention);
        if ("csv".equals(format(exchange))) {
            answers.csv(exchange, "revue-" + convention.numero() + ".csv", ReviewCsv.of(report));
        } else {
            answers.ok(exchange, report);
        }
    }

    public void attest(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        ConventionRecord convention = scope.convention(exchange, caller);
        caller.require(caller.role().conventionAdministrator(),
                "La revue est attestée par l'administrateur de la convention ou son suppléant.");
        Attestation attestation = bodies.read(exchange, Attestation.class,
                "{\"decisions\":[{\"habilitation\":id,\"decision\":\"CONSERVER\"|\"RETIRER\"}]}");
        ConventionAdmin.require(attestation.decisions() != null, "decisions obligatoire");
        LocalDate today = calendar.today();
        Map<Long, HabilitationRecord> open = habilitations.ofConvention(convention.numero()).stream()
                .filter(h -> Set.of("ACTIVE", "SUSPENDUE", "A_VENIR").contains(h.statut(today)))
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("revue", id);
        answer.put("convention", convention.numero());
        answer.put("attesteePar", caller.login());
        answer.put("conservees", decisions.values().stream().filter("CONSERVER"::equals).count());
        answer.put("retirees", decisions.values().stream().filter("RETIRER"::equals).count());
        answers.answer(exchange, 201, answer);
    }

    /** {@code GET /admin/revues[?enRetard=true]}: the CAF admin's view of its conventions' reviews. */
    public void overdue(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        caller.require(caller.cafAdmin(), "Le suivi des revues annuelles relève de la CAF.");
        LocalDate limit = calendar.today().minusMonths(12);
        boolean onlyLate = RequestUri.of(exchange).queryValues("enRetard").contains("true");
        List<Map<String, Object>> late = reviews.overdue(caller.account().caf(), limit);
        Set<Object> lateNumbers = late.stream().map(row -> row.get("numero")).collect(Collectors.toSet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConventionRecord c : conventions.ofCaf(caller.account().caf())) {
            if (onlyLate && !lateNumbers.contains(c.numero())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("convention", c.numero());
            row.put("partenaire", c.partenaireNom());
            row.put("derniereRevue", reviews.last(c.numero()).map(ReviewStore.ReviewRecord::attestedAt).orElse(null));
            row.put("enRetard", lateNumbers.contains(c.numero()));
            rows.add(row);
        }
        answers.ok(exchange, rows);
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
                if (!(direct || viaGroup) || "TERMINEE".equals(statut) || "EXPIREE".equals(statut)) {
                    continue;
                }
                ReviewStore.Usage used = usage.get(user.login() + "/" + h.profil());
                consultations += used == null ? 0 : used.consultations();
                List<String> flags = new ArrayList<>();
                if (used == null || used.lastUse().isBefore(unusedSince)) {
                    flags.add("INUTILISEE_90_JOURS");
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

    private static String format(Exchange exchange) {
        List<String> values = RequestUri.of(exchange).queryValues("format");
        return values.isEmpty() ? "json" : values.get(0);
    }
}
