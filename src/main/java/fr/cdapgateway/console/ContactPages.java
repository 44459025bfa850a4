package fr.cdapgateway.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.ContactAdmin.Interlocuteur;
import fr.cdapgateway.admin.ContactAdmin;
import fr.cdapgateway.admin.DemandeAdmin;

/**
 * The convention's contacts (Annexe 1, SPEC §14.2): read by its managers with the mandatory roles still missing;
 * the CAF admin records a new version (an avenant), the convention's administrators propose one as a request the
 * CAF decides. One row per role of each side; an empty row leaves the role blank.
 */
@Controller
class ContactPages {

    /** One role of one side as the form shows it, with its current holder if any. */
    record Row(String cote, String role, Interlocuteur holder) {

        public String key() {
            return cote + "_" + role;
        }
    }

    private final ConsoleContext context;
    private final ContactAdmin contacts;
    private final DemandeAdmin demandes;

    ContactPages(ConsoleContext context, ContactAdmin contacts, DemandeAdmin demandes) {
        this.context = context;
        this.contacts = contacts;
        this.demandes = demandes;
    }

    @GetMapping("/conventions/{numero}/interlocuteurs")
    String show(@PathVariable String numero, Model model) {
        ContactAdmin.Contacts current = context.read((caller, request) -> contacts.read(caller, numero, true, request));
        model.addAttribute("numero", numero);
        model.addAttribute("contacts", current);
        model.addAttribute("lignes", rows(current.interlocuteurs()));
        // the proposals waiting for the CAF's decision, with what they would change
        model.addAttribute("propositions", context.read((caller, request) -> demandes.list(caller, numero, request))
                .stream().filter(d -> "INTERLOCUTEURS".equals(d.nature()) && "EN_ATTENTE".equals(d.statut()))
                .toList());
        return "interlocuteurs";
    }

    @PostMapping("/conventions/{numero}/interlocuteurs")
    String save(@PathVariable String numero, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        ContactAdmin.Body body = new ContactAdmin.Body(form.get("avenant"), typed(form));
        boolean caf = context.person().cafAdmin();
        try {
            context.act(caf ? "ADMIN_INTERLOCUTEURS" : "ADMIN_DEPOT_DEMANDE", caf ? 200 : 202,
                    (caller, request) -> caf ? contacts.replace(caller, numero, body, request)
                            : contacts.propose(caller, numero, body, request));
            redirect.addFlashAttribute("message", caf ? "Les interlocuteurs de l'avenant sont enregistrés."
                    : "Votre proposition est transmise à la CAF, qui la validera.");
        } catch (fr.cdapgateway.api.ProblemException refused) {
            if (refused.problem() == fr.cdapgateway.api.Problem.NOT_FOUND) {
                throw refused;
            }
            // what was typed comes back with the reason, so that nothing is typed twice
            redirect.addFlashAttribute("erreur", refused.getMessage());
            Map<String, String> typed = new java.util.HashMap<>(form);
            typed.remove("_csrf");
            redirect.addFlashAttribute("saisie", typed);
        }
        return "redirect:/conventions/" + numero + "/interlocuteurs";
    }

    static List<Row> rows(List<Interlocuteur> current) {
        List<Row> rows = new ArrayList<>();
        for (String cote : List.of(ContactAdmin.PARTENAIRE, ContactAdmin.CAF)) {
            for (String role : ContactAdmin.roles(cote)) {
                rows.add(new Row(cote, role, current.stream()
                        .filter(c -> c.cote().equals(cote) && c.role().equals(role)).findFirst().orElse(null)));
            }
        }
        return rows;
    }

    /** The rows the person filled (a name or an address): the others are roles left blank. */
    private static List<Interlocuteur> typed(Map<String, String> form) {
        List<Interlocuteur> typed = new ArrayList<>();
        for (Row row : rows(List.of())) {
            String nom = value(form, "nom_" + row.key());
            String email = value(form, "email_" + row.key());
            if (nom == null && email == null) {
                continue;
            }
            typed.add(new Interlocuteur(row.cote(), row.role(), nom, value(form, "prenom_" + row.key()),
                    value(form, "fonction_" + row.key()), email, value(form, "telephone_" + row.key()),
                    value(form, "login_" + row.key())));
        }
        return typed;
    }

    private static String value(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
