package fr.cdapgateway.admin.routes;

import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.Caller;
import fr.cdapgateway.admin.Outcome;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.edge.JsonBodies;
import fr.cdapgateway.edge.RequestUri;

/**
 * What the admin API's Camel adapters share: the caller, the path's names and ids, the JSON body, the answer.
 * The rules themselves live in the Camel-free services of {@code fr.cdapgateway.admin}.
 */
@Component
class AdminCalls {

    private final JsonBodies bodies;
    private final Answers answers;

    AdminCalls(JsonBodies bodies, Answers answers) {
        this.bodies = bodies;
        this.answers = answers;
    }

    static Caller caller(Exchange exchange) {
        return Caller.of(GatewayRequests.of(exchange).account());
    }

    static GatewayRequest request(Exchange exchange) {
        return GatewayRequests.of(exchange);
    }

    /** The path segment after {@code name} ({@code /conventions/{numero}} -> the numero). */
    static String segment(Exchange exchange, String name) {
        return RequestUri.of(exchange).segmentAfter(name);
    }

    static long id(Exchange exchange, String name) {
        return AdminIds.of(segment(exchange, name));
    }

    static boolean query(Exchange exchange, String name, String value) {
        return RequestUri.of(exchange).queryValues(name).contains(value);
    }

    <T> T body(Exchange exchange, Class<T> type, String expected) {
        return bodies.read(exchange, type, expected);
    }

    <T> T optionalBody(Exchange exchange, Class<T> type, String expected) {
        return bodies.readOptional(exchange, type, expected);
    }

    void ok(Exchange exchange, Object body) {
        answers.ok(exchange, body);
    }

    void created(Exchange exchange, Object body) {
        answers.answer(exchange, 201, body);
    }

    void accepted(Exchange exchange, Object body) {
        answers.answer(exchange, 202, body);
    }

    void noContent(Exchange exchange) {
        answers.answer(exchange, 204, null);
    }

    void csv(Exchange exchange, String filename, String csv) {
        answers.csv(exchange, filename, csv);
    }

    /** A change done ({@code doneStatus}, 204 without a view) or filed as a request for the CAF (202). */
    void outcome(Exchange exchange, Outcome outcome, int doneStatus) {
        if (outcome.filed()) {
            answers.answer(exchange, 202, Map.of("demande", outcome.view()));
        } else {
            answers.answer(exchange, outcome.view() == null ? 204 : doneStatus, outcome.view());
        }
    }
}
