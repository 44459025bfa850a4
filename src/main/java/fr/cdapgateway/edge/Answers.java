package fr.cdapgateway.edge;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.DatabaseFaults;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Builds what leaves the gateway: JSON answers, RFC 9457 problem documents, and the final HTTP message
 * with only the headers the API promises (no request header is ever echoed back by accident).
 */
@Component("answers")
public class Answers {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private final JsonMapper json;
    private final boolean overTls;

    Answers(JsonMapper gatewayJsonMapper,
            @org.springframework.beans.factory.annotation.Value("${gateway.api.tls.enabled:false}") boolean tls,
            @org.springframework.beans.factory.annotation.Value("${gateway.api.tls.terminating-proxy:false}")
            boolean terminatingProxy) {
        this.json = gatewayJsonMapper;
        this.overTls = tls || terminatingProxy;
    }

    /** Sets a 200 JSON answer from any value Jackson can write. */
    public void ok(Exchange exchange, Object body) {
        answer(exchange, 200, body);
    }

    public void answer(Exchange exchange, int status, Object body) {
        GatewayRequest request = GatewayRequests.of(exchange);
        request.outcome(status, null);
        Message message = exchange.getMessage();
        message.setBody(body == null ? null : write(body));
        message.setHeader(Exchange.CONTENT_TYPE, body == null ? null : JSON);
    }

    /** A CSV export, downloaded as a file. */
    public void csv(Exchange exchange, String filename, String csv) {
        file(exchange, "text/csv; charset=utf-8", filename, csv);
    }

    /** What writes a document a part at a time (an export: a page of rows at a time). */
    @FunctionalInterface
    public interface Document {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * A document too large to hold in memory (100,000 traces), downloaded as a file: written a part at a time to a
     * temporary file by this thread, then streamed from it in chunks by netty (the REST endpoints do not cache
     * streams); the file is deleted once sent, or if the connection closes first.
     */
    public void stream(Exchange exchange, String contentType, String filename, Document document) {
        Path file = null;
        try {
            file = Files.createTempFile("cdap-gateway-export-", ".tmp");
            try (Writer out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
                document.writeTo(out);
            }
            GatewayRequest request = GatewayRequests.of(exchange);
            request.outcome(200, null);
            request.responseHeaders().put("Content-Disposition", "attachment; filename=\"" + filename + "\"");
            Message message = exchange.getMessage();
            message.setBody(new DeletedOnClose(file));
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
            file = null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** A temporary file's bytes, the file deleted when they have been read (or the reading abandoned). */
    private static final class DeletedOnClose extends java.io.FilterInputStream {
        private final Path file;

        DeletedOnClose(Path file) throws IOException {
            super(new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024));
            this.file = file;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A text document (CSV, an iCalendar...) downloaded as a file of this type. */
    public void file(Exchange exchange, String contentType, String filename, String text) {
        GatewayRequest request = GatewayRequests.of(exchange);
        request.outcome(200, null);
        request.responseHeaders().put("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        Message message = exchange.getMessage();
        message.setBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
    }

    /** Maps the exception caught by the route configuration to its problem (see routes/errors.camel.yaml). */
    public void problemFromException(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getProperty(GatewayRequests.REQUEST) == null) {
            // failed before the request was opened: open it now so the refusal is traced too
            exchange.getContext().getRegistry().lookupByNameAndType("gatewayRequests", GatewayRequests.class)
                    .openAs(exchange, "INCONNUE");
        }
        if (caught instanceof ProblemException problemException) {
            problem(exchange, problemException.problem(), problemException.getMessage(),
                    problemException.extensions());
            GatewayRequests.of(exchange).outcome(problemException.problem().status(), problemException.tracedCode());
            return;
        }
        String code = exchange.getProperty(GatewayRequests.PROBLEM_CODE, String.class);
        // a fault of the gateway's own database is never a fault of CDAP, whatever its root cause (a refused
        // connection to PostgreSQL ends in the same ConnectException as a refused connection to CDAP)
        Problem problem = DatabaseFaults.in(caught) ? Problem.GATEWAY_UNAVAILABLE
                : code == null ? Problem.INTERNAL_ERROR : Problem.fromCode(code);
        if (problem == Problem.GATEWAY_UNAVAILABLE) {
            GatewayRequests.of(exchange).responseHeaders().put("Retry-After", "5");
            // the types only, innermost last: a database message may quote data
            LOG.warn("database fault on request {}: {}", GatewayRequests.of(exchange).requestId(), causes(caught));
        }
        if (problem == Problem.INTERNAL_ERROR) {
            // the type only: an exception message may carry data we must not log
            LOG.error("internal error on request {}: {}", GatewayRequests.of(exchange).requestId(),
                    caught == null ? "unknown" : caught.getClass().getName());
            LOG.debug("internal error detail", caught);
        }
        problem(exchange, problem, defaultDetail(problem), Map.of());
    }

    public void problem(Exchange exchange, Problem problem, String detail, Map<String, Object> extensions) {
        GatewayRequest request = GatewayRequests.of(exchange);
        request.outcome(problem.status(), problem.code());
        if (problem.status() == 401) {
            request.responseHeaders().put("WWW-Authenticate", "Basic realm=\"cdap-gateway\", charset=\"UTF-8\"");
        }
        if (problem.status() == 429) {
            request.responseHeaders().putIfAbsent("Retry-After", "1");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "urn:cdap-gateway:error:" + problem.code());
        document.put("title", problem.title());
        document.put("status", problem.status());
        document.put("detail", detail);
        // never null: a request line without a path (a bare query) is still answered with an instance
        document.put("instance", request.path() == null || request.path().isEmpty() ? "/" : request.path());
        document.put("code", problem.code());
        document.put("requestId", request.requestId());
        document.put("convention", request.disclosedConvention());
        document.putAll(extensions);
        Message message = exchange.getMessage();
        message.setBody(write(document));
        message.setHeader(Exchange.CONTENT_TYPE, PROBLEM_JSON);
    }

    /** Last step of every API route: the HTTP answer with exactly the promised headers. */
    public void send(Exchange exchange) {
        GatewayRequest request = GatewayRequests.of(exchange);
        Message message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, request.status());
        if (contentType != null && message.getBody() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        message.setHeader("X-Request-ID", request.requestId());
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        if (overTls) {
            // clients remember to never send a password to this host in clear text
            message.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        request.responseHeaders().forEach(message::setHeader);
        org.slf4j.MDC.remove("requestId");
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer cannot be written as JSON", e);
        }
    }

    private static String causes(Throwable caught) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = caught; t != null && chain.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
        }
        return chain.toString();
    }

    private static String defaultDetail(Problem problem) {
        return switch (problem) {
            case BACKEND_ERROR -> "Le service CDAP a renvoyé une réponse inexploitable. Réessayez plus tard.";
            case BACKEND_UNAVAILABLE -> "Le service CDAP ne répond pas. Réessayez dans quelques instants.";
            case BACKEND_TIMEOUT -> "Le service CDAP n'a pas répondu dans le délai imparti.";
            case GATEWAY_UNAVAILABLE -> "La passerelle ne peut pas joindre sa base de données, ou elle est saturée : "
                    + "le service CDAP n'est pas en cause. Réessayez dans quelques instants.";
            case INVALID_REQUEST -> "La requête est mal formée.";
            default -> "Une erreur interne est survenue. Communiquez l'identifiant de requête au centre de services.";
        };
    }
}
