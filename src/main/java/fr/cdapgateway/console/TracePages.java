package fr.cdapgateway.console;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import fr.cdapgateway.admin.TraceAdmin;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.trace.TraceQuery;
import fr.cdapgateway.trace.TraceSearch;

/**
 * A convention's traces: search by user, dossier, period, outcome and request id, paged, and the CSV export that
 * spreadsheets open with the accents right. Reading traces is itself traced, with the filters searched.
 */
@Controller
class TracePages {

    private final ConsoleContext context;
    private final TraceAdmin traces;
    private final TraceSearch search;
    private final ConsoleProperties properties;

    TracePages(ConsoleContext context, TraceAdmin traces, TraceSearch search, ConsoleProperties properties) {
        this.context = context;
        this.traces = traces;
        this.search = search;
        this.properties = properties;
    }

    /** The form's fields, as typed. */
    record Form(String utilisateur, String numeroAllocataire, String du, String au, String statut, String requestId,
                String categorie) {

        TraceSearch.Criteria criteria() {
            return new TraceSearch.Criteria(utilisateur, numeroAllocataire, du, au, statut, requestId, categorie);
        }
    }

    @GetMapping("/conventions/{numero}/traces")
    String search(@PathVariable String numero, @ModelAttribute("criteres") Form form,
                  @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("numero", numero);
        try {
            Map<String, Object> found = context.act("ADMIN_LECTURE_TRACES", (caller, request) -> search.page(
                    traces.filter(caller, numero, form.criteria(), request), Math.max(0, page - 1),
                    properties.pageSize()));
            long total = (Long) found.get("total");
            model.addAttribute("resultats", found.get("traces"));
            model.addAttribute("total", total);
            model.addAttribute("page", Math.max(1, page));
            model.addAttribute("pages", Math.max(1, (total + properties.pageSize() - 1) / properties.pageSize()));
        } catch (ProblemException refused) {
            if (refused.problem().status() != 400) {
                throw refused;
            }
            model.addAttribute("erreur", refused.getMessage());
            model.addAttribute("champEnErreur", refused.extensions().get("champ"));
        }
        return "traces";
    }

    /** Streamed as it is read: an export of 100,000 traces never sits whole in memory. */
    @GetMapping("/conventions/{numero}/traces.csv")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String numero, @ModelAttribute Form form) {
        TraceSearch.Export export = context.act("ADMIN_LECTURE_TRACES", (caller, request) ->
                search.export(traces.filter(caller, numero, form.criteria(), request)));
        return Downloads.csvStream("traces-" + numero + ".csv",
                out -> export.writeTo(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
