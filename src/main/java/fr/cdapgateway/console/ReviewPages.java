package fr.cdapgateway.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.cdapgateway.admin.ReverseReview.Attestation;
import fr.cdapgateway.admin.ReverseReview;
import fr.cdapgateway.admin.ReviewViews;
import fr.cdapgateway.api.ProblemException;

/**
 * The guided annual reverse review (SPEC §8): the report with its flags, a decision per habilitation (keep or
 * remove), "remove every habilitation unused for 90 days" in one click (no script needed: the page comes back
 * with those decisions ticked), the attestation submitted and applied, then a printable attestation and its CSV
 * for the CAF.
 */
@Controller
class ReviewPages {

    private final ConsoleContext context;
    private final ReverseReview review;

    ReviewPages(ConsoleContext context, ReverseReview review) {
        this.context = context;
        this.review = review;
    }

    @GetMapping("/conventions/{numero}/revue")
    String report(@PathVariable String numero,
                  @RequestParam(name = "preselection", required = false) String preselection, Model model) {
        ReviewViews.Report report = context.act("ADMIN_REVUE_RAPPORT",
                (caller, request) -> review.report(caller, numero, request));
        model.addAttribute("rapport", report);
        model.addAttribute("habilitations", decisions(report, "inutilisees".equals(preselection)));
        model.addAttribute("echeance", context.read((caller, request) -> review.due(caller, numero, request)));
        model.addAttribute("peutAttester", context.person().conventionAdministrator());
        model.addAttribute("attestations", context.read((caller, request) -> review.attestations(caller, numero,
                request)));
        return "revue";
    }

    @GetMapping("/conventions/{numero}/revue.csv")
    ResponseEntity<byte[]> reportCsv(@PathVariable String numero) {
        ReviewViews.Report report = context.act("ADMIN_REVUE_RAPPORT",
                (caller, request) -> review.report(caller, numero, request));
        return Downloads.csv("revue-" + numero + ".csv", ReverseReview.csv(report));
    }

