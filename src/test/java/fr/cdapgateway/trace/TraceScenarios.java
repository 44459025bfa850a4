package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;

/**
 * Traceability end to end (SPEC §9): every request found by its X-Request-ID with its outcome, the chain
 * verifying, each tampering detected, purge keeping the chain valid, fail-closed writing, reading and export.
 * Run on H2 ({@link TraceH2IT}) and on a real PostgreSQL ({@link TracePostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class TraceScenarios {

    static final String DEMO = "Demo-Cdap-2026!";

    @Value("${gateway.api.port}")
    int apiPort;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TraceVerifier verifier;
    @Autowired
    TraceWriter writer;
    @Autowired
    TraceRetention retention;
    @Autowired
    MeterRegistry meters;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
    }

    @Test
    void everyKindOfRequestIsFoundByItsRequestIdWithItsOutcome() {
        Map<String, Reply> calls = new LinkedHashMap<>();
        calls.put("accepted", api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("CENTRE_LOISIRS").requestId(id()).send());
        calls.put("refused", api.get("/api/v1/dossiers/9999103").as("dep79.contentieux", DEMO)
                .motif("CONTENTIEUX_RSA").requestId(id()).send());
        calls.put("bad-password", api.get("/api/v1/moi").as("niort.agent2", "wrong").requestId(id()).send());
        calls.put("no-credentials", api.get("/api/v1/moi").requestId(id()).send());
        calls.put("backend-fault", api.get("/api/v1/dossiers/9999500").as("dep79.social", DEMO)
                .motif("ACTION_SOCIALE").requestId(id()).send());
        calls.put("admin", api.get("/api/v1/admin/conventions/79-2017-19/utilisateurs").as("niort.admin", DEMO)
                .requestId(id()).send());
        calls.put("public", api.get("/api/v1/statut").requestId(id()).send());

        for (var call : calls.entrySet()) {
            Reply reply = call.getValue();
            Map<String, Object> trace = jdbc.sql("select statut, code, action, lien from trace where request_id = :id")
                    .param("id", reply.header("X-Request-ID")).query().singleRow();
            assertThat(trace.get("statut")).as(call.getKey()).isEqualTo(reply.status());
            assertThat(trace.get("code")).as(call.getKey()).isEqualTo(reply.status() >= 400 ? reply.code() : null);
            assertThat((String) trace.get("lien")).as(call.getKey()).hasSize(64);
        }
        Reply verification = api.get("/api/v1/admin/traces/verification").as("caf79.admin", DEMO).send();
        assertThat(verification.json().path("valide").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.json().path("traces").asLong()).isGreaterThanOrEqualTo(calls.size());
        assertThat(verification.json().path("premiereAnomalie").isNull()).isTrue();
        assertThat(api.get("/api/v1/admin/traces/verification").as("niort.admin", DEMO).send().status()).isEqualTo(403);
    }

    @Test
    void anUpdateByHandIsReportedAsAnAlteration() {
        Map<String, Object> row = traceOf(consult());
        jdbc.sql("update trace set numero_allocataire = '1000043' where sequence = :s").param("s", row.get("sequence")).update();
        TraceVerifier.Result tampered = verifier.verify();
        jdbc.sql("update trace set numero_allocataire = '1000042' where sequence = :s").param("s", row.get("sequence")).update();

        assertThat(tampered.valide()).isFalse();
        assertThat(tampered.premiereAnomalie().nature()).isEqualTo("ALTEREE");
        assertThat(tampered.premiereAnomalie().sequence()).isEqualTo(((Number) row.get("sequence")).longValue());
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void anInsertedRecordIsReported() {
        Map<String, Object> row = traceOf(consult());
        consult();
        String forge = """
                insert into trace (horodatage, request_id, utilisateur, action, statut, duree_ms, instance, segment,
                                   rang, lien)
                values (:h, 'forged', 'niort.agent1', 'CONSULTATION_QF', 200, 1, :instance, :segment, :rang, :lien)""";
        // a rank is unique in its segment: a second record cannot take the place of one
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(forge).param("h", row.get("horodatage"))
                .param("instance", row.get("instance")).param("segment", row.get("segment"))
                .param("rang", row.get("rang")).param("lien", "0".repeat(64)).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        long after = jdbc.sql("select max(rang) from trace where instance = :i and segment = :s")
                .param("i", row.get("instance")).param("s", row.get("segment")).query(Long.class).single();
        jdbc.sql(forge).param("h", row.get("horodatage")).param("instance", row.get("instance"))
                .param("segment", row.get("segment")).param("rang", after + 1).param("lien", "0".repeat(64))
                .update();
        TraceVerifier.Result tampered = verifier.verify();
        jdbc.sql("delete from trace where request_id = 'forged'").update();
        // its day given (PostgreSQL's partitions need it), nothing of the chain
        jdbc.sql("""
                insert into trace (horodatage, request_id, action, statut, duree_ms, segment)
                values (:h, 'unchained', 'X', 200, 1, :segment)""")
                .param("h", row.get("horodatage")).param("segment", row.get("segment")).update();
        TraceVerifier.Result unchained = verifier.verify();
        jdbc.sql("delete from trace where request_id = 'unchained'").update();

        // appended at a free rank, its link cannot follow from its predecessor's without the key
        assertThat(tampered.premiereAnomalie().nature()).isIn("INSEREE", "ALTEREE");
        assertThat(tampered.premiereAnomalie().rang()).isEqualTo(after + 1);
        assertThat(unchained.premiereAnomalie().nature()).isEqualTo("INSEREE");
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void aRemovedRecordIsReportedInTheMiddleAndAtTheEnd() {
        Map<String, Object> middle = fullRow(consult());
        consult();
        delete(middle);
        TraceVerifier.Result gap = verifier.verify();
        reinsert(middle);
        Map<String, Object> last = fullRow(consult());
        delete(last);
        TraceVerifier.Result tail = verifier.verify();
        reinsert(last);

        assertThat(gap.premiereAnomalie().nature()).isEqualTo("SUPPRIMEE");
        assertThat(gap.premiereAnomalie().rang()).isEqualTo(((Number) middle.get("rang")).longValue());
        assertThat(tail.premiereAnomalie().nature()).isEqualTo("SUPPRIMEE");
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void purgingWholeOldSegmentsKeepsTheChainValidAndIsTraced() {
        Instant sevenMonthsAgo = Instant.now().minus(213, ChronoUnit.DAYS);
        for (int i = 0; i < 5; i++) {
            writer.write(new TraceRecord(sevenMonthsAgo.plusSeconds(i), "old-" + i, "niort.agent1", "79-2017-19",
                    "CDAP", "T2", "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS", 200, null, 3, "127.0.0.1", "test",
                    List.of(), null));
        }
        consult();
        assertThat(verifier.verify().valide()).isTrue();

        retention.purge();

        assertThat(jdbc.sql("select count(*) from trace where request_id like 'old-%'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from trace where action = 'PURGE_TRACES'").query(Long.class).single())
                .isPositive();
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void aDayDeletedWholeIsReportedByTheVerification() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(20, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 3; i++) {
                writer.write(new TraceRecord(base.plus(day, ChronoUnit.DAYS).plusSeconds(i), "day-" + day + "-" + i,
                        "niort.agent1", "79-2017-19", "CDAP", "T2", "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS", 200,
                        null, 3, "127.0.0.1", "test", List.of(), null));
            }
        }
        LocalDate middle = TraceStore.segmentOf(base.plus(1, ChronoUnit.DAYS));
        assertThat(verifier.verify().valide()).isTrue();
        String[] tables = {"trace", "trace_segment", "trace_registre"};
        for (String table : tables) {
            jdbc.sql("create table " + table + "_jour as select * from " + table + " where segment = :d")
                    .param("d", middle).update();
        }
        TraceVerifier.Result withoutTraces;
        TraceVerifier.Result withoutAnyTrace;
        try {
            jdbc.sql("delete from trace where segment = :d").param("d", middle).update();
            jdbc.sql("delete from trace_segment where segment = :d").param("d", middle).update();
            withoutTraces = verifier.verify();
            jdbc.sql("delete from trace_registre where segment = :d").param("d", middle).update();
            withoutAnyTrace = verifier.verify();
        } finally {
            for (String table : tables) {
                jdbc.sql("delete from " + table + " where segment = :d").param("d", middle).update();
                jdbc.sql("insert into " + table + " select * from " + table + "_jour").update();
                jdbc.sql("drop table " + table + "_jour").update();
            }
        }

        assertThat(withoutTraces.valide()).isFalse();
        assertThat(withoutTraces.premiereAnomalie().nature()).isEqualTo("JOUR_SUPPRIME");
        assertThat(withoutTraces.premiereAnomalie().segment()).isEqualTo(middle);
        assertThat(withoutAnyTrace.valide()).isFalse();
        assertThat(withoutAnyTrace.premiereAnomalie().nature()).isEqualTo("JOUR_SUPPRIME");
        assertThat(withoutAnyTrace.premiereAnomalie().segment()).isEqualTo(middle);
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void readinessComesBackByItselfAfterADatabaseFaultWithNoTrafficAtAll() {
        jdbc.sql("alter table trace rename to trace_hidden").update();
        String whileDown;
        try {
            api.get("/api/v1/statut").send();
            whileDown = readiness();
        } finally {
            jdbc.sql("alter table trace_hidden rename to trace").update();
        }

        assertThat(whileDown).isEqualTo("DOWN");
        // no request: only the writer's own probe can bring readiness back
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> "UP".equals(readiness()));
    }

    @Test
    void concurrentRequestsShareCommits() throws Exception {
        double commitsBefore = meters.get("gateway.trace.commit").timer().count();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            writes.add(pool.submit(() -> {
                start.await();
                writer.write(new TraceRecord(Instant.now(), "group-" + n, "systeme", null, null, null, "TEST", null,
                        null, 200, null, 0, null, null, List.of(), null));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> write : writes) {
            write.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double commits = meters.get("gateway.trace.commit").timer().count() - commitsBefore;

        assertThat(jdbc.sql("select count(*) from trace where request_id like 'group-%'").query(Long.class).single())
                .isEqualTo(400);
        assertThat(commits).as("400 traces in fewer commits").isLessThan(400);
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void whenTracesCannotBeWrittenNothingIsServedAndItRecoversByItself() {
        assertThat(readiness()).isEqualTo("UP");
        jdbc.sql("alter table trace rename to trace_hidden").update();
        Reply refused;
        String whileDown;
        try {
            refused = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                    .motif("CENTRE_LOISIRS").send();
            whileDown = readiness();
        } finally {
            jdbc.sql("alter table trace_hidden rename to trace").update();
        }
        Reply recovered = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("CENTRE_LOISIRS").send();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("trace-unavailable");
        assertThat(refused.body()).doesNotContain("645", "CLAIRE");
        assertThat(whileDown).isEqualTo("DOWN");
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(readiness()).isEqualTo("UP");
        assertThat(verifier.verify().valide()).isTrue();
    }

    @Test
    void administratorsSearchAndExportTheirConventionsTracesAndEachReadIsTraced() {
        String mine = consult().header("X-Request-ID");
        String searchId = id();
        Reply byRequest = api.get("/api/v1/admin/conventions/79-2017-19/traces?requestId=" + mine)
                .as("niort.admin", DEMO).requestId(searchId).send();
        Reply byDossier = api.get("/api/v1/admin/conventions/79-2017-19/traces?numeroAllocataire=1000042&statut=200"
                + "&utilisateur=niort.agent1&du=2020-01-01&taille=2").as("niort.suppleant", DEMO).send();
        Reply csv = api.get("/api/v1/admin/conventions/79-2017-19/traces?format=csv&utilisateur=niort.agent1")
                .as("caf79.admin", DEMO).send();
        Reply manager = api.get("/api/v1/admin/conventions/79-2017-19/traces").as("niort.gestion", DEMO).send();
        Reply otherConvention = api.get("/api/v1/admin/conventions/79-2017-19/traces").as("dep79.admin", DEMO).send();
        Reply otherCaf = api.get("/api/v1/admin/conventions/79-2017-19/traces").as("caf50.admin", DEMO).send();
        Reply badFilter = api.get("/api/v1/admin/conventions/79-2017-19/traces?du=hier").as("niort.admin", DEMO).send();

        JsonNode found = byRequest.json().path("traces");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("utilisateur").asText()).isEqualTo("niort.agent1");
        assertThat(found.get(0).path("numeroAllocataire").asText()).isEqualTo("1000042");
        assertThat(found.get(0).path("motif").asText()).isEqualTo("CENTRE_LOISIRS");
        assertThat(byDossier.json().path("traces").size()).isLessThanOrEqualTo(2);
        assertThat(byDossier.json().path("total").asLong()).isPositive();
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("sequence;horodatage;requestId;utilisateur");
        assertThat(csv.body()).contains(mine);
        assertThat(manager.status()).isEqualTo(403);
        assertThat(otherConvention.status()).isEqualTo(404);
        assertThat(otherCaf.status()).isEqualTo(404);
        assertThat(badFilter.code()).isEqualTo("invalid-request");
        assertThat(jdbc.sql("select action from trace where request_id = :id").param("id", searchId)
                .query(String.class).single()).isEqualTo("ADMIN_LECTURE_TRACES");
        // what was searched is in the reader's own trace
        assertThat(jdbc.sql("select objet from trace where request_id = :id").param("id", byDossier.header("X-Request-ID"))
                .query(String.class).single()).isEqualTo(
                "filtres:convention=79-2017-19,utilisateur=niort.agent1,numeroAllocataire=1000042,du=2020-01-01,"
                        + "statut=200");
    }

    @Test
    void pagingByKeyIsStableWhileNewTracesAreWritten() {
        consult();
        consult();
        consult();
        String base = "/api/v1/admin/conventions/79-2017-19/traces?utilisateur=niort.agent1&taille=2&avant=";
        JsonNode first = api.get(base + Long.MAX_VALUE / 10).as("niort.admin", DEMO).send().json();
        long next = first.path("suivant").asLong();
        consult(); // a new trace between the two pages
        JsonNode second = api.get(base + next).as("niort.admin", DEMO).send().json();

        assertThat(first.path("traces")).hasSize(2);
        assertThat(second.path("traces")).hasSize(2);
        assertThat(second.path("traces").get(0).path("sequence").asLong()).isLessThan(next);
        assertThat(first.path("traces").get(1).path("sequence").asLong()).isEqualTo(next);
    }

    @Test
    void aUserExportsTheirOwnTracesAndNoOneElses() {
        consult();
        Reply own = api.get("/api/v1/moi/traces?taille=1000").as("niort.agent1", DEMO).send();
        Reply ownCsv = api.get("/api/v1/moi/traces?format=csv&utilisateur=niort.admin").as("niort.agent1", DEMO).send();

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("traces").size()).isPositive();
        own.json().path("traces").forEach(t -> assertThat(t.path("utilisateur").asText()).isEqualTo("niort.agent1"));
        assertThat(ownCsv.body()).contains("niort.agent1").doesNotContain(";niort.admin;");
        assertThat(own.body()).doesNotContain("Demo-Cdap", "argon2");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private String readiness() {
        return new Api(managementPort).get("/actuator/health/readiness").send().json().path("status").asText();
    }

    private Reply consult() {
        Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("CENTRE_LOISIRS").requestId(id()).send();
        assertThat(reply.status()).isEqualTo(200);
        return reply;
    }

    private Map<String, Object> traceOf(Reply reply) {
        return jdbc.sql("select sequence, horodatage, instance, segment, rang from trace where request_id = :id")
                .param("id", reply.header("X-Request-ID")).query().singleRow();
    }

    private Map<String, Object> fullRow(Reply reply) {
        return jdbc.sql("select * from trace where request_id = :id").param("id", reply.header("X-Request-ID"))
                .query().singleRow();
    }

    private void delete(Map<String, Object> row) {
        jdbc.sql("delete from trace where sequence = :s").param("s", row.get("sequence")).update();
    }

    /** Puts a removed row back exactly as it was, its sequence number included. */
    private void reinsert(Map<String, Object> row) {
        List<String> columns = new ArrayList<>(row.keySet());
        jdbc.sql("insert into trace (" + String.join(", ", columns) + ") values ("
                        + String.join(", ", columns.stream().map(c -> ":" + c).toList()) + ")")
                .params(row).update();
    }

    private static String id() {
        return "tr-" + UUID.randomUUID();
    }
}
