package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/**
 * The traceability scenarios on a real PostgreSQL server, and what only PostgreSQL does: the trace table partitioned
 * by day, retention dropping whole partitions, a search by period reading only its days' partitions.
 */
// closed when the class is done, while its PostgreSQL server still runs: cached until the JVM exits, its
// scheduled jobs and pool checks would find the server stopped by then
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TracePostgresIT extends TraceScenarios {

    @Autowired
    TraceProperties properties;
    @Autowired
    org.springframework.context.ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
    }

    @Test
    void aSixMonthRetentionRunDropsWholeDailyPartitionsAndTheChainStillVerifies() {
        LocalDate today = TraceStore.segmentOf(Instant.now());
        LocalDate firstKept = today.minus(properties.retention());
        List<LocalDate> expired = List.of(firstKept.minusDays(40), firstKept.minusDays(2), firstKept.minusDays(1));
        List<LocalDate> kept = List.of(firstKept, firstKept.plusDays(1));
        for (LocalDate day : concat(expired, kept)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new TraceRecord(day.atTime(12, 0, i).toInstant(ZoneOffset.UTC), "six-" + day + "-" + i,
                        "niort.agent1", "79-2017-19", "CDAP", "T2", "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS",
                        200, null, 3, "127.0.0.1", "test", List.of(), null));
            }
        }
        assertThat(partitions()).containsAll(tables(concat(expired, kept)));
        assertThat(verifier.verify().valide()).isTrue();

        retention.purge();

        assertThat(partitions()).as("the expired days' partitions are dropped, not emptied")
                .doesNotContainAnyElementsOf(tables(expired)).containsAll(tables(kept));
        for (String table : tables(expired)) {
            assertThat(jdbc.sql("select to_regclass(:t) is null").param("t", table).query(Boolean.class).single())
                    .as(table).isTrue();
        }
        assertThat(jdbc.sql("select count(*) from trace where request_id like 'six-%'").query(Long.class).single())
                .isEqualTo(3L * kept.size());
        String purge = jdbc.sql("""
                select objet from trace where action = 'PURGE_TRACES' and objet like :prefix
                 order by sequence desc fetch first 1 rows only""")
                .param("prefix", "segments:avant-" + firstKept + ",traces:%").query(String.class).single();
        assertThat(Long.parseLong(purge.substring(purge.lastIndexOf(':') + 1)))
                .as("the traces of the dropped partitions are counted in the purge's own trace")
                .isGreaterThanOrEqualTo(3L * expired.size());
        assertThat(jdbc.sql("select count(*) from trace_registre where segment in (:days) and purge_le is not null")
                .param("days", expired).query(Long.class).single()).isEqualTo(expired.size());
        TraceVerifier.Result verification = verifier.verify();
        assertThat(verification.valide()).as(String.valueOf(verification.premiereAnomalie())).isTrue();
    }

    @Test
    void todaysAndTomorrowsPartitionsAreMadeAtStartUpBeforeTheirFirstTrace() {
        LocalDate started = TraceStore.segmentOf(Instant.ofEpochMilli(context.getStartupDate()));
        assertThat(partitions()).contains(TracePartitions.tableOf(started), TracePartitions.tableOf(started.plusDays(1)));
    }

    @Test
    void aSearchByPeriodReadsOnlyThePartitionsOfItsDays() {
        LocalDate middle = TraceStore.segmentOf(Instant.now()).minusDays(50);
        List<LocalDate> days = List.of(middle.minusDays(1), middle, middle.plusDays(1));
        for (LocalDate day : days) {
            writer.write(new TraceRecord(day.atTime(9, 30).toInstant(ZoneOffset.UTC), "period-" + day,
                    "niort.agent1", "79-2017-19", "CDAP", "T2", "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS",
                    200, null, 3, "127.0.0.1", "test", List.of(), null));
        }
        TraceQuery.Filter oneDay = new TraceQuery.Filter("79-2017-19", null, null, middle, middle, null, null);
        Map<String, Object> params = new LinkedHashMap<>();
        String plan = String.join("\n", jdbc.sql("explain select count(*) from trace" + TraceQuery.where(oneDay, params))
                .params(params).query(String.class).list());

        assertThat(plan).contains(TracePartitions.tableOf(middle))
                .doesNotContain(TracePartitions.tableOf(middle.minusDays(1)))
                .doesNotContain(TracePartitions.tableOf(middle.plusDays(1)));
        var found = api.get("/api/v1/admin/conventions/79-2017-19/traces?du=" + middle + "&au=" + middle + "&taille=100")
                .as("niort.admin", DEMO).send();
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("traces").findValuesAsText("requestId"))
                .contains("period-" + middle).doesNotContain("period-" + days.get(0), "period-" + days.get(2));
    }

    private List<String> partitions() {
        return jdbc.sql("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                 where i.inhparent = 'trace'::regclass""").query(String.class).list();
    }

    private static List<String> tables(List<LocalDate> days) {
        return days.stream().map(TracePartitions::tableOf).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void aGroupCommitInOneRoundTripIsAllOrNothing() {
        writer.write(record("whole-1")); // the day's segment is open: the next commits take the one round trip
        jdbc.sql("""
                create function refuse_seal() returns trigger language plpgsql as $$
                begin raise exception 'seal refused'; end $$""").update();
        jdbc.sql("""
                create trigger refuse_seal before insert or update on trace_segment
                for each row execute function refuse_seal()""").update();
        try {
            assertThatThrownBy(() -> writer.write(record("whole-2"))).isInstanceOf(TraceUnavailableException.class);
        } finally {
            jdbc.sql("drop trigger refuse_seal on trace_segment").update();
            jdbc.sql("drop function refuse_seal()").update();
        }

        assertThat(jdbc.sql("select count(*) from trace where request_id = 'whole-2'").query(Long.class).single())
                .as("the rows of a commit whose seal failed are not kept").isZero();
        writer.write(record("whole-3"));
        TraceVerifier.Result verification = verifier.verify();
        assertThat(verification.valide()).as(String.valueOf(verification.premiereAnomalie())).isTrue();
    }

    private static TraceRecord record(String requestId) {
        return new TraceRecord(Instant.now(), requestId, "niort.agent1", "79-2017-19", "CDAP", "T2",
                "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS", 200, null, 3, "127.0.0.1", "test", List.of(), null);
    }
}