    @PostMapping("/conventions/{numero}/revue")
    String attest(@PathVariable String numero, @RequestParam Map<String, String> form, Model model,
                  jakarta.servlet.http.HttpServletResponse response) {
        Confirmation.require(context.person().conventionAdministrator(), "La revue annuelle est attestée par "
                + "l'administrateur de la convention ou son suppléant.");
        Map<String, String> decisions = new java.util.TreeMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("decision-")) {
                decisions.put(name, value);
            }
        });
        long removals = decisions.values().stream().filter("RETIRER"::equals).count();
        String ask = new Confirmation("Attester la revue annuelle de la convention " + numero,
                List.of(Confirmation.ligne("Habilitations revues", decisions.size()),
                        Confirmation.ligne("Conservées", decisions.size() - removals),
                        Confirmation.ligne("Retirées", removals == 0 ? "aucune" : decisions.entrySet().stream()
                                .filter(d -> "RETIRER".equals(d.getValue()))
                                .map(d -> "n° " + d.getKey().substring("decision-".length()))
                                .collect(java.util.stream.Collectors.joining(", ")))),
                "En attestant, vous certifiez avoir revu chaque habilitation ; les retraits s'appliquent aussitôt et "
                        + "l'attestation est transmise à la CAF.",
                "/conventions/" + numero + "/revue", decisions, false, "Attester la revue",
                "/conventions/" + numero + "/revue").askUnlessConfirmed(form.get("confirme"), form.get("motif"), model,
                response);
        if (ask != null) {
            return ask;
        }
        List<Attestation.Item> items = new ArrayList<>();
        form.forEach((name, value) -> {
            if (name.startsWith("decision-")) {
                items.add(new Attestation.Item(HabilitationPages.parseId(name.substring("decision-".length())),
                        value));
            }
        });
        ReviewViews.Attested attested;
        try {
            attested = context.act("ADMIN_REVUE_ATTESTATION", 201,
                    (caller, request) -> review.attest(caller, numero, new Attestation(items), request));
        } catch (ProblemException refused) {
            if (refused.problem().status() != 400) {
                throw refused;
            }
            model.addAttribute("erreur", refused.getMessage());
            return report(numero, null, model);
        }
        return "redirect:/conventions/" + numero + "/revues/" + attested.revue();
    }

    @GetMapping("/conventions/{numero}/revues/{id}")
    String attestation(@PathVariable String numero, @PathVariable long id, Model model) {
        model.addAttribute("attestation", context.read((caller, request) -> review.attestation(caller, numero, id,
                request)));
        return "attestation";
    }

    @GetMapping("/conventions/{numero}/revues/{id}.csv")
    ResponseEntity<byte[]> attestationCsv(@PathVariable String numero, @PathVariable long id) {
        ReviewViews.Attestation attestation = context.act("ADMIN_REVUE_EXPORT_ATTESTATION",
                (caller, request) -> review.attestation(caller, numero, id, request));
        return Downloads.csv("attestation-revue-" + numero + "-" + id + ".csv",
                ReverseReview.attestationCsv(attestation));
    }

    /**
     * One line per open habilitation (a group's appears once, with its members), its flags and the decision
     * proposed: keep, or remove when it is unused for 90 days and the bulk removal was asked. A group's
     * habilitation is unused only when none of its members used it.
     */
    static List<Line> decisions(ReviewViews.Report report, boolean removeUnused) {
        Map<Long, ReviewViews.Habilitation> byId = new LinkedHashMap<>();
        Map<Long, List<String>> holders = new LinkedHashMap<>();
        Map<Long, List<String>> flags = new LinkedHashMap<>();
        Map<Long, int[]> unusedByHolders = new LinkedHashMap<>();
        for (ReviewViews.Account account : report.comptes()) {
            for (ReviewViews.Habilitation h : account.habilitations()) {
                byId.putIfAbsent(h.id(), h);
                holders.computeIfAbsent(h.id(), id -> new ArrayList<>())
                        .add(account.prenom() + " " + account.nom() + " (" + account.login() + ")");
                List<String> lineFlags = flags.computeIfAbsent(h.id(), id -> new ArrayList<>());
                for (String flag : h.indicateurs()) {
                    if (!ReverseReview.UNUSED_HABILITATION.equals(flag) && !lineFlags.contains(flag)) {
                        lineFlags.add(flag);
                    }
                }
                int[] counts = unusedByHolders.computeIfAbsent(h.id(), id -> new int[2]);
                counts[0]++;
                counts[1] += h.indicateurs().contains(ReverseReview.UNUSED_HABILITATION) ? 1 : 0;
            }
        }
        List<Line> lines = new ArrayList<>();
        byId.forEach((id, h) -> {
            int[] counts = unusedByHolders.get(id);
            boolean unused = counts[0] == counts[1];
            List<String> lineFlags = flags.get(id);
            if (unused) {
                lineFlags.add(0, ReverseReview.UNUSED_HABILITATION);
            }
            lines.add(new Line(h.id(), h.service(), h.profil(), h.groupe(), h.accordeeLe(), h.dateDebut(),
                    h.dateFin(), h.statut(), h.derniereUtilisation(), h.consultations(), List.copyOf(lineFlags),
                    List.copyOf(holders.get(id)), removeUnused && unused));
        });
        return List.copyOf(lines);
    }

    /** A line of the review's form: a habilitation, who holds it, its flags, and whether removal is proposed. */
    record Line(long id, String service, String profil, String groupe, java.time.Instant accordeeLe,
                java.time.LocalDate dateDebut, java.time.LocalDate dateFin, String statut,
                java.time.Instant derniereUtilisation, long consultations, List<String> indicateurs,
                List<String> titulaires, boolean retirer) {
    }
}
