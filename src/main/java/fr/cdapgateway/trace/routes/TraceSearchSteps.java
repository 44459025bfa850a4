package fr.cdapgateway.trace.routes;

import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.edge.RequestUri;
import fr.cdapgateway.trace.TraceQuery;
import fr.cdapgateway.trace.TraceSearch;

/**
 * The API's side of a trace search (the admin API's, and the user's own traces): criteria from the query string,
 * a JSON page or a CSV export.
 */
@Component("traceSearchSteps")
public class TraceSearchSteps {

    private final TraceSearch search;
    private final Answers answers;

    TraceSearchSteps(TraceSearch search, Answers answers) {
        this.search = search;
        this.answers = answers;
    }

    /** {@code GET /api/v1/moi/traces}: the caller's own traces, and no one else's. */
    public void ownTraces(Exchange exchange) {
        Account account = GatewayRequests.of(exchange).account();
        answer(exchange, filter(exchange, null, account.login()), "traces-" + account.login() + ".csv");
    }

    /** The criteria of the query string. */
    public static TraceSearch.Criteria criteria(Exchange exchange) {
        RequestUri uri = RequestUri.of(exchange);
        return new TraceSearch.Criteria(single(uri, "utilisateur"), single(uri, "numeroAllocataire"),
                single(uri, "du"), single(uri, "au"), single(uri, "statut"), single(uri, "requestId"),
                single(uri, "categorie"));
    }

    /** The filters of the query string, validated; {@code convention} and {@code imposedUser} are imposed. */
    public TraceQuery.Filter filter(Exchange exchange, String convention, String imposedUser) {
        return search.filter(criteria(exchange), convention, imposedUser, GatewayRequests.of(exchange));
    }

    public void answer(Exchange exchange, TraceQuery.Filter filter, String filename) {
        RequestUri uri = RequestUri.of(exchange);
        if ("csv".equals(single(uri, "format"))) {
            try {
                answers.stream(exchange, "text/csv; charset=utf-8", filename, search.export(filter)::writeTo);
            } catch (ProblemException busy) {
                GatewayRequests.of(exchange).responseHeaders().put("Retry-After", "10");
                throw busy;
            }
            return;
        }
        String avant = single(uri, "avant");
        if (avant != null) {
            if (!avant.matches("[0-9]{1,18}")) {
                throw TraceSearch.invalid("avant : un numéro de séquence.");
            }
            answers.ok(exchange, search.pageBefore(filter, Long.parseLong(avant),
                    integer(uri, "taille", 100, 1, TraceSearch.MAX_PAGE)));
            return;
        }
        int page = integer(uri, "page", 0, 0, Integer.MAX_VALUE / TraceSearch.MAX_PAGE);
        answers.ok(exchange, search.page(filter, page, integer(uri, "taille", 100, 1, TraceSearch.MAX_PAGE)));
    }

    private static int integer(RequestUri uri, String name, int fallback, int min, int max) {
        String value = single(uri, name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw TraceSearch.invalid(name + " : un entier de " + min + " à " + max + ".");
        }
        return Integer.parseInt(value);
    }

    private static String single(RequestUri uri, String name) {
        List<String> values = uri.queryValues(name);
        if (values.size() > 1) {
            throw TraceSearch.invalid("Le paramètre " + name + " est donné plusieurs fois.");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
