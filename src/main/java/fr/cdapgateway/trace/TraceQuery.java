package fr.cdapgateway.trace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Searches traces for the people allowed to read them (SPEC §9): by user, dossier, period, outcome and request
 * id, newest first, paged. The WHERE clause is assembled from fixed fragments; every value is a parameter.
 */
@Component
public class TraceQuery {

    /** Kinds of action a reader filters on: consultations of dossiers, acts of management, console pages. */
    public enum Category {
        CONSULTATIONS("(action like 'CONSULTATION%' or action like 'LOT_%')"),
        GESTION("action like 'ADMIN%'"),
        CONSOLE("action like 'CONSOLE%'");

        final String clause;

        Category(String clause) {
            this.clause = clause;
        }
    }

    /** What to look for; null fields are not filtered on. {@code convention} null means all conventions. */
    public record Filter(String convention, String utilisateur, String numeroAllocataire, LocalDate du,
                         LocalDate au, Integer statut, String requestId, Category categorie) {

        public Filter(String convention, String utilisateur, String numeroAllocataire, LocalDate du, LocalDate au,
                      Integer statut, String requestId) {
            this(convention, utilisateur, numeroAllocataire, du, au, statut, requestId, null);
        }

        /** What was searched, as the reader's own trace records it (SPEC §9). */
        public String described() {
            StringBuilder text = new StringBuilder("filtres:");
            append(text, "convention", convention);
            append(text, "utilisateur", utilisateur);
            append(text, "numeroAllocataire", numeroAllocataire);
            append(text, "du", du);
            append(text, "au", au);
            append(text, "statut", statut);
            append(text, "requestId", requestId);
            append(text, "categorie", categorie);
            return text.toString();
        }

        private static void append(StringBuilder text, String name, Object value) {
            if (value != null) {
                text.append(text.length() > "filtres:".length() ? "," : "").append(name).append('=').append(value);
            }
        }
    }

    private static final String COLUMNS = """
            sequence, horodatage, request_id, utilisateur, convention, service, profil, action, numero_allocataire,
            motif, statut, code, duree_ms, adresse_client, user_agent, indicateurs, objet""";

    private final JdbcClient jdbc;

    TraceQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count(Filter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("select count(*) from trace" + where(filter, params)).params(params)
                .query(Long.class).single();
    }

    public List<Map<String, Object>> page(Filter filter, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("offset", (long) page * size);
        params.put("size", size);
        return jdbc.sql("select " + COLUMNS + " from trace" + where(filter, params)
                        + " order by sequence desc offset :offset rows fetch next :size rows only")
                .params(params).query(TraceQuery::view).list();
    }

    /**
     * The traces older than {@code before} (all when null), newest first: paging by key, so traces written while an
     * export runs never shift its pages (OFFSET would repeat or skip rows).
     */
    public List<Map<String, Object>> pageBefore(Filter filter, Long before, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("size", size);
        String where = where(filter, params);
        if (before != null) {
            params.put("before", before);
            where = where.isEmpty() ? " where sequence < :before" : where + " and sequence < :before";
        }
        return jdbc.sql("select " + COLUMNS + " from trace" + where + " order by sequence desc fetch first :size rows only")
                .params(params).query(TraceQuery::view).list();
    }

    static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        add(clauses, params, "convention = :convention", "convention", f.convention());
        add(clauses, params, "utilisateur = :utilisateur", "utilisateur", f.utilisateur());
        add(clauses, params, "numero_allocataire = :numero", "numero", f.numeroAllocataire());
        add(clauses, params, "horodatage >= :du", "du",
                f.du() == null ? null : f.du().atStartOfDay().atOffset(ZoneOffset.UTC));
        add(clauses, params, "horodatage < :au", "au",
                f.au() == null ? null : f.au().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        // a trace's segment is the UTC day of its timestamp: the same period, said on the partition key, so that
        // PostgreSQL reads only the partitions of the period's days
        add(clauses, params, "segment >= :premierJour", "premierJour", f.du());
        add(clauses, params, "segment <= :dernierJour", "dernierJour", f.au());
        add(clauses, params, "statut = :statut", "statut", f.statut());
        add(clauses, params, "request_id = :requestId", "requestId", f.requestId());
        if (f.categorie() != null) {
            // the action names begin with their kind: a constant clause per kind, no text from the request
            clauses.add(f.categorie().clause);
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static void add(List<String> clauses, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.put(name, value);
        }
    }

    /** A trace as read (SPEC §9). */
    private static Map<String, Object> view(ResultSet rs, int row) throws SQLException {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", rs.getLong("sequence"));
        view.put("horodatage", rs.getTimestamp("horodatage").toInstant());
        view.put("requestId", rs.getString("request_id"));
        view.put("utilisateur", rs.getString("utilisateur"));
        view.put("convention", rs.getString("convention"));
        view.put("service", rs.getString("service"));
        view.put("profil", rs.getString("profil"));
        view.put("action", rs.getString("action"));
        view.put("numeroAllocataire", rs.getString("numero_allocataire"));
        view.put("motif", rs.getString("motif"));
        view.put("statut", rs.getInt("statut"));
        view.put("code", rs.getString("code"));
        view.put("dureeMs", rs.getInt("duree_ms"));
        view.put("adresseClient", rs.getString("adresse_client"));
        view.put("userAgent", rs.getString("user_agent"));
        String flags = rs.getString("indicateurs");
        view.put("indicateurs", flags == null ? List.of() : Arrays.asList(flags.split(",")));
        view.put("objet", rs.getString("objet"));
        return view;
    }
}
