package fr.cdapgateway.console;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.ContactAdmin;
import fr.cdapgateway.admin.ConventionAdmin;
import fr.cdapgateway.admin.ConventionView;
import fr.cdapgateway.admin.DemandeAdmin.Decision;
import fr.cdapgateway.admin.DemandeAdmin;
import fr.cdapgateway.admin.DemandeView;
import fr.cdapgateway.admin.MaintenanceAdmin.Window;
import fr.cdapgateway.admin.MaintenanceAdmin;
import fr.cdapgateway.admin.ReverseReview;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.ops.ServiceStatus;

/**
 * The CAF supervisor's pages (SPEC §8, §11): the conventions of its CAF with their review status, overdue first;
 * the pending requests of CENTRALISE conventions to accept or refuse; planned maintenance windows, announced and
 * cancelled, with a preview of what {@code /api/v1/statut} shows partners.
 */
@Controller
class CafPages {

    private final ConsoleContext context;
    private final Labels labels;
    private final Dates dates;
    private final ContactAdmin contacts;
    private final ReverseReview review;
    private final DemandeAdmin demandes;
    private final ConventionAdmin conventions;
    private final MaintenanceAdmin maintenances;
    private final ServiceStatus status;
    private final CafCalendar calendar;

    CafPages(ConsoleContext context, ReverseReview review, DemandeAdmin demandes, ConventionAdmin conventions,
             MaintenanceAdmin maintenances, ServiceStatus status, CafCalendar calendar,
             ContactAdmin contacts,
             Labels labels, Dates dates) {
        this.labels = labels;
        this.dates = dates;
        this.contacts = contacts;
        this.context = context;
        this.review = review;
        this.demandes = demandes;
        this.conventions = conventions;
        this.maintenances = maintenances;
        this.status = status;
        this.calendar = calendar;
    }

    @GetMapping("/caf")
    String supervision(Model model) {
        model.addAttribute("revues", context.read((caller, request) -> review.overview(caller, false)));
        model.addAttribute("demandes", context.read((caller, request) -> demandes.pendingOfCaf(caller)));
        List<ConventionView> mine = context.read((caller, request) -> conventions.list(caller));
        model.addAttribute("conventions", mine);
        Map<String, List<ContactAdmin.Manquant>> missing = new HashMap<>();
        for (ConventionView convention : mine) {
            String numero = convention.numero();
            missing.put(numero, context.read((caller, request) -> contacts.read(caller, numero, false, request))
                    .manquants());
        }
        model.addAttribute("manquants", missing);
        return "caf";
    }

    @PostMapping("/demandes/{id}/decision")
    String decide(@PathVariable long id, @RequestParam("decision") String decision,
                  @RequestParam(name = "motif", required = false) String motif,
                  @RequestParam(name = "confirme", required = false) String confirme,
                  @RequestParam(name = "retour", required = false) String retour, Model model,
                  jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        if ("REFUSEE".equals(decision)) {
            DemandeView demande = context.read((caller, request) -> demandes.pendingOfCaf(caller)).stream()
                    .filter(d -> d.id() == id).findFirst()
                    .orElseThrow(() -> new ProblemException(Problem.NOT_FOUND, "Aucune demande en attente ne porte "
                            + "ce numéro."));
            String ask = new Confirmation("Refuser la demande n° " + id,
                    List.of(Confirmation.ligne("Convention", demande.convention()),
                            Confirmation.ligne("Nature", labels.of("demande", demande.nature())),
                            Confirmation.ligne("Pour", demande.utilisateur() != null ? demande.utilisateur()
                                    : demande.groupe()),
                            Confirmation.ligne("Profil", demande.profil()),
                            Confirmation.ligne("Déposée par", demande.demandeePar())),
                    "Le partenaire voit le refus et son motif dans la liste de ses demandes.",
                    "/demandes/" + id + "/decision", Map.of("decision", decision), true, "Refuser la demande", "/caf")
                    .askUnlessConfirmed(confirme, motif, model, response);
            if (ask != null) {
                return ask;
            }
        }
        context.actAndTell("ADMIN_DECISION_DEMANDE", 200, redirect, result -> "ACCEPTEE".equals(decision)
                        ? "Demande n° " + id + " acceptée : elle est appliquée." : "Demande n° " + id + " refusée.",
                (caller, request) -> demandes.decide(caller, id,
                        new Decision(decision, motif == null || motif.isBlank() ? null : motif.trim()), request));
        return "redirect:/caf";
    }

