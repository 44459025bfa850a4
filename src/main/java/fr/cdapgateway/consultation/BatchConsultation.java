package fr.cdapgateway.consultation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.JsonBodies;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.CafCalendar;

/**
 * {@code POST /api/v1/quotients-familiaux} (SPEC §4): the quotients of up to 100 dossiers for one user. The
 * batch is refused whole when malformed (no valid number is silently dropped); otherwise each item goes through
 * {@code consult-batch-item} — throttled, consulted, filtered and traced on its own — and the answer lists
 * every item's outcome.
 */
@Component("batchConsultation")
public class BatchConsultation {

    public static final String ITEMS = "batchItems";
    static final String RESULTS = "batchResultList";
    static final String BATCH_REQUEST = "batchRequest";
    static final int MAX_ITEMS = 100;

    record Body(List<String> numerosAllocataires, String annee, String mois) {
    }

    private final JsonBodies bodies;
    private final JsonMapper json;
    private final Answers answers;
    private final CafCalendar calendar;

    BatchConsultation(JsonBodies bodies, JsonMapper gatewayJsonMapper, Answers answers, CafCalendar calendar) {
        this.bodies = bodies;
        this.json = gatewayJsonMapper;
        this.answers = answers;
        this.calendar = calendar;
    }

    public void read(Exchange exchange) {
        Body body = bodies.read(exchange, Body.class,
                "{\"numerosAllocataires\":[\"1000042\", ...], \"annee\":2026, \"mois\":9}");
        List<String> numbers = body.numerosAllocataires();
        if (numbers == null || numbers.isEmpty() || numbers.size() > MAX_ITEMS) {
            throw new ProblemException(Problem.INVALID_REQUEST,
                    "numerosAllocataires : de 1 à " + MAX_ITEMS + " numéros par lot.");
        }
        List<String> invalid = new ArrayList<>();
        for (String numero : numbers) {
            try {
                new NumeroAllocataire(numero);
            } catch (ProblemException e) {
                invalid.add(String.valueOf(numero));
            }
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(Problem.INVALID_NUMERO_ALLOCATAIRE,
                    "Le lot contient des numéros invalides (7 chiffres attendus) ; aucun numéro n'a été consulté.",
                    Map.of("invalides", invalid));
        }
        exchange.setProperty(ConsultationInput.PERIOD, Period.resolve(body.annee(), body.mois(), calendar.today()));
        exchange.setProperty(ITEMS, List.copyOf(numbers));
        exchange.setProperty(RESULTS, Collections.synchronizedList(new ArrayList<Map<String, Object>>()));
        GatewayRequest batch = GatewayRequest.of(exchange);
        batch.objet("lot:" + numbers.size());
        exchange.setProperty(BATCH_REQUEST, batch);
    }

    /** Each item is its own traced consultation, made under the batch's identity and request id. */
    public void openItem(Exchange exchange) {
        String numero = exchange.getMessage().getBody(String.class);
        GatewayRequest item = GatewayRequest.of(exchange).derive("CONSULTATION_QF");
        item.numeroAllocataire(numero);
        item.objet("lot:" + exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class));
        exchange.setProperty(GatewayRequest.PROPERTY, item);
        exchange.setProperty(ConsultationInput.NUMERO, new NumeroAllocataire(numero));
    }

    public void answer(Exchange exchange) {
        // the split copies an item's properties back: the batch answers and is traced as itself
        exchange.setProperty(GatewayRequest.PROPERTY, exchange.getProperty(BATCH_REQUEST));
        Period period = exchange.getProperty(ConsultationInput.PERIOD, Period.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = exchange.getProperty(RESULTS, List.class);
        Map<String, Integer> summary = new TreeMap<>();
        results.forEach(r -> summary.merge(String.valueOf(r.get("statut")), 1, Integer::sum));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("annee", period.annee());
        answer.put("mois", period.mois());
        answer.put("synthese", summary);
        answer.put("resultats", results);
        answers.ok(exchange, answer);
    }

    /** Gathers each item's outcome, in order, into the list the batch answers with. */
    @Component("batchResults")
    static class Results implements AggregationStrategy {

        private final BatchConsultation batch;

        Results(BatchConsultation batch) {
            this.batch = batch;
        }

        @Override
        public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = newExchange.getProperty(RESULTS, List.class);
            results.add(batch.result(newExchange));
            if (oldExchange != null) {
                return oldExchange;
            }
            // the first item's exchange carries the batch on: a refusal of that item (handled, with its problem
            // answered) must not stop the batch's own route nor stand for its answer
            newExchange.setRouteStop(false);
            newExchange.setException(null);
            newExchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            newExchange.getExchangeExtension().setErrorHandlerHandled(null);
            return newExchange;
        }
    }

    Map<String, Object> result(Exchange item) {
        GatewayRequest request = GatewayRequest.of(item);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("numeroAllocataire", request.numeroAllocataire());
        result.put("statut", request.status());
        JsonNode body = parse(item.getMessage().getBody(byte[].class));
        if (request.status() == 200 && body instanceof ObjectNode view) {
            view.remove("numeroAllocataire");
            view.properties().forEach(field -> result.put(field.getKey(), field.getValue()));
        } else {
            result.put("code", request.code());
            result.put("detail", body == null ? null : body.path("detail").asText(null));
        }
        return result;
    }

    private JsonNode parse(byte[] body) {
        try {
            return body == null ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
