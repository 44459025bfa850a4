package fr.cdapgateway.console;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.GroupAdmin.GroupBody;
import fr.cdapgateway.admin.GroupAdmin;
import fr.cdapgateway.admin.GroupView;
import fr.cdapgateway.admin.HabilitationAdmin;
import fr.cdapgateway.admin.Outcome;
import fr.cdapgateway.admin.UserAdmin;
import fr.cdapgateway.api.ProblemException;

/** Groups of a convention and their members: a group's habilitations apply to each member, within the quotas. */
@Controller
class GroupPages {

    private final ConsoleContext context;
    private final GroupAdmin groups;
    private final UserAdmin users;
    private final HabilitationAdmin habilitations;

    GroupPages(ConsoleContext context, GroupAdmin groups, UserAdmin users, HabilitationAdmin habilitations) {
        this.context = context;
        this.groups = groups;
        this.users = users;
        this.habilitations = habilitations;
    }

    @GetMapping("/conventions/{numero}/groupes")
    String list(@PathVariable String numero, Model model) {
        model.addAttribute("numero", numero);
        model.addAttribute("groupes", context.read((caller, request) -> groups.list(caller, numero, request)));
        return "groupes";
    }

    @PostMapping("/conventions/{numero}/groupes")
    String create(@PathVariable String numero, @RequestParam("nom") String nom, RedirectAttributes redirect) {
        try {
            GroupView group = context.act("ADMIN_CREATION_GROUPE", 201,
                    (caller, request) -> groups.create(caller, numero, new GroupBody(nom), request));
            redirect.addFlashAttribute("message", "Groupe « " + group.nom() + " » créé.");
            return "redirect:/groupes/" + group.id();
        } catch (ProblemException refused) {
            if (refused.problem().status() == 404) {
                throw refused;
            }
            redirect.addFlashAttribute("erreur", refused.getMessage());
            redirect.addFlashAttribute("champEnErreur", "nom");
            redirect.addFlashAttribute("saisie", Map.of("nom", nom == null ? "" : nom));
            return "redirect:/conventions/" + numero + "/groupes";
        }
    }

    @GetMapping("/groupes/{id}")
    String detail(@PathVariable long id, Model model) {
        GroupView group = context.read((caller, request) -> groups.read(caller, id, request));
        String numero = group.convention();
        List<String> members = group.membres();
        model.addAttribute("groupe", group);
        model.addAttribute("candidats", context.read((caller, request) -> users.list(caller, numero, request))
                .stream().filter(u -> !"DEVALIDE".equals(u.statut()) && !members.contains(u.login()))
                .toList());
        model.addAttribute("habilitations", context.read((caller, request) -> habilitations.list(caller, numero,
                request)).stream().filter(h -> Long.valueOf(id).equals(h.groupe())).toList());
        return "groupe";
    }

    @PostMapping("/groupes/{id}/membres")
    String add(@PathVariable long id, @RequestParam("login") String login, RedirectAttributes redirect) {
        context.actAndTell("ADMIN_AJOUT_MEMBRE", 200, redirect, (Outcome outcome) -> outcome.filed()
                        ? "Ce groupe porte des habilitations et votre convention est gérée par la CAF : une demande "
                                + "d'adhésion lui a été transmise."
                        : login + " est membre du groupe.",
                (caller, request) -> groups.addMember(caller, id, login, request));
        return "redirect:/groupes/" + id;
    }

    @PostMapping("/groupes/{id}/membres/{login}/retrait")
    String remove(@PathVariable long id, @PathVariable String login,
                  @RequestParam(name = "confirme", required = false) String confirme,
                  @RequestParam(name = "motif", required = false) String motif, Model model,
                  jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        GroupView group = context.read((caller, request) -> groups.read(caller, id, request));
        String ask = new Confirmation("Retirer " + login + " du groupe " + group.nom(),
                List.of(Confirmation.ligne("Groupe", group.nom()), Confirmation.ligne("Membre", login),
                        Confirmation.ligne("Convention", group.convention())),
                "Le membre perd aussitôt les habilitations du groupe (il garde les siennes propres).",
                "/groupes/" + id + "/membres/" + login + "/retrait", Map.of(), false, "Retirer du groupe",
                "/groupes/" + id).askUnlessConfirmed(confirme, motif, model, response);
        if (ask != null) {
            return ask;
        }
        context.act("ADMIN_RETRAIT_MEMBRE", (caller, request) -> groups.removeMember(caller, id, login, motif,
                request));
        redirect.addFlashAttribute("message", login + " n'est plus membre du groupe.");
        return "redirect:/groupes/" + id;
    }
}
