package fr.cdapgateway.edge;

import java.io.IOException;

import com.fasterxml.jackson.databind.json.JsonMapper;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** Reads a request's JSON body into a record, strictly: unknown fields and malformed JSON are a 400. */
@Component
public class JsonBodies {

    private static final int MAX_BYTES = 256 * 1024;

    private final JsonMapper json;

    JsonBodies(JsonMapper gatewayJsonMapper) {
        this.json = gatewayJsonMapper;
    }

    public <T> T read(Exchange exchange, Class<T> type, String expected) {
        T value = readOptional(exchange, type, expected);
        if (value == null) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Corps JSON attendu : " + expected + ".");
        }
        return value;
    }

    /** Null when the request has no body; the body can be read only once. */
    public <T> T readOptional(Exchange exchange, Class<T> type, String expected) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            return null;
        }
        if (raw.length > MAX_BYTES) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Corps de requête trop volumineux.");
        }
        try {
            return json.readValue(raw, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Corps JSON invalide ; attendu : " + expected + ".");
        }
    }
}
