package fr.cdapgateway.console;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.CredentialLinks;
import fr.cdapgateway.auth.CredentialLinks.Link;
import fr.cdapgateway.auth.CredentialLinks.State;
import fr.cdapgateway.auth.ForgottenPassword;

/**
 * The pages a person reaches from a mail, before they can sign in (SPEC §14.3): the activation or reset link, where
 * they choose their own password, and "mot de passe oublié". Opening a link never consumes it; a used, expired,
 * replaced or unknown link gets a page that says so. Each attempt is traced.
 */
@Controller
class CredentialPages {

    private final CredentialLinks links;
    private final ForgottenPassword forgotten;
    private final ConsoleTraces traces;

    CredentialPages(CredentialLinks links, ForgottenPassword forgotten, ConsoleTraces traces) {
        this.links = links;
        this.forgotten = forgotten;
        this.traces = traces;
    }

    @GetMapping("/activation/{token}")
    String link(@PathVariable String token, Model model, HttpServletResponse response) {
        Link link = links.peek(token);
        return show(link, token, model, response);
    }

    @PostMapping("/activation/{token}")
    String choose(@PathVariable String token, @RequestParam(name = "motDePasse", required = false) String password,
                  @RequestParam(name = "confirmation", required = false) String confirmation, Model model,
                  HttpServletResponse response) {
        Link link = links.peek(token);
        GatewayRequest request = traces.open("ACTIVATION_COMPTE", link.login());
        try {
            links.choosePassword(token, password, confirmation);
        } catch (ProblemException refused) {
            request.outcome(refused.problem().status(), refused.tracedCode());
            traces.write(request);
            if (link.state() == State.VALIDE) {
                model.addAttribute("erreur", refused.getMessage());
            }
            String page = show(links.peek(token), token, model, response);
            response.setStatus(link.state() == State.VALIDE ? 400 : response.getStatus());
            return page;
        }
        request.outcome(200, null);
        traces.write(request);
        return "redirect:/connexion?active";
    }

    private static String show(Link link, String token, Model model, HttpServletResponse response) {
        model.addAttribute("lien", link);
        model.addAttribute("jeton", token);
        model.addAttribute("explication", CredentialLinks.explain(link.state()));
        if (link.state() != State.VALIDE) {
            response.setStatus(link.state() == State.INCONNU ? 404 : 410);
        }
        return "activation";
    }

    @GetMapping("/mot-de-passe-oublie")
    String forgottenForm() {
        return "mot-de-passe-oublie";
    }

    @PostMapping("/mot-de-passe-oublie")
    String forgotten(@RequestParam(name = "identifiant", required = false) String login, Model model,
                     HttpServletResponse response) {
        GatewayRequest request = traces.open("MOT_DE_PASSE_OUBLIE", login);
        try {
            forgotten.request(login, request);
            request.outcome(202, null);
            model.addAttribute("envoye", true);
        } catch (ProblemException refused) {
            request.outcome(refused.problem().status(), refused.tracedCode());
            model.addAttribute("erreur", refused.getMessage());
            response.setStatus(refused.problem().status());
        }
        traces.write(request);
        return "mot-de-passe-oublie";
    }
}
