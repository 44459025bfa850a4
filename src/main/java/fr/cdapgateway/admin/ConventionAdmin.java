package fr.cdapgateway.admin;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.ConventionStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.habilitation.ProfileCatalog;

/**
 * Conventions: only a CAF admin creates or changes a convention of its CAF (mode, quotas,
 * purposes); a convention's own managers read theirs. Switching to CENTRALISE revokes the delegation.
 */
@Component
public class ConventionAdmin extends AdminResource {

    public record Partenaire(String nom, String siret) {
    }

    /**
     * A new convention: {@code signeeLe} starts its years (art. 17.1); {@code autresCaf} (§14.11) and
     * {@code escaladeHeures} (the service contract's escalation delay, §14.10) are optional.
     */
    public record ConventionBody(String numero, String caf, Partenaire partenaire, String mode,
                          Map<String, Map<String, Integer>> services, List<String> motifs,
                          LocalDate dateDebut, LocalDate dateFin, LocalDate signeeLe, String autresCaf,
                          Integer escaladeHeures) {
    }

    /** What the CAF changes; {@code raison}: why, kept in the history (the console asks it to withdraw the delegation). */
    public record ConventionPatch(String mode, Map<String, Map<String, Integer>> services, List<String> motifs,
                           LocalDate dateFin, String raison, LocalDate signeeLe, String autresCaf,
                           Integer escaladeHeures) {

        public ConventionPatch(String mode, String raison) {
            this(mode, null, null, null, raison, null, null, null);
        }
    }

    /** The convention's dates as people read them (SPEC §14.8). */
    public record Resiliation(String type, LocalDate lettreRecueLe, LocalDate effetLe, String par) {
    }

    public static final List<String> OTHER_CAF_SETTINGS = List.of("AUTORISER", "SIGNALER", "REFUSER");

    private static final Pattern NUMERO = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final Pattern MOTIF = Pattern.compile("[A-Z0-9_]{1,60}");
    private static final Pattern SIRET = Pattern.compile("[0-9]{14}");

    private final ConventionStore store;
    private final QuotaLedger quotas;
    private final ProfileCatalog profiles;

    ConventionAdmin(ConventionStore store, QuotaLedger quotas, ProfileCatalog profiles, AdminKit kit) {
        super(kit);
        this.store = store;
        this.quotas = quotas;
        this.profiles = profiles;
    }

    /** The conventions of the caller's CAF, or the caller's own convention. */
    public List<ConventionView> list(Caller caller) {
        List<ConventionRecord> visible = caller.cafAdmin() ? store.ofCaf(caller.account().caf())
                : store.find(caller.account().convention()).stream().toList();
        return visible.stream().map(this::view).toList();
    }

    public ConventionView read(Caller caller, String numero, GatewayRequest request) {
        return view(scope.convention(caller, numero, request));
    }

