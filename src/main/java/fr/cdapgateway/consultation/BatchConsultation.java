package fr.cdapgateway.consultation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.NumeroAllocataire;
import fr.cdapgateway.api.Period;
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

    static final int MAX_ITEMS = 100;
    /** What a batch's body looks like, for the problem that answers a malformed one. */
    public static final String EXPECTED = "{\"numerosAllocataires\":[\"1000042\", ...], \"annee\":2026, \"mois\":9}";

    /** The batch's body. */
    public record Body(List<String> numerosAllocataires, String annee, String mois) {
    }

    private final JsonMapper json;
    private final CafCalendar calendar;

    BatchConsultation(JsonMapper gatewayJsonMapper, CafCalendar calendar) {
        this.json = gatewayJsonMapper;
        this.calendar = calendar;
    }

    /** The batch's numbers, all valid, and its month set on the batch's request; refused whole otherwise. */
    public List<String> read(GatewayRequest batch, Body body) {
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
        batch.period(Period.resolve(body.annee(), body.mois(), calendar.today()));
        batch.objet("lot:" + numbers.size());
        return List.copyOf(numbers);
    }

    /** Each item is its own traced consultation, made under the batch's identity, request id and month. */
    public GatewayRequest openItem(GatewayRequest batch, String numero, int index) {
        GatewayRequest item = batch.derive("CONSULTATION_QF");
        item.numero(new NumeroAllocataire(numero));
        item.objet("lot:" + index);
        return item;
    }

    /** The batch's answer: its month, a count of items by status, and each item's result in order. */
    public Map<String, Object> answer(GatewayRequest batch, List<Map<String, Object>> results) {
        Period period = batch.period();
        Map<String, Integer> summary = new TreeMap<>();
        results.forEach(r -> summary.merge(String.valueOf(r.get("statut")), 1, Integer::sum));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("annee", period.annee());
        answer.put("mois", period.mois());
        answer.put("synthese", summary);
        answer.put("resultats", results);
        return answer;
    }

    /** An item's result, from its outcome and the body it was answered with (its view, or its problem). */
    public Map<String, Object> result(GatewayRequest item, byte[] answered) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("numeroAllocataire", item.numeroAllocataire());
        result.put("statut", item.status());
        JsonNode body = parse(answered);
        if (item.status() == 200 && body instanceof ObjectNode view) {
            view.remove("numeroAllocataire");
            view.properties().forEach(field -> result.put(field.getKey(), field.getValue()));
        } else {
            result.put("code", item.code());
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
