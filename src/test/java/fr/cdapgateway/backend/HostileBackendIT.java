package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestPorts;

/**
 * A hostile CDAP backend, played by a server of this test: it adds fields at every depth, answers 50 MB, drips
 * its answer a byte a second, repeats keys, or sends HTML. The gateway shows no field a profile's list does not
 * name, answers 502 or 504 to the rest, and stays up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class HostileBackendIT {

    static final String DEMO = "Demo-Cdap-2026!";
    private static final HttpServer BACKEND = start();
    private static final java.util.concurrent.atomic.AtomicLong HUGE_SENT = new java.util.concurrent.atomic.AtomicLong();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        registry.add("gateway.cdap.base-url", () -> "http://127.0.0.1:" + BACKEND.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        BACKEND.stop(0);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    CircuitBreaker cdapCircuitBreaker;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
        cdapCircuitBreaker.reset();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "hostile-backend");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/dossiers/", HostileBackendIT::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String numero = exchange.getRequestURI().getPath().substring("/dossiers/".length());
        try (exchange) {
            switch (numero) {
                case "2000002" -> fifty(exchange);
                case "2000003" -> drip(exchange);
                case "2000004" -> send(exchange, "application/json",
                        "{\"numeroAllocataire\":\"2000004\",\"numeroAllocataire\":\"1000042\"}");
                case "2000005" -> send(exchange, "text/html", "{\"numeroAllocataire\":\"2000005\"}");
                default -> send(exchange, "application/json; charset=utf-8", withAdditions(numero));
            }
        }
    }

    private static String withAdditions(String numero) {
        return """
                {"numeroAllocataire":"%s","caf":"791","dateMiseAJour":"2026-11-01","nouveauChampSensible":"S1",
                 "allocataires":[{"nir":"2850375123456","nomNaissance":"MARTIN","nomUsage":"DURAND","prenoms":"CLAIRE",
                                  "dateNaissance":"1985-03-12","sexe":"F","telephone":"S2","adresseMail":{"x":"S3"}}],
                 "enfants":[{"nir":"1160479123456","nomNaissance":"DURAND","prenoms":"LEO","dateNaissance":"2016-04-11",
                             "sexe":"M","aCharge":true,"handicap":"S4"}],
                 "adresse":{"destinataire":"MME CLAIRE DURAND","codePostalVille":"79000 NIORT","pays":"FRANCE",
                            "coordonneesGps":"S5"},
                 "situationFamiliale":"MARIE",
                 "quotientsFamiliaux":[{"annee":%d,"mois":%d,"valeur":645,"statut":"CALCULE","nouveauChampSensible":"S6",
                                        "detailRessources":{"salaireConjoint":31999}}],
                 "ressources":{"annee":2025,"montantAnnuel":28450.00,"detail":"S7"},
                 "prestations":[],
                 "rsa":{"beneficiaire":true,"dateDebutDroit":"2020-01-01","dateFinDroit":null,"montantMensuel":600,
                        "orientation":"SOCIALE","motifSanction":"S8"}}"""
                .formatted(numero, java.time.LocalDate.now().getYear(), java.time.LocalDate.now().getMonthValue());
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void fifty(HttpExchange exchange) throws IOException {
        long size = 50L * 1024 * 1024;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, size);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] start = "{\"numeroAllocataire\":\"2000002\",\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, chunk, 0, start.length);
        OutputStream out = exchange.getResponseBody();
        try {
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
                HUGE_SENT.addAndGet(chunk.length);
                Arrays.fill(chunk, 0, start.length, (byte) 'a');
            }
        } catch (IOException gatewayHungUp) {
            // expected: the gateway stops reading once over its limit
        }
    }

    private static void drip(HttpExchange exchange) throws IOException {
        byte[] body = "{\"numeroAllocataire\":\"2000003\"}".getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        try {
            for (byte b : body) {
                out.write(b);
                out.flush();
                // a peer that drips: what a per-read timeout never catches
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException gatewayHungUp) {
            // expected: the gateway gives up at its deadline
        }
    }

    private Reply dossier(String login, String motif, String numero) {
        return api.get("/api/v1/dossiers/" + numero).as(login, DEMO).motif(motif).send();
    }

    @Test
    void noProfileEverReceivesAFieldItsListDoesNotNameWhateverTheBackendAdds() {
        Reply t2 = api.get("/api/v1/dossiers/1000042").as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send();
        Reply t2qf = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("CENTRE_LOISIRS").send();
        Reply t1 = dossier("dep79.social", "ACTION_SOCIALE", "1000042");
        Reply t5 = dossier("dep79.suivi", "SUIVI_RSA", "1000042");

        for (Reply reply : List.of(t2, t2qf, t1, t5)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.body()).doesNotContain("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "31999",
                    "salaireConjoint", "detailRessources", "nouveauChampSensible", "telephone", "adresseMail",
                    "handicap", "coordonneesGps", "motifSanction", "2850375123456", "1160479123456", "\"nir\"");
        }
        assertThat(t2.body()).contains("645", "CLAIRE").doesNotContain("NIORT", "28450");
        assertThat(t1.body()).contains("79000 NIORT", "28450");
        assertThat(t5.body()).contains("79000 NIORT", "SOCIALE").doesNotContain("645", "28450");
    }

    @Test
    void aFiftyMegabyteAnswerIsABackendErrorAndTheGatewayStaysUp() {
        Reply huge = dossier("dep79.social", "ACTION_SOCIALE", "2000002");
        Reply after = dossier("dep79.social", "ACTION_SOCIALE", "1000042");

        assertThat(huge.status()).as(huge.toString()).isEqualTo(502);
        assertThat(huge.code()).isEqualTo("backend-error");
        assertThat(after.status()).isEqualTo(200);
        // the gateway dropped the connection near its 1 MB limit instead of reading the 50 MB (socket buffers aside)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> HUGE_SENT.get() > 0);
        assertThat(HUGE_SENT.get()).isLessThan(25L * 1024 * 1024);
    }

    @Test
    void anAnswerDrippedAByteASecondMeetsTheDeadlineOfTheWholeAnswer() {
        Reply dripped = dossier("dep79.social", "ACTION_SOCIALE", "2000003");

        assertThat(dripped.status()).as(dripped.toString()).isEqualTo(504);
        assertThat(dripped.code()).isEqualTo("backend-timeout");
    }

    @Test
    void duplicateKeysOrANonJsonContentTypeAreBackendErrors() {
        Reply duplicate = dossier("dep79.social", "ACTION_SOCIALE", "2000004");
        Reply html = dossier("dep79.social", "ACTION_SOCIALE", "2000005");

        assertThat(duplicate.status()).isEqualTo(502);
        assertThat(duplicate.code()).isEqualTo("backend-error");
        assertThat(duplicate.body()).doesNotContain("1000042");
        assertThat(html.status()).isEqualTo(502);
        assertThat(html.code()).isEqualTo("backend-error");
    }
}
