package fr.cdapgateway.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fr.cdapgateway.admin.ConventionAdmin;
import fr.cdapgateway.admin.ConventionView;
import fr.cdapgateway.admin.DemandeAdmin;
import fr.cdapgateway.admin.DemandeView;

/**
 * A convention's requests as both sides follow them (issue 23): the partner sees what it filed and the CAF's
 * answer with its reason; the CAF sees the quota beside each request and decides the pending ones. Pending first,
 * then newest first.
 */
@Controller
class DemandePages {

    private final ConsoleContext context;
    private final DemandeAdmin demandes;
    private final ConventionAdmin conventions;

    DemandePages(ConsoleContext context, DemandeAdmin demandes, ConventionAdmin conventions) {
        this.context = context;
        this.demandes = demandes;
        this.conventions = conventions;
    }

    @GetMapping("/conventions/{numero}/demandes")
    String list(@PathVariable String numero, Model model) {
        ConventionView convention = context.read((caller, request) -> conventions.read(caller, numero, request));
        List<DemandeView> all = context.read((caller, request) -> demandes.list(caller, numero, request));
        model.addAttribute("convention", convention);
        model.addAttribute("quotas", convention.quotas());
        model.addAttribute("demandes", all.stream()
                .sorted(Comparator.comparing((DemandeView d) -> !"EN_ATTENTE".equals(d.statut()))
                        .thenComparing(d -> -d.id()))
                .toList());
        return "demandes";
    }
}
