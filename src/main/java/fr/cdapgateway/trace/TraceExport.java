package fr.cdapgateway.trace;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Csv;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.RequestUri;

/** Answers a trace search as a JSON page or a CSV export, from the query parameters of the request. */
@Component
public class TraceExport {

    static final List<String> COLUMNS = List.of("sequence", "horodatage", "requestId", "utilisateur", "convention",
            "service", "profil", "action", "numeroAllocataire", "motif", "statut", "code", "dureeMs", "adresseClient",
            "userAgent", "indicateurs", "objet");
    private static final int MAX_PAGE = 1000;
    private static final int MAX_EXPORT = 100_000;

    private final TraceQuery query;
    private final Answers answers;
    private final java.util.concurrent.Semaphore exports = new java.util.concurrent.Semaphore(1);

    TraceExport(TraceQuery query, Answers answers) {
        this.query = query;
        this.answers = answers;
    }

    /** The filters of the query string, validated; {@code convention} and {@code utilisateur} are imposed. */
    public TraceQuery.Filter filter(Exchange exchange, String convention, String imposedUser) {
        RequestUri uri = RequestUri.of(exchange);
        String numero = single(uri, "numeroAllocataire");
        if (numero != null && !numero.matches("[0-9]{7}")) {
            throw invalid("numeroAllocataire : 7 chiffres.");
        }
        String statut = single(uri, "statut");
        if (statut != null && !statut.matches("[1-5][0-9]{2}")) {
            throw invalid("statut : un code HTTP (200, 403...).");
        }
        String requestId = single(uri, "requestId");
        if (requestId != null && !requestId.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw invalid("requestId invalide.");
        }
        String user = imposedUser != null ? imposedUser : single(uri, "utilisateur");
        if (user != null && !user.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw invalid("utilisateur : un identifiant.");
        }
        TraceQuery.Filter filter = new TraceQuery.Filter(convention, user, numero, date(uri, "du"), date(uri, "au"),
                statut == null ? null : Integer.valueOf(statut), requestId);
        GatewayRequest.of(exchange).objet(filter.described());
        return filter;
    }

    public void answer(Exchange exchange, TraceQuery.Filter filter, String filename) {
        RequestUri uri = RequestUri.of(exchange);
        if ("csv".equals(single(uri, "format"))) {
            csv(exchange, filter, filename);
            return;
        }
        String avant = single(uri, "avant");
        if (avant != null) {
            // paging by key: stable while new traces are written
            if (!avant.matches("[0-9]{1,18}")) {
                throw invalid("avant : un numéro de séquence.");
            }
            int size = integer(uri, "taille", 100, 1, MAX_PAGE);
            List<Map<String, Object>> traces = query.pageBefore(filter, Long.valueOf(avant), size);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("taille", size);
            answer.put("traces", traces);
            answer.put("suivant", traces.size() < size ? null : traces.get(traces.size() - 1).get("sequence"));
            answers.ok(exchange, answer);
            return;
        }
        int page = integer(uri, "page", 0, 0, Integer.MAX_VALUE / MAX_PAGE);
        int size = integer(uri, "taille", 100, 1, MAX_PAGE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("taille", size);
        answer.put("total", query.count(filter));
        answer.put("traces", query.page(filter, page, size));
        answers.ok(exchange, answer);
    }

    /**
     * The CSV export: read by key in pages of {@value #MAX_PAGE} and written as it goes (never the whole result as
     * objects), at most {@value #MAX_EXPORT} rows, and one export at a time per instance, so that exports cannot
     * exhaust the heap.
     */
    private void csv(Exchange exchange, TraceQuery.Filter filter, String filename) {
        if (!exports.tryAcquire()) {
            GatewayRequest.of(exchange).responseHeaders().put("Retry-After", "10");
            throw new ProblemException(Problem.RATE_LIMITED,
                    "Un export de traces est déjà en cours sur cette instance : réessayez dans quelques secondes.");
        }
        try {
            StringBuilder csv = new StringBuilder(64 * 1024);
            Csv.row(csv, COLUMNS.toArray());
            Long before = null;
            int written = 0;
            while (written < MAX_EXPORT) {
                List<Map<String, Object>> page = query.pageBefore(filter, before, Math.min(MAX_PAGE, MAX_EXPORT - written));
                for (Map<String, Object> row : page) {
                    Csv.row(csv, row, COLUMNS);
                }
                written += page.size();
                if (page.size() < MAX_PAGE) {
                    break;
                }
                before = (Long) page.get(page.size() - 1).get("sequence");
            }
            answers.csv(exchange, filename, csv.toString());
        } finally {
            exports.release();
        }
    }

    private static LocalDate date(RequestUri uri, String name) {
        String value = single(uri, name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " : une date AAAA-MM-JJ.");
        }
    }

    private static int integer(RequestUri uri, String name, int fallback, int min, int max) {
        String value = single(uri, name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw invalid(name + " : un entier de " + min + " à " + max + ".");
        }
        return Integer.parseInt(value);
    }

    private static String single(RequestUri uri, String name) {
        List<String> values = uri.queryValues(name);
        if (values.size() > 1) {
            throw invalid("Le paramètre " + name + " est donné plusieurs fois.");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.INVALID_REQUEST, detail);
    }
}
