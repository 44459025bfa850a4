package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import fr.cdapgateway.CdapGatewayApplication;
import fr.cdapgateway.cluster.Leases;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.Schema;
import fr.cdapgateway.support.TestPorts;

/** Each instance of a cluster holds its trace chain's name: a duplicate name is refused at start-up (SPEC §3). */
class ChainLeaseIT {

    private static ConfigurableApplicationContext start(String url, String instance) {
        int[] ports = TestPorts.freePorts(4);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--gateway.demo=false", "--gateway.scheduling=false", "--gateway.api.host=127.0.0.1",
                "--gateway.api.port=" + ports[0], "--server.port=" + ports[1], "--management.server.port=" + ports[3],
                "--gateway.simulator.port=" + ports[2], "--gateway.trace.instance=" + instance,
                "--gateway.trace.lease-duration=1s"));
        return new SpringApplicationBuilder(CdapGatewayApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void aSecondInstanceWithTheSameNameRefusesToStartAndTakesTheNameOnceTheFirstHasStopped() {
        String url = EmbeddedPostgres.createDatabase(EmbeddedPostgres.server());
        try (var first = start(url, "mairie-1")) {
            assertThatThrownBy(() -> start(url, "mairie-1").close())
                    .hasStackTraceContaining("another instance is running with the trace chain name \"mairie-1\"");
            try (var other = start(url, "mairie-2")) {
                assertThat(other.isRunning()).as("another name starts beside it").isTrue();
            }
        }
        try (var again = start(url, "mairie-1")) {
            assertThat(again.isRunning()).as("the name is given back when an instance stops").isTrue();
        }
    }

    @Test
    void theLeaseOfAnInstanceThatDiedRunsOutAndIsTakenByItsRestart() {
        String url = EmbeddedPostgres.createDatabase(EmbeddedPostgres.server());
        DriverManagerDataSource data = new DriverManagerDataSource(url, "postgres", "postgres");
        Schema.migrate(data, "postgresql");
        JdbcClient jdbc = JdbcClient.create(data);
        TraceProperties properties = new TraceProperties("unused", "mairie-1", 500, 100, Duration.ofSeconds(3),
                Period.ofMonths(6), "k1", Map.of(), Duration.ofSeconds(15));
        ChainLease died = new ChainLease(new Leases(jdbc), properties);
        ChainLease restarted = new ChainLease(new Leases(jdbc), properties);
        Instant now = Instant.now();

        assertThat(died.take(now)).isTrue();
        assertThat(died.take(now.plusSeconds(5))).as("its own renewal").isTrue();
        assertThat(restarted.take(now.plusSeconds(10))).as("held: renewed 5 s ago for 15 s").isFalse();
        assertThat(restarted.take(now.plusSeconds(21))).as("run out: not renewed for 16 s").isTrue();
        assertThat(died.take(now.plusSeconds(22))).as("the name has moved on").isFalse();
    }
}
