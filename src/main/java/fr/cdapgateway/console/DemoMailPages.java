package fr.cdapgateway.console;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.mail.DemoMailServer;
import fr.cdapgateway.mail.DemoMailServer.ReceivedMail;

/**
 * The demo's mailbox (SPEC §14.1): every mail the embedded SMTP server received, shown to anyone signed in so that a
 * newcomer can follow an activation link from the README. Only in the demo: without the embedded server, a 404.
 */
@Controller
class DemoMailPages {

    /** A mail as the page shows it: its text, and the links found in it, clickable. */
    record Shown(ReceivedMail mail, List<String> liens) {
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private final ObjectProvider<DemoMailServer> server;

    DemoMailPages(ObjectProvider<DemoMailServer> server) {
        this.server = server;
    }

    @GetMapping("/demo/courriels")
    String mailbox(Model model) {
        DemoMailServer demo = server.getIfAvailable();
        if (demo == null) {
            throw new ProblemException(Problem.NOT_FOUND,
                    "La boîte aux lettres de démonstration n'existe qu'en démonstration.");
        }
        model.addAttribute("courriels", demo.received().stream().limit(200)
                .map(m -> new Shown(m, links(m.texte()))).toList());
        return "demo-courriels";
    }

    static List<String> links(String text) {
        if (text == null) {
            return List.of();
        }
        Matcher matcher = LINK.matcher(text);
        return matcher.results().map(r -> r.group()).distinct().toList();
    }
}
