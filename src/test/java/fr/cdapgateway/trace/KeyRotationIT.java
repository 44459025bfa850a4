package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.CdapGatewayApplication;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/**
 * Rotating the trace key (issue 11): days chained with the old key stay verifiable while it is kept read-only;
 * a day in progress keeps its key, the next day takes the new one; without the old key its days are reported.
 */
class KeyRotationIT {

    private static final String OLD_KEY = "b2xkLWtleS1vZi10aGUtdHJhY2UtY2hhaW4tMzItYnl0ZXMhIQ==";
    private static final String NEW_KEY = "bmV3LWtleS1vZi10aGUtdHJhY2UtY2hhaW4tMzItYnl0ZXMhIQ==";

    private static ConfigurableApplicationContext start(String url, String... keys) {
        int[] ports = TestPorts.freePorts(4);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--gateway.demo=false", "--gateway.scheduling=false", "--gateway.api.host=127.0.0.1",
                "--gateway.api.port=" + ports[0], "--server.port=" + ports[1], "--management.server.port=" + ports[3], "--gateway.simulator.port=" + ports[2],
                "--gateway.trace.instance=rotation"));
        args.addAll(List.of(keys));
        return new SpringApplicationBuilder(CdapGatewayApplication.class).run(args.toArray(String[]::new));
    }

    private static void write(ConfigurableApplicationContext context, Instant at, String id) {
        context.getBean(TraceWriter.class).write(new TraceRecord(at, id, "niort.agent1", "79-2017-19", "CDAP", "T2",
                "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS", 200, null, 3, "127.0.0.1", "test", List.of(), null));
    }

    @Test
    void oldDaysVerifyWithTheOldKeyKeptReadOnlyAndNewDaysTakeTheNewKey() {
        String url = EmbeddedPostgres.createDatabase(EmbeddedPostgres.server());
        Instant now = Instant.now();
        try (var before = start(url, "--gateway.trace.hmac-key=" + OLD_KEY)) {
            write(before, now.minus(2, ChronoUnit.DAYS), "old-1");
            write(before, now, "old-2");
        }
        TraceVerifier.Result rotated;
        Map<String, String> keyOfDay = new java.util.TreeMap<>();
        try (var after = start(url, "--gateway.trace.hmac-key=" + NEW_KEY, "--gateway.trace.key-id=k2",
                "--gateway.trace.previous-keys.k1=" + OLD_KEY)) {
            write(after, now.plusMillis(1), "new-1");
            write(after, now.plus(1, ChronoUnit.DAYS), "new-2");
            rotated = after.getBean(TraceVerifier.class).verify();
            after.getBean(JdbcClient.class).sql("select segment, cle from trace_segment order by segment")
                    .query(rs -> {
                        keyOfDay.put(rs.getString(1), rs.getString(2));
                    });
        }
        TraceVerifier.Result withoutOldKey;
        try (var forgetful = start(url, "--gateway.trace.hmac-key=" + NEW_KEY, "--gateway.trace.key-id=k2")) {
            withoutOldKey = forgetful.getBean(TraceVerifier.class).verify();
        }

        assertThat(rotated.valide()).as(String.valueOf(rotated.premiereAnomalie())).isTrue();
        assertThat(rotated.traces()).isEqualTo(4);
        assertThat(keyOfDay.values()).containsExactly("k1", "k1", "k2");
        assertThat(withoutOldKey.valide()).isFalse();
        assertThat(withoutOldKey.premiereAnomalie().nature()).isEqualTo("CLE_INCONNUE");
    }
}
