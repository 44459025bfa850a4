package fr.cdapgateway.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.ConventionAdmin;
import fr.cdapgateway.admin.ConventionView;
import fr.cdapgateway.admin.GroupAdmin;
import fr.cdapgateway.admin.HabilitationAdmin.GrantBody;
import fr.cdapgateway.admin.HabilitationAdmin;
import fr.cdapgateway.admin.HabilitationView;
import fr.cdapgateway.admin.Outcome;
import fr.cdapgateway.admin.UserAdmin;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.habilitation.ProfileCatalog;

/**
 * Habilitations of a convention: granted and ended within the quotas (the quota shown beside each profile), with
 * end dates. In a CENTRALISE convention a partner manager's grant or end is a request for the CAF, and the page
 * says so plainly.
 */
@Controller
class HabilitationPages {

    private final ConsoleContext context;
    private final HabilitationAdmin habilitations;
    private final ConventionAdmin conventions;
    private final UserAdmin users;
    private final GroupAdmin groups;
    private final ProfileCatalog profiles;
    private final ConsoleProperties properties;

    HabilitationPages(ConsoleContext context, HabilitationAdmin habilitations, ConventionAdmin conventions,
                      UserAdmin users, GroupAdmin groups, ProfileCatalog profiles, ConsoleProperties properties) {
        this.context = context;
        this.habilitations = habilitations;
        this.conventions = conventions;
        this.users = users;
        this.groups = groups;
        this.profiles = profiles;
        this.properties = properties;
    }

    @GetMapping("/conventions/{numero}/habilitations")
    String list(@PathVariable String numero, @RequestParam(name = "utilisateur", required = false) String pour,
                @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        ConventionView convention = context.read((caller, request) -> conventions.read(caller, numero, request));
        List<HabilitationView> all = context.read((caller, request) -> habilitations.list(caller, numero, request));
        model.addAttribute("convention", convention);
        model.addAttribute("quotas", convention.quotas().stream()
                .map(q -> Map.of("profil", q.profil(), "utilisees", q.utilisees(), "maximum", q.maximum(),
                        "libelle", profiles.find(q.profil()).map(p -> p.libelle()).orElse(q.profil())))
                .toList());
        model.addAttribute("ouvertes", Paging.of(all.stream().filter(HabilitationView::open).toList(), page,
                properties.pageSize()));
        model.addAttribute("closes", all.stream().filter(h -> !h.open())
                .sorted((a, b) -> Long.compare(b.id(), a.id())).limit(properties.pageSize())
                .toList());
        model.addAttribute("utilisateurs", context.read((caller, request) -> users.list(caller, numero, request))
                .stream().filter(u -> List.of("ACTIF", "VERROUILLE", "EN_ATTENTE_ACTIVATION").contains(u.statut()))
                .filter(u -> "PERSONNE".equals(u.type())).toList());
        model.addAttribute("groupes", context.read((caller, request) -> groups.list(caller, numero, request)));
        model.addAttribute("pour", pour);
        model.addAttribute("centralise", "CENTRALISE".equals(convention.mode())
                && !context.person().cafAdmin());
        return "habilitations";
    }

    @PostMapping("/conventions/{numero}/habilitations")
    String grant(@PathVariable String numero, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            Outcome outcome = context.act("ADMIN_ATTRIBUTION_HABILITATION", 201,
                    (caller, request) -> habilitations.grant(caller, numero, grantOf(form), request));
            redirect.addFlashAttribute("message", outcome.filed()
                    ? "Votre convention est gérée par la CAF : une demande d'attribution du profil " + form.get("profil")
                            + " lui a été transmise. L'habilitation existera quand la CAF l'aura acceptée."
                    : "Habilitation " + form.get("profil") + " accordée.");
        } catch (ProblemException refused) {
            if (refused.problem() == Problem.NOT_FOUND) {
                throw refused;
            }
            // the refusal at its field, and what was chosen kept for the next try
            FieldError error = FieldError.ofGrantForm(refused);
            redirect.addFlashAttribute("erreur", error.message());
            redirect.addFlashAttribute("champEnErreur", error.champ());
            redirect.addFlashAttribute("saisie", Map.copyOf(form.entrySet().stream()
                    .filter(e -> !"_csrf".equals(e.getKey()))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        }
        return "redirect:/conventions/" + numero + "/habilitations";
    }

    /** The grant as the form gives it: a holder ("u:login" or "g:id"), a profile, optional dates. */
    private static GrantBody grantOf(Map<String, String> form) {
        String titulaire = form.getOrDefault("titulaire", "");
        String utilisateur = titulaire.startsWith("u:") ? titulaire.substring(2) : null;
        Long groupe = titulaire.startsWith("g:") ? parseId(titulaire.substring(2)) : null;
        if (utilisateur == null && groupe == null) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Choisissez un utilisateur ou un groupe.");
        }
        return new GrantBody(utilisateur, groupe, "CDAP", form.get("profil"), date(form.get("dateDebut"),
                "date de début"), date(form.get("dateFin"), "date de fin"));
    }

