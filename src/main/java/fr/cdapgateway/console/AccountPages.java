package fr.cdapgateway.console;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.auth.PasswordChange;
import fr.cdapgateway.habilitation.HabilitationDirectory;
import fr.cdapgateway.trace.TraceSearch;

/**
 * Signing in, the home page, and the person's own account: the password change (first thing after an initial
 * password, yearly for administrators) with the policy stated before the form, and their own traces (GDPR
 * article 15).
 */
@Controller
class AccountPages {

    private final ConsoleContext context;
    private final ConsoleTraces traces;
    private final Authenticator authenticator;
    private final PasswordChange passwordChange;
    private final TraceSearch search;

    private final HabilitationDirectory habilitations;

    AccountPages(ConsoleContext context, ConsoleTraces traces, Authenticator authenticator,
                 PasswordChange passwordChange, TraceSearch search,
                 HabilitationDirectory habilitations) {
        this.habilitations = habilitations;
        this.context = context;
        this.traces = traces;
        this.authenticator = authenticator;
        this.passwordChange = passwordChange;
        this.search = search;
    }

    @GetMapping("/connexion")
    String signIn(@RequestParam(name = "erreur", required = false) String erreur, Model model) {
        model.addAttribute("erreur", erreur == null ? null : SignInMessages.of(erreur));
        return "connexion";
    }

    /** Home: the CAF's supervision, the manager's convention, or a plain user's own account. */
    @GetMapping("/")
    String home() {
        return "redirect:" + homeOf(context.person());
    }

    private static String homeOf(ConsolePrincipal person) {
        if (person.cafAdmin()) {
            return "/caf";
        }
        return person.manager() && person.convention() != null ? "/conventions/" + person.convention() : "/mon-compte";
    }

    @GetMapping("/mon-compte")
    String myAccount(Model model) {
        Account account = context.account();
        model.addAttribute("compte", account);
        model.addAttribute("changementDu", authenticator.passwordChangeDue(account).orElse(null));
        // what this person may consult, as the API answers it (GET /api/v1/moi): their own habilitations
        model.addAttribute("mesHabilitations", habilitations.habilitationsOf(account.id()).stream()
                .filter(h -> h.endedAt() == null).toList());
        return "mon-compte";
    }

    @GetMapping("/mot-de-passe")
    String passwordForm(Model model) {
        model.addAttribute("changementDu", authenticator.passwordChangeDue(context.account()).orElse(null));
        return "mot-de-passe";
    }

    /**
     * The old password is verified again, with the sign-in's own checks and lockout (a stolen session cannot
     * guess it); the new one must satisfy the policy.
     */
    @PostMapping("/mot-de-passe")
    String changePassword(@RequestParam("ancien") String ancien, @RequestParam("nouveau") String nouveau,
                          @RequestParam("confirmation") String confirmation, Model model,
                          RedirectAttributes redirect) {
        ConsolePrincipal person = context.person();
        try {
            traces.run(person, "CHANGEMENT_MOT_DE_PASSE", 204, request -> {
                Account account = authenticator.signIn(person.login(), ancien, request);
                if (!nouveau.equals(confirmation)) {
                    throw new ProblemException(fr.cdapgateway.api.Problem.INVALID_REQUEST,
                            "La confirmation ne reprend pas le nouveau mot de passe.");
                }
                passwordChange.change(account, ancien, ancien, nouveau);
                return null;
            });
        } catch (ProblemException refused) {
            model.addAttribute("changementDu", authenticator.passwordChangeDue(context.account()).orElse(null));
            model.addAttribute("erreur", refused.problem().status() == 401
                    ? "L'ancien mot de passe ne correspond pas." : refused.getMessage());
            return "mot-de-passe";
        }
        redirect.addFlashAttribute("message", "Votre mot de passe a été changé.");
        return "redirect:" + homeOf(person);
    }

    /** Article 15 of the GDPR: what the gateway recorded about me, as a spreadsheet opens it. */
    @GetMapping("/mon-compte/traces.csv")
    ResponseEntity<StreamingResponseBody> myTraces() {
        ConsolePrincipal person = context.person();
        TraceSearch.Export export = traces.run(person, "EXPORT_MES_TRACES", 200, request -> search.export(
                search.filter(TraceSearch.Criteria.NONE, null, person.login(), request)));
        return Downloads.csvStream("traces-" + person.login() + ".csv",
                out -> export.writeTo(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }
}
