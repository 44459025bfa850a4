package fr.cdapgateway.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.AdministratorChange;
import fr.cdapgateway.admin.AnnualBilan.Bilan;
import fr.cdapgateway.admin.AnnualBilan;
import fr.cdapgateway.admin.ConventionAdmin;
import fr.cdapgateway.admin.ConventionLife;
import fr.cdapgateway.admin.ConventionView;
import fr.cdapgateway.admin.IncidentAdmin;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.console.Charts.Figure;

/**
 * The convention's life in the console (SPEC §14.7-14.10): the annual bilan with its charts and minutes, the CAF's
 * opening and resiliation, the partner's administrator change (Annexe 3) and departures, and the incidents.
 */
@Controller
class LifePages {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.FRANCE);
    private static final DateTimeFormatter LONG_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRANCE);

    private final ConsoleContext context;
    private final AnnualBilan bilans;
    private final ConventionLife life;
    private final ConventionAdmin conventions;
    private final AdministratorChange administrators;
    private final IncidentAdmin incidents;
    private final CafCalendar calendar;

    LifePages(ConsoleContext context, AnnualBilan bilans, ConventionLife life, ConventionAdmin conventions,
              AdministratorChange administrators, IncidentAdmin incidents, CafCalendar calendar) {
        this.context = context;
        this.bilans = bilans;
        this.life = life;
        this.conventions = conventions;
        this.administrators = administrators;
        this.incidents = incidents;
        this.calendar = calendar;
    }

    // ---- the annual bilan (§14.7) --------------------------------------------------------------------------

    /**
     * The bilan a meeting discusses: that of the last whole convention year (the one that ended on the last
     * anniversary), or of the first year while it runs.
     */
    @GetMapping("/conventions/{numero}/bilans")
    String current(@PathVariable String numero) {
        ConventionView convention = context.read((caller, request) -> conventions.read(caller, numero, request));
        LocalDate base = convention.signeeLe() != null ? convention.signeeLe() : convention.dateDebut();
        LocalDate today = calendar.today();
        int running = base.withYear(today.getYear()).isAfter(today) ? today.getYear() - 1 : today.getYear();
        return "redirect:/conventions/" + numero + "/bilans/" + Math.max(running - 1, base.getYear());
    }

    @GetMapping("/conventions/{numero}/bilans/{annee}")
    String bilan(@PathVariable String numero, @PathVariable String annee, Model model) {
        int year = year(annee);
        Bilan bilan = context.read((caller, request) -> bilans.bilan(caller, numero, year, request));
        model.addAttribute("bilan", bilan);
        model.addAttribute("numero", numero);
        model.addAttribute("precedente", year - 1);
        model.addAttribute("suivante", year + 1 <= calendar.today().getYear() ? year + 1 : null);
        model.addAttribute("moisLongs", bilan.consultationsParMois().stream()
                .map(m -> LONG_MONTH.format(m.mois())).toList());
        model.addAttribute("graphiques", charts(bilan));
        model.addAttribute("monCote", context.person().cafAdmin() ? "CAF" : "PARTENAIRE");
        model.addAttribute("aujourdhui", calendar.today());
        return "bilan";
    }

    @GetMapping("/conventions/{numero}/bilans/{annee}.csv")
    org.springframework.http.ResponseEntity<byte[]> bilanCsv(@PathVariable String numero, @PathVariable String annee) {
        int year = year(annee);
        Bilan bilan = context.act("ADMIN_BILAN", (caller, request) -> bilans.bilan(caller, numero, year, request));
        return Downloads.csv("bilan-" + numero + "-" + year + ".csv", AnnualBilan.csv(bilan));
    }

    @PostMapping("/conventions/{numero}/bilans/{annee}/compte-rendu")
    String writeMinutes(@PathVariable String numero, @PathVariable String annee, @RequestParam("texte") String texte,
                        RedirectAttributes redirect) {
        int year = year(annee);
        String side = context.person().cafAdmin() ? "CAF" : "PARTENAIRE";
        context.actAndTell("ADMIN_COMPTE_RENDU", 201, redirect, done -> "Le compte rendu est enregistré : l'autre "
                + "partie a 30 jours pour le valider.", (caller, request) -> bilans.writeMinutes(caller, numero, year,
                new AnnualBilan.MinutesBody(side, texte), request));
        if (redirect.getFlashAttributes().containsKey("erreur")) {
            redirect.addFlashAttribute("saisie", texte);
        }
        return "redirect:/conventions/" + numero + "/bilans/" + year;
    }

    @PostMapping("/conventions/{numero}/bilans/{annee}/validation")
    String validateMinutes(@PathVariable String numero, @PathVariable String annee, RedirectAttributes redirect) {
        int year = year(annee);
        context.actAndTell("ADMIN_VALIDATION_COMPTE_RENDU", 200, redirect, done -> "Le compte rendu est validé.",
                (caller, request) -> bilans.validateMinutes(caller, numero, year, request));
        return "redirect:/conventions/" + numero + "/bilans/" + year;
    }

    static List<Charts.Chart> charts(Bilan b) {
        List<Charts.Chart> charts = new ArrayList<>();
        charts.add(Charts.columns("graphique-mois", "Consultations servies par mois",
                "Nombre de consultations servies chaque mois de l'année de convention ; les valeurs sont dans le tableau "
                        + "qui suit.",
                b.consultationsParMois().stream().map(m -> new Figure(MONTH.format(m.mois()), m.consultations()))
                        .toList()));
        charts.add(Charts.rows("graphique-profils", "Consultations par profil et motif",
                "Consultations servies sur l'année, par profil et motif déclaré.",
                b.consultationsParProfilEtMotif().stream().map(p -> new Figure((p.profil() == null ? "—" : p.profil())
                        + " · " + (p.motif() == null ? "sans motif" : p.motif()), p.consultations())).toList(), 0));
        charts.add(Charts.rows("graphique-refus", "Refus par motif", "Appels refusés sur l'année, par code d'erreur.",
                b.refusParCode().stream().map(r -> new Figure(r.code(), r.nombre())).toList(), 0));
        long scale = b.quotas().stream().mapToLong(AnnualBilan.QuotaUse::maximum).max().orElse(1);
        charts.add(Charts.rows("graphique-quotas", "Habilitations utilisées et autorisées",
                "Habilitations utilisées par profil, rapportées au quota de la convention.",
                b.quotas().stream().map(q -> new Figure(q.service() + " " + q.profil(), q.utilisees(),
                        q.utilisees() + " / " + q.maximum())).toList(), Math.max(1, scale)));
        return charts;
    }

    // ---- the convention's dates (§14.8) ----------------------------------------------------------------------

    @PostMapping("/conventions/{numero}/ouverture")
    String open(@PathVariable String numero, RedirectAttributes redirect) {
        context.actAndTell("ADMIN_OUVERTURE_CONVENTION", 200, redirect, done -> "L'accès de la convention est ouvert.",
                (caller, request) -> life.open(caller, numero, null, request));
        return "redirect:/conventions/" + numero;
    }

    @PostMapping("/conventions/{numero}/resiliation")
    String resiliate(@PathVariable String numero, @RequestParam("type") String type,
                     @RequestParam("lettreRecueLe") String lettre, @RequestParam("effetLe") String effet,
                     RedirectAttributes redirect) {
        context.actAndTell("ADMIN_RESILIATION", 200, redirect, done -> "La résiliation est enregistrée ; les deux "
                        + "parties sont prévenues par courriel.",
                (caller, request) -> life.resiliate(caller, numero, new ConventionLife.ResiliationBody(type,
                        Dates.parse(lettre, "lettreRecueLe"), Dates.parse(effet, "effetLe")), request));
        return "redirect:/conventions/" + numero;
    }

    @PostMapping("/conventions/{numero}/resiliation/retrait")
    String withdraw(@PathVariable String numero, @RequestParam(name = "confirme", required = false) String confirme,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Confirmation.require(context.person().cafAdmin(), "Seule la CAF retire une résiliation.");
        String ask = new Confirmation("Retirer la résiliation de la convention " + numero,
                List.of(Confirmation.ligne("Convention", numero)),
                "La convention se poursuivra et sera reconduite tacitement ; les deux parties en sont prévenues.",
                "/conventions/" + numero + "/resiliation/retrait", Map.of(), false, "Retirer la résiliation",
                "/conventions/" + numero).askUnlessConfirmed(confirme, null, model, response);
        if (ask != null) {
            return ask;
        }
        context.actAndTell("ADMIN_RETRAIT_RESILIATION", 200, redirect, done -> "La résiliation est retirée.",
                (caller, request) -> life.withdraw(caller, numero, request));
        return "redirect:/conventions/" + numero;
    }

    // ---- administrator change (Annexe 3) and departures (§14.9) ---------------------------------------------

    @GetMapping("/conventions/{numero}/changement-administrateur")
    String changeForm(@PathVariable String numero, Model model) {
        ConventionView convention = context.read((caller, request) -> conventions.read(caller, numero, request));
        Confirmation.require(context.person().conventionAdministrator(), "Le formulaire de l'annexe 3 est déposé par "
                + "l'administrateur principal ou suppléant de la convention.");
        model.addAttribute("convention", convention);
        model.addAttribute("numero", numero);
        return "changement-administrateur";
    }

    @PostMapping("/conventions/{numero}/changement-administrateur")
    String fileChange(@PathVariable String numero, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        AdministratorChange.Form filed = new AdministratorChange.Form(new AdministratorChange.NewAdministrator(
                blank(form.get("nom")), blank(form.get("prenom")), blank(form.get("fonction")), blank(form.get("email")),
                blank(form.get("telephone")), form.get("role")), blank(form.get("remplace")),
                new AdministratorChange.Signatory(blank(form.get("signataireNom")), blank(form.get("signataireQualite"))));
        try {
            context.act("ADMIN_DEPOT_DEMANDE", 202, (caller, request) -> administrators.file(caller, numero, filed,
                    request));
        } catch (ProblemException refused) {
            if (refused.problem() == Problem.NOT_FOUND) {
                throw refused;
            }
            redirect.addFlashAttribute("erreur", refused.getMessage());
            Map<String, String> typed = new java.util.HashMap<>(form);
            typed.remove("_csrf");
            redirect.addFlashAttribute("saisie", typed);
            return "redirect:/conventions/" + numero + "/changement-administrateur";
        }
        redirect.addFlashAttribute("message", "Le formulaire est transmis à la CAF : à son acceptation, le nouvel "
                + "administrateur recevra un lien pour choisir son mot de passe.");
        return "redirect:/conventions/" + numero + "/demandes";
    }

    @PostMapping("/conventions/{numero}/depart")
    String fileDeparture(@PathVariable String numero, @RequestParam("utilisateur") String login,
                         RedirectAttributes redirect) {
        context.actAndTell("ADMIN_DEPOT_DEMANDE", 202, redirect, done -> "Le départ est signalé à la CAF, qui "
                + "dévalidera le compte.", (caller, request) -> administrators.fileDeparture(caller, numero, login,
                request));
        return "redirect:/conventions/" + numero + "/demandes";
    }

    // ---- incidents (§14.10) ----------------------------------------------------------------------------------

    @GetMapping("/incidents")
    String incidents(Model model) {
        model.addAttribute("incidents", context.read((caller, request) -> incidents.list(caller)));
        model.addAttribute("conventions", context.read((caller, request) -> conventions.list(caller)).stream()
                .map(ConventionView::numero).toList());
        model.addAttribute("maintenant", calendar.now());
        return "incidents";
    }

    @PostMapping("/incidents")
    String declare(@RequestParam("convention") String convention, @RequestParam("nature") String nature,
                   @RequestParam("description") String description,
                   @RequestParam(name = "requestIds", required = false) String ids, RedirectAttributes redirect) {
        List<String> requestIds = ids == null || ids.isBlank() ? List.of()
                : List.of(ids.trim().split("[\\s,;]+"));
        context.actAndTell("ADMIN_DECLARATION_INCIDENT", 201, redirect, done -> "L'incident n° " + done.id()
                        + " est déclaré ; l'autre partie est prévenue.",
                (caller, request) -> incidents.declare(caller, new IncidentAdmin.Declaration(convention, nature,
                        description, requestIds), request));
        return "redirect:/incidents";
    }

    @PostMapping("/incidents/{id}/cloture")
    String close(@PathVariable long id, @RequestParam(name = "conclusion", required = false) String conclusion,
                 RedirectAttributes redirect) {
        context.actAndTell("ADMIN_CLOTURE_INCIDENT", 200, redirect, done -> "L'incident n° " + id + " est clos.",
                (caller, request) -> incidents.close(caller, id, new IncidentAdmin.Closing(blank(conclusion)), request));
        return "redirect:/incidents";
    }

    private static int year(String annee) {
        if (annee == null || !annee.matches("[0-9]{4}")) {
            throw new ProblemException(Problem.NOT_FOUND, "Bilan inconnu.");
        }
        return Integer.parseInt(annee);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