    public ConventionView create(Caller caller, ConventionBody body, GatewayRequest request) {
        caller.require(caller.cafAdmin(), "Seule la CAF crée les conventions.");
        require(body.numero() != null && NUMERO.matcher(body.numero()).matches(), "numero invalide");
        require(body.partenaire() != null && notBlank(body.partenaire().nom()), "partenaire.nom obligatoire");
        require(body.partenaire().siret() == null || SIRET.matcher(body.partenaire().siret()).matches(),
                "partenaire.siret : 14 chiffres");
        caller.require(caller.account().caf().equals(body.caf()),
                "Une CAF ne crée que les conventions de sa propre caisse (" + caller.account().caf() + ").");
        request.convention(body.numero());
        ConventionRecord convention = new ConventionRecord(body.numero(), body.caf(), body.partenaire().nom().trim(),
                body.partenaire().siret(), mode(body.mode() == null ? "DELEGUE" : body.mode()),
                body.dateDebut() == null ? calendar.today() : body.dateDebut(), body.dateFin(),
                motifs(body.motifs() == null ? List.of() : body.motifs()),
                services(body.services() == null ? Map.of() : body.services()),
                new ConventionStore.Dates(body.signeeLe(), null, autresCaf(body.autresCaf()), escalade(body.escaladeHeures()),
                        null, null));
        if (store.find(convention.numero()).isPresent()) {
            throw new ProblemException(Problem.CONFLICT, "La convention " + convention.numero() + " existe déjà.");
        }
        changes.apply(() -> {
            store.insert(convention, clock.instant());
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                    "CREATION", "mode " + convention.mode() + ", quotas " + convention.services());
            return null;
        });
        return view(store.find(convention.numero()).orElseThrow());
    }

    /** Mode (CENTRALISE revokes the delegation), quotas, purposes, end date (resiliation): the CAF only. */
    public ConventionView update(Caller caller, String numero, ConventionPatch patch, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.cafAdmin(), "Seule la CAF modifie une convention (mode, quotas, motifs).");
        String mode = patch.mode() == null ? null : mode(patch.mode());
        Map<String, Map<String, Integer>> services = patch.services() == null ? null : services(patch.services());
        List<String> motifs = patch.motifs() == null ? null : motifs(patch.motifs());
        String autresCaf = patch.autresCaf() == null ? null : autresCaf(patch.autresCaf());
        Integer escalade = escalade(patch.escaladeHeures());
        if (patch.dateFin() != null && patch.dateFin().isBefore(convention.dateDebut())) {
            throw new ProblemException(Problem.INVALID_REQUEST,
                    "La date de fin (résiliation) ne peut précéder la date d'effet de la convention.");
        }
        String reason = Reasons.of(patch.raison());
        Reasons.trace(request, reason);
        changes.apply(() -> {
            if (mode != null && !mode.equals(convention.mode())) {
                store.updateMode(convention.numero(), mode);
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                        "CENTRALISE".equals(mode) ? "RETRAIT_DELEGATION" : "DELEGATION",
                        Reasons.detail("mode " + mode, reason));
            }
            if (services != null) {
                store.replaceServices(convention.numero(), services);
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                        "QUOTAS", String.valueOf(services));
            }
            if (motifs != null) {
                store.replaceMotifs(convention.numero(), motifs);
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                        "MOTIFS", String.join(",", motifs));
            }
            if (autresCaf != null || escalade != null || patch.signeeLe() != null) {
                store.updateSettings(convention.numero(), autresCaf, escalade, patch.signeeLe());
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                        "PARAMETRES", (autresCaf == null ? "" : "autresCaf " + autresCaf + " ")
                                + (escalade == null ? "" : "escalade " + escalade + " h ")
                                + (patch.signeeLe() == null ? "" : "signée le " + patch.signeeLe()));
            }
            if (patch.dateFin() != null) {
                store.updateDateFin(convention.numero(), patch.dateFin());
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                        "RESILIATION", "fin le " + patch.dateFin());
            }
            return null;
        });
        return view(store.find(convention.numero()).orElseThrow());
    }

    ConventionView view(ConventionRecord c) {
        LocalDate today = calendar.today();
        Map<String, Map<String, Integer>> used = new LinkedHashMap<>();
        c.services().forEach((service, byProfile) -> byProfile.keySet().forEach(profil -> used
                .computeIfAbsent(service, s -> new LinkedHashMap<>())
                .put(profil, quotas.used(c.numero(), service, profil, today))));
        ConventionStore.Dates dates = c.dates();
        ConventionStore.Resiliation r = dates.resiliation();
        return new ConventionView(c.numero(), c.caf(), new Partenaire(c.partenaireNom(),
                c.partenaireSiret() == null ? "" : c.partenaireSiret()), c.mode(), c.services(), used, c.motifs(),
                c.dateDebut(), c.dateFin(), dates.signeeLe(), dates.ouverteLe(),
                ConventionYears.nextAnniversary(dates.anniversaryBase(c.dateDebut()), today),
                r == null ? null : new Resiliation(r.type(), r.lettreRecueLe(), r.effetLe(), r.par()),
                dates.closeLe(), dates.autresCaf(), dates.escaladeHeures());
    }

    private String mode(String mode) {
        require("DELEGUE".equals(mode) || "CENTRALISE".equals(mode), "mode : DELEGUE ou CENTRALISE");
        return mode;
    }

    private List<String> motifs(List<String> motifs) {
        motifs.forEach(m -> require(m != null && MOTIF.matcher(m).matches(), "motif invalide : " + m));
        return motifs.stream().distinct().sorted().toList();
    }

    private Map<String, Map<String, Integer>> services(Map<String, Map<String, Integer>> services) {
        services.forEach((service, byProfile) -> {
            require("CDAP".equals(service), "service inconnu : " + service + " (seul CDAP est servi)");
            require(byProfile != null, "quotas du service " + service + " manquants");
            byProfile.forEach((profil, maximum) -> {
                require(profiles.find(profil).isPresent(), "profil inconnu : " + profil);
                require(maximum != null && maximum >= 0 && maximum <= 100_000, "quota invalide pour " + profil);
            });
        });
        return services;
    }

    private static String autresCaf(String value) {
        if (value == null) {
            return "AUTORISER";
        }
        require(OTHER_CAF_SETTINGS.contains(value), "autresCaf : AUTORISER, SIGNALER ou REFUSER");
        return value;
    }

    private static Integer escalade(Integer hours) {
        require(hours == null || (hours >= 1 && hours <= 24 * 60), "escaladeHeures : de 1 à 1440 heures");
        return hours;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ProblemException(Problem.INVALID_REQUEST, detail);
        }
    }
}
