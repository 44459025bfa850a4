package fr.cdapgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A partner application as the tests play it: real HTTP to the running gateway. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call put(String path, String body) {
        return new Call("PUT", path).body(body);
    }

    public Call post(String path, String body) {
        return new Call("POST", path).body(body);
    }

    public Call patch(String path, String body) {
        return new Call("PATCH", path).body(body);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    /** Any method, with an optional JSON body (null for none). */
    public Call call(String method, String path, String body) {
        Call call = new Call(method, path);
        return body == null ? call : call.body(body);
    }

    /** One request being built, then sent. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call as(String login, String password) {
            return header("Authorization", basic(login, password));
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call motif(String motif) {
            return header("X-Motif", motif);
        }

        public Call requestId(String id) {
            return header("X-Request-ID", id);
        }

        Call body(String value) {
            this.body = value;
            return header("Content-Type", "application/json");
        }

        public Reply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Contract.check(method, path, headers, body, response);
                return new Reply(response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The answer, with its JSON parsed on demand. */
    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        public String code() {
            return json().path("code").asText(null);
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
