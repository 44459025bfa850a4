package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.ConsoleHttp;
import fr.cdapgateway.support.TestPorts;

/**
 * The trace exports at their limit (issue 25): 100,000 traces of one convention, exported whole by the console —
 * streamed, a page at a time, as it reads them — and by the API, each line a trace, nothing lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceExportIT {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String CONVENTION = "2024-12";
    static final int TRACES = 100_000;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Value("${server.port}")
    int consolePort;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void aHundredThousandTraces() {
        // the consultations of a busy school year's start, written at once (the chain is not what is tested here)
        jdbc.sql("""
                insert into trace (horodatage, request_id, utilisateur, convention, service, profil, action,
                                   numero_allocataire, motif, statut, duree_ms, instance, segment, rang, lien)
                select :at, concat('export-', r."X"), 'cherbourg.agent1', :c, 'CDAP', 'T2', 'CONSULTATION_QF',
                       '1000042', 'RESTAURATION_SCOLAIRE', 200, 3, 'export-test', :day, r."X", 'x'
                  from system_range(1, 100000) r""")
                .param("at", LocalDate.now().atStartOfDay().atOffset(ZoneOffset.UTC)).param("c", CONVENTION)
                .param("day", LocalDate.now()).update();
    }

    @Test
    void theConsoleStreamsAHundredThousandTraces() {
        ConsoleHttp browser = new ConsoleHttp();
        String base = "http://127.0.0.1:" + consolePort;
        browser.get(base + "/connexion");
        browser.post(base + "/connexion", "identifiant", "caf50.admin", "motDePasse", DEMO);
        HttpResponse<String> csv = browser.get(base + "/conventions/" + CONVENTION + "/traces.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFsequence;");
        assertExport(csv.body());
    }

    @Test
    void theApiExportsThemToo() {
        Reply csv = new Api(apiPort).get("/api/v1/admin/conventions/" + CONVENTION + "/traces?format=csv")
                .as("caf50.admin", DEMO).send();

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertExport(csv.body());
    }

    /** An export stops at 100,000 lines, the newest first: the reads of this very test come before the seeded ones. */
    private static void assertExport(String csv) {
        long lines = csv.lines().count() - 1;
        assertThat(lines).isEqualTo(TRACES);
        assertThat(csv.lines().filter(l -> l.contains(";export-")).count()).isGreaterThan(TRACES - 100L);
    }
}
