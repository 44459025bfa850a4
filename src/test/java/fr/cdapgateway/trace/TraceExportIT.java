package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.ConsoleHttp;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/**
 * The trace exports at their limit (issue 25): 100,000 traces of one convention, exported whole by the console and
 * by the API, each line a trace, nothing lost — in a JVM with the container's heap (the failsafe execution
 * {@code container-heap} runs this class alone with the Dockerfile's {@code -Xmx160m}, the traces in PostgreSQL,
 * outside the heap), so an export that were held whole in memory would fail here. Both answers are read as they
 * arrive: the API's in chunks, with no Content-Length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TraceExportIT {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String CONVENTION = "2024-12";
    static final int TRACES = 100_000;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Value("${server.port}")
    int consolePort;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void aHundredThousandTraces() {
        // a first traced request: today's partition of the trace table exists from then on
        assertThat(new Api(apiPort).get("/api/v1/statut").send().status()).isEqualTo(200);
        // the consultations of a busy school year's start, written at once (the chain is not what is tested here)
        jdbc.sql("""
                insert into trace (horodatage, request_id, utilisateur, convention, service, profil, action,
                                   numero_allocataire, motif, statut, duree_ms, instance, segment, rang, lien)
                select :at, concat('export-', r.x), 'cherbourg.agent1', :c, 'CDAP', 'T2', 'CONSULTATION_QF',
                       '1000042', 'RESTAURATION_SCOLAIRE', 200, 3, 'export-test', :day, r.x, 'x'
                  from generate_series(1, 100000) as r(x)""")
                .param("at", LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC))
                .param("c", CONVENTION).param("day", LocalDate.now(ZoneOffset.UTC)).update();
    }

    @Test
    void theJvmHasTheContainersHeap() {
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        assertThat(max).as("run by the failsafe execution container-heap (-Xmx160m)")
                .isLessThanOrEqualTo(160L * 1024 * 1024);
    }

    @Test
    void theConsoleStreamsAHundredThousandTraces() {
        ConsoleHttp browser = new ConsoleHttp();
        String base = "http://127.0.0.1:" + consolePort;
        browser.get(base + "/connexion");
        browser.post(base + "/connexion", "identifiant", "caf50.admin", "motDePasse", DEMO);
        HttpResponse<Stream<String>> csv = browser.lines(base + "/conventions/" + CONVENTION + "/traces.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertExport(csv.body(), "\uFEFFsequence;");
    }

    @Test
    void theApiStreamsThemToo() throws Exception {
        URI export = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/admin/conventions/" + CONVENTION
                + "/traces?format=csv");
        HttpResponse<Stream<String>> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(export)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("caf50.admin:" + DEMO).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofLines());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Transfer-Encoding")).as("sent in chunks as it is read")
                .hasValue("chunked");
        assertThat(csv.headers().firstValue("Content-Length")).isEmpty();
        assertThat(csv.headers().firstValue("X-Request-ID")).isPresent();
        assertExport(csv.body(), "sequence;");
    }

    /**
     * An export stops at 100,000 lines, the newest first: the reads of this very test come before the seeded ones.
     * Counted as the lines arrive, never held.
     */
    private static void assertExport(Stream<String> lines, String header) {
        AtomicLong count = new AtomicLong();
        AtomicLong seeded = new AtomicLong();
        AtomicLong first = new AtomicLong();
        try (lines) {
            lines.forEach(line -> {
                if (count.getAndIncrement() == 0) {
                    first.set(line.startsWith(header) ? 1 : 0);
                } else if (line.contains(";export-")) {
                    seeded.incrementAndGet();
                }
            });
        }
        assertThat(first.get()).as("the header line first").isEqualTo(1);
        assertThat(count.get() - 1).isEqualTo(TRACES);
        assertThat(seeded.get()).isGreaterThan(TRACES - 100L);
    }
}