    @PostMapping("/habilitations/{id}/fin")
    String end(@PathVariable long id, @RequestParam("convention") String numero,
               @RequestParam(name = "confirme", required = false) String confirme,
               @RequestParam(name = "motif", required = false) String motif, Model model,
               jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        String ask = recap(numero, id, "Mettre fin à l'habilitation ", "L'habilitation prend fin aujourd'hui : son "
                + "titulaire ne consulte plus avec ce profil. Elle reste dans l'historique.", "/fin", false,
                "Mettre fin à l'habilitation").askUnlessConfirmed(confirme, motif, model, response);
        if (ask != null) {
            return ask;
        }
        Outcome outcome = context.act("ADMIN_FIN_HABILITATION", 204,
                (caller, request) -> habilitations.end(caller, id, motif, request));
        redirect.addFlashAttribute("message", outcome.filed()
                ? "Une demande de retrait a été transmise à la CAF." : "L'habilitation est terminée.");
        return "redirect:/conventions/" + numero + "/habilitations";
    }

    @PostMapping("/habilitations/{id}/suspension")
    String suspend(@PathVariable long id, @RequestParam("convention") String numero,
                   @RequestParam("suspendre") boolean suspendre,
                   @RequestParam(name = "confirme", required = false) String confirme,
                   @RequestParam(name = "motif", required = false) String motif, Model model,
                   jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        if (suspendre) {
            ConsolePrincipal person = context.person();
            Confirmation.require(person.cafAdmin() || person.conventionAdministrator(),
                    "La suspension relève de la CAF et des administrateurs de la convention.");
            String ask = recap(numero, id, "Suspendre l'habilitation ", "Dès maintenant, son titulaire ne consulte "
                    + "plus avec ce profil, jusqu'à la levée de la suspension.", "/suspension", true,
                    "Suspendre l'habilitation").withFields(Map.of("suspendre", "true"))
                    .askUnlessConfirmed(confirme, motif, model, response);
            if (ask != null) {
                return ask;
            }
        }
        context.actAndTell(suspendre ? "ADMIN_SUSPENSION_HABILITATION" : "ADMIN_LEVEE_SUSPENSION_HABILITATION", 200,
                redirect, result -> suspendre ? "L'habilitation est suspendue, avec effet immédiat."
                        : "La suspension de l'habilitation est levée.",
                (caller, request) -> habilitations.suspension(caller, id, suspendre, motif, request));
        return "redirect:/conventions/" + numero + "/habilitations";
    }

    /** The habilitation the act is about, as the recap names it. */
    private Confirmation recap(String numero, long id, String verb, String consequence, String path,
                               boolean reasonRequired, String button) {
        HabilitationView h = context.read((caller, request) -> habilitations.list(caller, numero, request)).stream()
                .filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new ProblemException(fr.cdapgateway.api.Problem.NOT_FOUND, "Habilitation inconnue."));
        Object holder = h.utilisateur() != null ? h.utilisateur() : "groupe " + h.groupe();
        return new Confirmation(verb + "n° " + id + " (" + h.profil() + ", " + holder + ")",
                List.of(Confirmation.ligne("Habilitation", "n° " + id),
                        Confirmation.ligne("Profil", h.profil()),
                        Confirmation.ligne("Titulaire", holder),
                        Confirmation.ligne("Accordée par", h.accordeePar()),
                        Confirmation.ligne("Convention", numero)),
                consequence, "/habilitations/" + id + path, Map.of("convention", numero), reasonRequired, button,
                "/conventions/" + numero + "/habilitations");
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.INVALID_REQUEST, "La " + name + " doit être une date (AAAA-MM-JJ).");
        }
    }

    static long parseId(String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Choix invalide.");
        }
        return Long.parseLong(value);
    }
}
