package fr.cdapgateway.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.AlertAdmin;
import fr.cdapgateway.admin.MailAdmin;

/**
 * Security alerts (SPEC §14.5) as the CAF and a convention's administrators handle them — read in their scope,
 * concluded with the action the conclusion names — and the CAF's outbox of mails (§14.1), without their bodies.
 */
@Controller
class AlertPages {

    private final ConsoleContext context;
    private final AlertAdmin alerts;
    private final MailAdmin mails;

    AlertPages(ConsoleContext context, AlertAdmin alerts, MailAdmin mails) {
        this.context = context;
        this.alerts = alerts;
        this.mails = mails;
    }

    @GetMapping("/alertes")
    String list(@RequestParam(name = "statut", required = false) String statut, Model model) {
        String filter = statut == null || statut.isBlank() ? null : statut;
        model.addAttribute("alertes", context.read((caller, request) -> alerts.list(caller, null, filter)));
        model.addAttribute("statut", filter);
        model.addAttribute("conclusions", AlertAdmin.Conclusion.values());
        return "alertes";
    }

    @PostMapping("/alertes/{id}/conclusion")
    String conclude(@PathVariable long id, @RequestParam(name = "conclusion", required = false) String conclusion,
                    @RequestParam(name = "commentaire", required = false) String commentaire,
                    RedirectAttributes redirect) {
        context.actAndTell("ADMIN_CONCLUSION_ALERTE", 200, redirect,
                result -> "L'alerte n° " + id + " est close (" + conclusion + ").",
                (caller, request) -> alerts.conclude(caller, id, new AlertAdmin.Body(conclusion,
                        commentaire == null || commentaire.isBlank() ? null : commentaire.trim()), request));
        return "redirect:/alertes";
    }

    @GetMapping("/caf/courriels")
    String mails(@RequestParam(name = "statut", required = false) String statut, Model model) {
        String filter = statut == null || statut.isBlank() ? null : statut;
        model.addAttribute("courriels", context.read((caller, request) -> mails.list(caller, filter)));
        model.addAttribute("statut", filter);
        return "courriels";
    }
}
