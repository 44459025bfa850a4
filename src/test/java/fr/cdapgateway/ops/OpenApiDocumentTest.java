package fr.cdapgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Problem;

/**
 * The OpenAPI document is complete, so vendors can generate their clients from it: every answer of every operation
 * declares its headers ({@code X-Request-ID} and {@code Cache-Control} always, {@code WWW-Authenticate} on 401,
 * {@code Retry-After} and {@code RateLimit-*} on 429) and its schema; every problem code of the code base is
 * there with its status and French title; every operation has examples. (That the answers really are what the
 * document says is checked on every call of the end-to-end tests: {@code fr.cdapgateway.support.Contract}.)
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/api/openapi.json")) {
            document = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyProblemCodeIsDocumentedWithItsStatusAndFrenchTitle() {
        List<String> codes = new ArrayList<>();
        document.at("/components/schemas/Problem/properties/code/enum").forEach(c -> codes.add(c.asText()));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(Arrays.stream(Problem.values()).map(Problem::code).toList());
        for (Problem problem : Problem.values()) {
            JsonNode example = document.at("/components/responses/Problem" + problem.status()
                    + "/content/application~1problem+json/examples/" + problem.code() + "/value");
            assertThat(example.isMissingNode()).as(problem.code() + " under Problem" + problem.status()).isFalse();
            assertThat(example.path("status").asInt()).as(problem.code()).isEqualTo(problem.status());
            assertThat(example.path("title").asText()).as(problem.code()).isEqualTo(problem.title());
            assertThat(example.path("code").asText()).isEqualTo(problem.code());
        }
    }

    @Test
    void everyAnswerDeclaresItsHeadersAndItsSchema() {
        int answers = 0;
        for (var path : iterable(document.path("paths").fieldNames())) {
            for (var method : iterable(document.path("paths").path(path).fieldNames())) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode operation = document.path("paths").path(path).path(method);
                for (var status : iterable(operation.path("responses").fieldNames())) {
                    String where = method.toUpperCase() + " " + path + " " + status;
                    JsonNode answer = resolve(operation.path("responses").path(status));
                    JsonNode headers = answer.path("headers");
                    assertThat(required(headers, "X-Request-ID")).as(where + " X-Request-ID").isTrue();
                    assertThat(required(headers, "Cache-Control")).as(where + " Cache-Control").isTrue();
                    if (status.equals("401")) {
                        assertThat(required(headers, "WWW-Authenticate")).as(where).isTrue();
                    }
                    if (status.equals("429")) {
                        assertThat(required(headers, "Retry-After")).as(where).isTrue();
                        assertThat(headers.has("RateLimit-Limit") && headers.has("RateLimit-Remaining")
                                && headers.has("RateLimit-Reset")).as(where + " RateLimit-*").isTrue();
                    }
                    if (!status.equals("204")) {
                        assertThat(answer.path("content").size()).as(where + " has content").isPositive();
                        answer.path("content").forEach(media -> assertThat(media.has("schema")).as(where).isTrue());
                    }
                    answers++;
                }
            }
        }
        assertThat(answers).isGreaterThan(350);
    }

    @Test
    void everyOperationHasAnExampleOfItsAnswerAndOfItsRequestBody() {
        for (var path : iterable(document.path("paths").fieldNames())) {
            for (var method : iterable(document.path("paths").path(path).fieldNames())) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode operation = document.path("paths").path(path).path(method);
                String where = method.toUpperCase() + " " + path;
                assertThat(operation.path("operationId").asText()).as(where).isNotBlank();
                assertThat(operation.path("description").asText()).as(where + " description").isNotBlank();
                assertThat(operation.path("tags").size()).as(where + " tags").isPositive();
                for (var status : iterable(operation.path("responses").fieldNames())) {
                    JsonNode answer = resolve(operation.path("responses").path(status));
                    for (var type : iterable(answer.path("content").fieldNames())) {
                        JsonNode media = answer.path("content").path(type);
                        assertThat(media.has("example") || media.has("examples"))
                                .as(where + " " + status + " " + type + " has an example").isTrue();
                    }
                }
                for (JsonNode media : operation.path("requestBody").path("content")) {
                    assertThat(media.has("example") || media.has("examples")).as(where + " request example").isTrue();
                }
            }
        }
    }

    private static boolean required(JsonNode headers, String name) {
        return resolve(headers.path(name)).path("required").asBoolean(false);
    }

    private static JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return document.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
