package fr.cdapgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestPorts;

/** HTTPS on the API port from PEM files: TLS 1.2+ only, HSTS on every answer, no clear-text HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ApiTlsIT {

    private static final Path CERTIFICATE = Path.of("src/test/resources/tls/certificate.pem");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        registry.add("gateway.api.tls.certificate", CERTIFICATE::toString);
        registry.add("gateway.api.tls.private-key", () -> "src/test/resources/tls/key.pem");
        // GatewayModes derives this from the two files before the test's properties exist
        registry.add("gateway.api.tls.enabled", () -> true);
        registry.add("server.ssl.enabled", () -> true);
        registry.add("server.ssl.certificate", () -> "file:" + CERTIFICATE);
        registry.add("server.ssl.certificate-private-key", () -> "file:src/test/resources/tls/key.pem");
        registry.add("server.servlet.session.cookie.secure", () -> true);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int consolePort;
    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Value("${gateway.api.port}")
    int apiPort;

    /** A TLS context that trusts the test certificate (and nothing else). */
    private static SSLContext trustingTheTestCertificate(String protocol) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (var in = Files.newInputStream(CERTIFICATE)) {
            trusted.setCertificateEntry("api", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(String... protocols) throws Exception {
        SSLContext context = trustingTheTestCertificate("TLS");
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(protocols);
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void theConsoleServesHttpsWithASecureCookieAndTheActuatorStaysPlain() throws Exception {
        HttpResponse<String> page = client("TLSv1.3", "TLSv1.2").send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + consolePort + "/connexion")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("CDAP_CONSOLE=").contains("Secure").contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void theApiAnswersOverTlsWithHstsAndRefusesClearText() throws Exception {
        HttpResponse<String> secure = client("TLSv1.3", "TLSv1.2").send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + apiPort + "/api/v1/statut")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tls12 = client("TLSv1.2").send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + apiPort + "/api/v1/statut")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(tls12.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + apiPort + "/api/v1/statut")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    /**
     * ANSSI-PA-035 / Mozilla "intermediate" on both ports: TLS 1.2 only with ECDHE and AEAD (a CBC suite the client
     * offers alone is refused), and no client-initiated renegotiation.
     */
    @Test
    void bothPortsOfferOnlyForwardSecretAeadSuitesAndRefuseRenegotiation() throws Exception {
        for (int port : new int[] {apiPort, consolePort}) {
            assertThat(handshake(port, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).as(port + " ECDHE-GCM").isTrue();
            assertThat(handshake(port, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).as(port + " ChaCha20").isTrue();
            assertThat(handshake(port, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")).as(port + " CBC").isFalse();
            assertThat(handshake(port, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")).as(port + " CBC").isFalse();
            try (javax.net.ssl.SSLSocket socket = socket(port, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
                socket.startHandshake();
                // a second handshake on the same connection is a renegotiation: refused by the server
                socket.startHandshake();
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read()).as(port + ": renegotiation refused").isEqualTo(-1);
            } catch (javax.net.ssl.SSLException | java.net.SocketException refused) {
                // refused: the expected outcome
            }
        }
    }

    private boolean handshake(int port, String suite) throws Exception {
        try (javax.net.ssl.SSLSocket socket = socket(port, suite)) {
            socket.startHandshake();
            return suite.equals(socket.getSession().getCipherSuite());
        } catch (javax.net.ssl.SSLException refused) {
            return false;
        }
    }

    private static javax.net.ssl.SSLSocket socket(int port, String suite) throws Exception {
        SSLContext context = trustingTheTestCertificate("TLSv1.2");
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("localhost",
                port);
        socket.setSoTimeout(5000);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setEnabledCipherSuites(new String[] {suite});
        return socket;
    }
}
