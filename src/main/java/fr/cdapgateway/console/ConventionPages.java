package fr.cdapgateway.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.ContactAdmin;
import fr.cdapgateway.admin.ConventionAdmin.ConventionPatch;
import fr.cdapgateway.admin.ConventionAdmin;
import fr.cdapgateway.admin.ConventionView;
import fr.cdapgateway.admin.DemandeAdmin;
import fr.cdapgateway.admin.DemandeView;
import fr.cdapgateway.admin.ReverseReview;
import fr.cdapgateway.admin.UserAdmin;
import fr.cdapgateway.admin.UserView;

/**
 * A convention's dashboard (SPEC §8): habilitations used and allowed per profile, pending requests, accounts
 * locked, suspended, never signed in or unused for 90 days, and the days left before the annual review is due.
 * The CAF revokes or restores the delegation here.
 */
@Controller
class ConventionPages {

    private final ConsoleContext context;
    private final ConventionAdmin conventions;
    private final UserAdmin users;
    private final DemandeAdmin demandes;
    private final ReverseReview review;
    private final java.time.Clock clock;
    private final ContactAdmin contacts;

    ConventionPages(ConsoleContext context, ConventionAdmin conventions, UserAdmin users, DemandeAdmin demandes,
                    ReverseReview review, java.time.Clock clock,
                    ContactAdmin contacts) {
        this.context = context;
        this.conventions = conventions;
        this.users = users;
        this.demandes = demandes;
        this.review = review;
        this.clock = clock;
        this.contacts = contacts;
    }

    @GetMapping("/conventions/{numero}")
    String dashboard(@PathVariable String numero, Model model) {
        ConventionView convention = context.read((caller, request) -> conventions.read(caller, numero, request));
        List<UserView> accounts = context.read((caller, request) -> users.list(caller, numero, request));
        List<DemandeView> pending = context.read((caller, request) -> demandes.list(caller, numero, request))
                .stream().filter(d -> "EN_ATTENTE".equals(d.statut())).toList();
        model.addAttribute("convention", convention);
        model.addAttribute("quotas", convention.quotas());
        model.addAttribute("demandesEnAttente", pending.size());
        model.addAttribute("comptes", counts(accounts, clock.instant()));
        model.addAttribute("manquants", context.read((caller, request) -> contacts.read(caller, numero, false,
                request)).manquants());
        if (context.caller().readsTraces()) {
            model.addAttribute("revue", context.read((caller, request) -> review.due(caller, numero, request)));
        }
        return "convention";
    }

    /** The CAF revokes the delegation (CENTRALISE: partner managers only file requests) or restores it. */
    @PostMapping("/conventions/{numero}/mode")
    String mode(@PathVariable String numero, @RequestParam("mode") String mode,
                @RequestParam(name = "confirme", required = false) String confirme,
                @RequestParam(name = "motif", required = false) String motif, Model model,
                jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        if ("CENTRALISE".equals(mode)) {
            Confirmation.require(context.person().cafAdmin(), "Seule la CAF retire la délégation.");
            ConventionView convention = context.read((caller, request) -> conventions.read(caller, numero,
                    request));
            String ask = new Confirmation("Retirer la délégation à " + partner(convention),
                    List.of(Confirmation.ligne("Convention", numero), Confirmation.ligne("Partenaire",
                                    partner(convention)),
                            Confirmation.ligne("Mode actuel", "gestion déléguée au partenaire")),
                    "Les gestionnaires de la convention ne pourront plus qu'adresser des demandes à la CAF, qui les "
                            + "décidera ; les habilitations en cours restent.",
                    "/conventions/" + numero + "/mode", Map.of("mode", mode), true, "Retirer la délégation",
                    "/conventions/" + numero).askUnlessConfirmed(confirme, motif, model, response);
            if (ask != null) {
                return ask;
            }
        }
        context.act("ADMIN_MODIFICATION_CONVENTION", (caller, request) -> conventions.update(caller, numero,
                new ConventionPatch(mode, motif), request));
        redirect.addFlashAttribute("message", "CENTRALISE".equals(mode)
                ? "Délégation retirée : les gestionnaires de la convention déposent désormais des demandes."
                : "Délégation rétablie : les gestionnaires de la convention gèrent les habilitations.");
        return "redirect:/conventions/" + numero;
    }

    private static String partner(ConventionView convention) {
        return convention.partenaire().nom();
    }

    /** How many accounts are in each state a manager must watch, by the user list's filter names. */
    static Map<String, Long> counts(List<UserView> accounts, Instant now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (AccountFilter filter : AccountFilter.values()) {
            counts.put(filter.parameter, accounts.stream().filter(a -> filter.test(a, now)).count());
        }
        return counts;
    }
}