    @GetMapping("/caf/maintenances")
    String maintenances(Model model) {
        model.addAttribute("maintenances", context.read((caller, request) -> maintenances.list(caller)));
        model.addAttribute("apercu", status.status());
        model.addAttribute("fuseau", calendar.zone().getId());
        return "maintenances";
    }

    @PostMapping("/caf/maintenances")
    String announce(@RequestParam("debut") String debut, @RequestParam("fin") String fin,
                    @RequestParam("message") String message, RedirectAttributes redirect) {
        try {
            var announced = context.act("ADMIN_ANNONCE_MAINTENANCE", 201, (caller, request) -> maintenances.announce(
                    caller, new Window(local(debut, "début"), local(fin, "fin"), message), request));
            redirect.addFlashAttribute("message", "La maintenance est annoncée aux partenaires de votre CAF, prévenus "
                    + "par courriel." + (announced.avertissement() == null ? "" : " " + announced.avertissement()));
        } catch (ProblemException refused) {
            if (refused.problem() == Problem.NOT_FOUND) {
                throw refused;
            }
            // said at the field it concerns; what was typed comes back
            String detail = refused.getMessage() == null ? "" : refused.getMessage();
            redirect.addFlashAttribute("erreur", detail);
            redirect.addFlashAttribute("champEnErreur", detail.contains("message") ? "message"
                    : detail.contains("date de début") ? "debut" : "fin");
            redirect.addFlashAttribute("saisie", Map.of("debut", debut == null ? "" : debut, "fin",
                    fin == null ? "" : fin, "message", message == null ? "" : message));
        }
        return "redirect:/caf/maintenances";
    }

    @PostMapping("/caf/maintenances/{id}/annulation")
    String cancel(@PathVariable long id, @RequestParam(name = "confirme", required = false) String confirme,
                  @RequestParam(name = "motif", required = false) String motif, Model model,
                  jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        var window = context.read((caller, request) -> maintenances.list(caller)).stream()
                .filter(w -> Long.valueOf(id).equals(w.id())).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.NOT_FOUND, "Aucune maintenance à venir de votre CAF "
                        + "ne porte ce numéro."));
        String ask = new Confirmation("Annuler la maintenance n° " + id,
                List.of(Confirmation.ligne("Début", dates.show(window.debut())),
                        Confirmation.ligne("Fin", dates.show(window.fin())),
                        Confirmation.ligne("Message", window.message())),
                "Les partenaires de votre CAF sont prévenus par courriel que le service restera disponible.",
                "/caf/maintenances/" + id + "/annulation", Map.of(), false, "Annuler la maintenance",
                "/caf/maintenances").askUnlessConfirmed(confirme, motif, model, response);
        if (ask != null) {
            return ask;
        }
        context.act("ADMIN_ANNULATION_MAINTENANCE", 204, (caller, request) -> {
            maintenances.cancel(caller, id, motif, request);
            return null;
        });
        redirect.addFlashAttribute("message", "La maintenance n° " + id + " est annulée.");
        return "redirect:/caf/maintenances";
    }

    /** A date and time typed in the CAF's local time (the browser's datetime-local field). */
    private java.time.Instant local(String value, String name) {
        try {
            return LocalDateTime.parse(value.trim()).atZone(calendar.zone()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ProblemException(Problem.INVALID_REQUEST, "La date de " + name
                    + " doit être une date et une heure (AAAA-MM-JJTHH:MM).");
        }
    }
}
