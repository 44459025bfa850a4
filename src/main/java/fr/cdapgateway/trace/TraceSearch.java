package fr.cdapgateway.trace;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Csv;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Searching traces, Camel-free: the criteria a reader typed, validated into a {@link TraceQuery.Filter}; a page of
 * results (by offset, or by key for stable paging); the CSV export. The admin API and the web console both use it.
 */
@Component
public class TraceSearch {

    /** The criteria as typed (query parameters or form fields); blank means "any". */
    public record Criteria(String utilisateur, String numeroAllocataire, String du, String au, String statut,
                           String requestId, String categorie) {

        public static final Criteria NONE = new Criteria(null, null, null, null, null, null, null);
    }

    static final List<String> COLUMNS = List.of("sequence", "horodatage", "requestId", "utilisateur", "convention",
            "service", "profil", "action", "numeroAllocataire", "motif", "statut", "code", "dureeMs", "adresseClient",
            "userAgent", "indicateurs", "objet", "heureLocale");

    public static final int MAX_PAGE = 1000;
    private static final int MAX_EXPORT = 100_000;

    private final TraceQuery query;
    private final Semaphore exports = new Semaphore(1);

    /** The CAF's local time beside the UTC instant: what a person reading the spreadsheet expects. */
    private final java.time.format.DateTimeFormatter local;

    TraceSearch(TraceQuery query, @org.springframework.beans.factory.annotation.Value("${gateway.zone}")
                java.time.ZoneId zone) {
        this.query = query;
        this.local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    /**
     * The criteria, validated; {@code convention} and {@code imposedUser} are imposed by the reader's scope. What was
     * searched goes to the reader's own trace (SPEC §9).
     */
    public TraceQuery.Filter filter(Criteria criteria, String convention, String imposedUser, GatewayRequest reader) {
        TraceQuery.Filter filter = filter(criteria, convention, imposedUser);
        reader.objet(filter.described());
        return filter;
    }

    private TraceQuery.Filter filter(Criteria criteria, String convention, String imposedUser) {
        String numero = blankToNull(criteria.numeroAllocataire());
        if (numero != null && !numero.matches("[0-9]{7}")) {
            throw invalid("numeroAllocataire", "Le numéro allocataire comporte exactement 7 chiffres, par exemple "
                    + "1000042.");
        }
        String statut = blankToNull(criteria.statut());
        if (statut != null && !statut.matches("[1-5][0-9]{2}")) {
            throw invalid("statut", "Choisissez un résultat dans la liste.");
        }
        String requestId = blankToNull(criteria.requestId());
        if (requestId != null && !requestId.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw invalid("requestId", "La référence ne contient que des lettres, des chiffres et les signes . _ : -, "
                    + "comme celle que le partenaire vous a communiquée.");
        }
        String user = imposedUser != null ? imposedUser : blankToNull(criteria.utilisateur());
        if (user != null && !user.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw invalid("utilisateur", "L'identifiant ne contient que des lettres, des chiffres et les signes . _ @ -, "
                    + "par exemple niort.agent1.");
        }
        LocalDate du = date(criteria.du(), "du", "du début");
        LocalDate au = date(criteria.au(), "au", "de fin");
        if (du != null && au != null && au.isBefore(du)) {
            throw invalid("au", "La date de fin (Au) doit être le même jour que la date de début (Du) ou après.");
        }
        String kind = blankToNull(criteria.categorie());
        TraceQuery.Category category;
        try {
            category = kind == null ? null : TraceQuery.Category.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw invalid("categorie", "Choisissez un type d'action dans la liste (CONSULTATIONS, GESTION, CONSOLE).");
        }
        return new TraceQuery.Filter(convention, user, numero, du, au,
                statut == null ? null : Integer.valueOf(statut), requestId, category);
    }

    /** One page by offset, newest first, with the total. */
    public Map<String, Object> page(TraceQuery.Filter filter, int page, int size) {
        int bounded = Math.max(1, Math.min(size, MAX_PAGE));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("taille", bounded);
        answer.put("total", query.count(filter));
        answer.put("traces", query.page(filter, page, bounded));
        return answer;
    }

    /** The traces older than {@code before}, newest first: paging by key, stable while new traces are written. */
    public Map<String, Object> pageBefore(TraceQuery.Filter filter, long before, int size) {
        List<Map<String, Object>> traces = query.pageBefore(filter, before, size);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("taille", size);
        answer.put("traces", traces);
        answer.put("suivant", traces.size() < size ? null : traces.get(traces.size() - 1).get("sequence"));
        return answer;
    }

    /**
     * An export about to be written: the permit (one export at a time per instance) is taken when writing starts and
     * given back when it ends, so an export never written (its client gone first) holds nothing.
     */
    public final class Export {

        private final TraceQuery.Filter filter;

        private Export(TraceQuery.Filter filter) {
            this.filter = filter;
        }

        /**
         * Writes the CSV as it is read, a page of {@value #MAX_PAGE} rows at a time, at most {@value #MAX_EXPORT}
         * rows: never more than a page in memory, whatever the export's size.
         */
        public void writeTo(Writer out) throws IOException {
            try {
                if (!exports.tryAcquire(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IOException("another trace export kept this instance busy");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("trace export interrupted");
            }
            try {
                StringBuilder page = new StringBuilder(64 * 1024);
                Csv.row(page, COLUMNS.toArray());
                Long before = null;
                int written = 0;
                while (written < MAX_EXPORT) {
                    List<Map<String, Object>> rows = query.pageBefore(filter, before,
                            Math.min(MAX_PAGE, MAX_EXPORT - written));
                    for (Map<String, Object> row : rows) {
                        Map<String, Object> line = new LinkedHashMap<>(row);
                        if (row.get("horodatage") instanceof java.time.Instant at) {
                            line.put("heureLocale", local.format(at));
                        }
                        Csv.row(page, line, COLUMNS);
                    }
                    out.write(page.toString());
                    page.setLength(0);
                    written += rows.size();
                    if (rows.size() < MAX_PAGE) {
                        break;
                    }
                    before = (Long) rows.get(rows.size() - 1).get("sequence");
                }
                out.flush();
            } finally {
                exports.release();
            }
        }
    }

    /**
     * An export of these traces, refused at once (429 {@code rate-limited}, before anything is written) while another
     * runs on this instance: exports cannot crowd the database.
     */
    public Export export(TraceQuery.Filter filter) {
        if (exports.availablePermits() == 0) {
            throw new ProblemException(Problem.RATE_LIMITED,
                    "Un export de traces est déjà en cours sur cette instance : réessayez dans quelques secondes.");
        }
        return new Export(filter);
    }

    private static LocalDate date(String value, String field, String name) {
        String text = blankToNull(value);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "La date " + name + " doit être une date réelle, au format AAAA-MM-JJ (par exemple "
                    + "2026-09-01).");
        }
    }

    /** A refusal of one field of the search: the field is named in the problem ({@code champ}) for the form. */
    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.INVALID_REQUEST, detail, Map.of("champ", field));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(Problem.INVALID_REQUEST, detail);
    }
}
