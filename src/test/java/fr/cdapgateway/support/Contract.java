package fr.cdapgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The API's contract, {@code api/openapi.json}, checked on every call the end-to-end tests make through {@link Api}
 * (swagger-request-validator): every answer must be one the document declares for its operation and status -- its
 * headers ({@code X-Request-ID}, {@code Cache-Control}, {@code WWW-Authenticate} on 401, {@code Retry-After} on 429)
 * and its body's schema -- and every request the gateway accepted (2xx) must be one the document allows. A path or
 * method the API does not serve must get the answer of the {@code requete-refusee} pseudo-operation. So the document
 * vendors generate their clients from cannot drift from the code: a difference fails the test that showed it.
 * Deliberately malformed requests (the negative tests) are not held to the request schema; their answers are.
 */
public final class Contract {

    private static final String REFUSED = "/api/v1/requete-refusee";
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(document())
            .build();

    private Contract() {
    }

    /** Checks one exchange of the API; throws AssertionError with the validator's messages on a difference. */
    public static void check(String method, String pathAndQuery, Map<String, String> requestHeaders, String requestBody,
                             HttpResponse<String> response) {
        URI uri = URI.create(pathAndQuery);
        String path = uri.getRawPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        Request.Method verb;
        try {
            verb = Request.Method.valueOf(method);
        } catch (IllegalArgumentException unknownMethod) {
            verb = null;
        }
        SimpleResponse answer = answer(response);
        SimpleRequest sent = verb == null ? null : request(verb, uri, requestHeaders, requestBody);
        ValidationReport requestReport = sent == null ? null : VALIDATOR.validateRequest(sent);
        boolean served = requestReport != null && requestReport.getMessages().stream()
                .noneMatch(m -> m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
        ValidationReport report;
        if (!served) {
            report = VALIDATOR.validateResponse(REFUSED, Request.Method.GET, answer);
        } else if (response.statusCode() / 100 == 2) {
            report = requestReport.merge(VALIDATOR.validateResponse(decoded(path), verb, answer));
        } else {
            report = VALIDATOR.validateResponse(decoded(path), verb, answer);
        }
        recordExample(method, pathAndQuery, requestHeaders, requestBody, response);
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
        if (!errors.isEmpty()) {
            String described = method + " " + pathAndQuery + " -> " + response.statusCode() + "\n  "
                    + errors.stream().map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n  "))
                    + "\n  body: " + abbreviated(response.body());
            String reportFile = System.getenv("CONTRACT_REPORT");
            if (reportFile != null) {
                append(Path.of(reportFile), described);
                return;
            }
            throw new AssertionError("answer or request outside the OpenAPI contract (api/openapi.json):\n" + described);
        }
    }

    /**
     * With {@code CONTRACT_EXAMPLES=<file>}, each successful exchange is appended to that file (one JSON object a
     * line): the material the document's examples are taken from, real answers of the demo data.
     */
    private static void recordExample(String method, String pathAndQuery, Map<String, String> requestHeaders,
                                      String requestBody, HttpResponse<String> response) {
        String file = System.getenv("CONTRACT_EXAMPLES");
        if (file == null || response.statusCode() / 100 != 2) {
            return;
        }
        Map<String, Object> example = new java.util.LinkedHashMap<>();
        example.put("method", method);
        example.put("path", pathAndQuery);
        example.put("status", response.statusCode());
        example.put("contentType", response.headers().firstValue("Content-Type").orElse(null));
        example.put("requestBody", requestBody);
        example.put("responseBody", response.body());
        try {
            append(Path.of(file), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(example));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SimpleRequest request(Request.Method verb, URI uri, Map<String, String> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(verb, decoded(uri.getRawPath()));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
                request.withQueryParam(name, equals < 0 ? "" : decoded(pair.substring(equals + 1)));
            }
        }
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withBody(body);
        }
        return request.build();
    }

    private static SimpleResponse answer(HttpResponse<String> response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        return answer.build();
    }

    private static String decoded(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static synchronized void append(Path file, String text) {
        try {
            Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String document() {
        try (InputStream in = Contract.class.getResourceAsStream("/api/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
