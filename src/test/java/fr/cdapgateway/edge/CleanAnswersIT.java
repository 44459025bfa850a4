package fr.cdapgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.RawHttp;
import fr.cdapgateway.support.TestPorts;

/**
 * A clean answer to everything (issue 11, item 4): whatever reaches the API port — an unknown path or method,
 * headers or a body over the limits, broken bytes or escapes — gets an RFC 9457 problem with X-Request-ID and
 * Cache-Control, is traced, and the connection answers rather than closing in silence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CleanAnswersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Authorization: " + Api.basic("niort.agent1", "Demo-Cdap-2026!") + "\r\n";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        registry.add("gateway.api.read-idle-timeout", () -> "2s");
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;

    private RawHttp.Response send(String head) {
        return RawHttp.send(apiPort, head.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) throws Exception {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers()).containsKey("x-request-id").containsEntry("cache-control", "no-store")
                .containsEntry("content-type", "application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("requestId").asText()).isEqualTo(response.headers().get("x-request-id"));
        assertThat(response.body()).doesNotContain("Exception", "netty", "camel");
    }

    private String traceCode(String requestId) {
        return jdbc.sql("select code from trace where request_id = :id and action = 'REQUETE_REFUSEE'")
                .param("id", requestId).query(String.class).single();
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/inconnu, 404, not-found",
            "GET, /, 404, not-found",
            "GET, /api/v1/dossiers/1000042/quotient, 404, not-found",
            "DELETE, /api/v1/moi, 405, method-not-allowed",
            "POST, /api/v1/dossiers/1000042, 405, method-not-allowed",
            "OPTIONS, /api/v1/moi, 405, method-not-allowed",
            "GET, /api/v1/dossiers/%zz, 400, invalid-request",
            "GET, /api/v1/moi?x=%G1, 400, invalid-request",
            "GET, /api/v1/dossiers/%FF%FE, 400, invalid-request",
            "GET, /api/v1/moi?x=%, 400, invalid-request",
            "GET, //api/v1/statut, 404, not-found",
            "GET, /api/v1/admin//traces//verification, 404, not-found",
            "GET, /api/v1/dossiers/..\\..\\admin, 400, invalid-request",
            "GET, /api/v1/dossiers/{numero}, 400, invalid-request"})
    void whatNoRouteServesIsAProblemWithItsRequestIdAndTrace(String method, String path, int status, String code)
            throws Exception {
        String id = "clean-" + UUID.randomUUID();
        RawHttp.Response response = send(method + " " + path + " HTTP/1.1\r\nHost: x\r\nX-Request-ID: " + id + "\r\n"
                + AUTH + "Content-Length: 0\r\n\r\n");

        assertProblem(response, status, code);
        assertThat(response.headers().get("x-request-id")).isEqualTo(id);
        assertThat(traceCode(id)).isEqualTo(code);
        assertThat(JSON.readTree(response.body()).path("instance").asText()).startsWith("/");
        assertThat(jdbc.sql("select objet from trace where request_id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("methode:" + method);
        if (status == 405) {
            assertThat(response.headers().get("allow")).isNotBlank();
        }
    }

    @Test
    void rawNonUtf8BytesInThePathAreAProblemNotAClosedConnection() throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write("GET /api/v1/dossiers/".getBytes(StandardCharsets.US_ASCII));
        head.write(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
        head.write(" HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertProblem(RawHttp.send(apiPort, head.toByteArray(), null), 400, "invalid-request");
    }

    @Test
    void aProxysAbsoluteFormRequestLineIsAProblem() throws Exception {
        RawHttp.Response response = send("GET http://evil.example/api/v1/statut HTTP/1.1\r\nHost: evil.example\r\n\r\n");

        assertProblem(response, 400, "invalid-request");
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("mandataire");
    }

    @Test
    void aRequestWithoutHostIsAProblemInHttp11AndServedInHttp10() throws Exception {
        assertProblem(send("GET /api/v1/statut HTTP/1.1\r\n\r\n"), 400, "invalid-request");
        assertThat(send("GET /api/v1/statut HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void aTooLargeBodyIsAnsweredAtOnceAndTheConnectionClosed() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), apiPort)) {
            socket.setSoTimeout(20_000);
            // 20 MB announced, none of it sent: the answer cannot wait for the body
            socket.getOutputStream().write(("POST /api/v1/quotients-familiaux HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("payload-too-large", "X-Request-ID");
        }
    }

    @Test
    void aSixtyFourKilobyteHeaderIsAProblem() throws Exception {
        char[] big = new char[64 * 1024];
        Arrays.fill(big, 'a');
        assertProblem(send("GET /api/v1/moi HTTP/1.1\r\nHost: x\r\nX-Grand: " + new String(big) + "\r\n\r\n"),
                400, "invalid-request");
    }

    @Test
    void aCrlfInsideTheRequestIdHeaderIsAProblem() throws Exception {
        assertProblem(send("GET /api/v1/moi HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc\r\n injected\r\n"
                + "Set-Cookie x\r\n\r\n"), 400, "invalid-request");
    }

    @Test
    void aTwentyMegabyteBodyIsRefusedWithoutBeingRead() throws Exception {
        byte[] body = new byte[20 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        String id = "big-" + UUID.randomUUID();
        RawHttp.Response response = RawHttp.send(apiPort, ("POST /api/v1/quotients-familiaux HTTP/1.1\r\nHost: x\r\n"
                + "X-Request-ID: " + id + "\r\n" + AUTH + "Content-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);

        assertProblem(response, 413, "payload-too-large");
        assertThat(traceCode(id)).isEqualTo("payload-too-large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        for (int i = 0; i < 8; i++) {
            body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(chunk);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response response = RawHttp.send(apiPort, ("POST /api/v1/quotients-familiaux HTTP/1.1\r\nHost: x\r\n"
                + AUTH + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), body.toByteArray());

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void aSmallChunkedBodyStillReachesItsRoute() {
        String json = "{\"numerosAllocataires\":[\"1000042\"]}";
        String chunked = Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";
        RawHttp.Response response = RawHttp.send(apiPort, ("POST /api/v1/quotients-familiaux HTTP/1.1\r\nHost: x\r\n"
                + AUTH + "X-Motif: CENTRE_LOISIRS\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), chunked.getBytes(StandardCharsets.US_ASCII));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).contains("\"synthese\"");
    }

    @Test
    void aClientCannotForgeTheGuardsOwnHeaders() throws Exception {
        String id = "forged-" + UUID.randomUUID();
        RawHttp.Response response = send("GET /api/v1/requete-refusee HTTP/1.1\r\nHost: x\r\nX-Request-ID: " + id
                + "\r\nX-Cdap-Gateway-Refus: BODY_TOO_LARGE\r\n\r\n");
        RawHttp.Response onARealRoute = send("GET /api/v1/statut HTTP/1.1\r\nHost: x\r\n"
                + "X-Cdap-Gateway-Uri: GET /faux\r\nX-Cdap-Gateway-Refus: PATH\r\n\r\n");

        assertProblem(response, 404, "not-found");
        assertThat(onARealRoute.status()).isEqualTo(200);
    }

    @Test
    void aClientDrippingItsHeadersIsCutOffAtTheReadDeadline() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), apiPort)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /api/v1/statut HTTP/1.1\r\nHost: x\r\nX-Lent: ".getBytes(
                    StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the gateway closes the connection: the read ends (-1) long before this socket's own 20 s timeout
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }
}
