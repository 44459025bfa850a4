package fr.cdapgateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.CdapGatewayApplication;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/**
 * Two gateway instances sharing one PostgreSQL: the convention's limit holds for the sum of their traffic,
 * because the buckets live in the database (SPEC §3 cluster mode, §10).
 */
// closed when the class is done, while its PostgreSQL server still runs: cached until the JVM exits, its
// scheduled jobs and pool checks would find the server stopped by then
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ThrottleClusterIT {

    private static String databaseUrl;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        databaseUrl = EmbeddedPostgres.registerShared(registry);
        narrowNiort(registry);
    }

    /** Niort: 10 requests for the whole convention, no refill during the test. */
    static void narrowNiort(DynamicPropertyRegistry registry) {
        registry.add("gateway.throttle.conventions.79-2017-19.per-convention.capacity", () -> 10);
        registry.add("gateway.throttle.conventions.79-2017-19.per-convention.refill", () -> 1);
        registry.add("gateway.throttle.conventions.79-2017-19.per-convention.period", () -> "1h");
    }

    @Value("${gateway.api.port}")
    int apiPort;

    @Test
    void theConventionsLimitHoldsForTheSumOfTwoInstances() {
        int[] ports = TestPorts.freePorts(4);
        List<String> args = new ArrayList<>(List.of("--gateway.api.host=127.0.0.1", "--gateway.api.port=" + ports[0],
                "--gateway.simulator.port=" + ports[1], "--server.port=" + ports[2], "--management.server.port=" + ports[3],
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--gateway.trace.instance=gateway-b",
                "--gateway.throttle.conventions.79-2017-19.per-convention.capacity=10",
                "--gateway.throttle.conventions.79-2017-19.per-convention.refill=1",
                "--gateway.throttle.conventions.79-2017-19.per-convention.period=1h"));
        try (ConfigurableApplicationContext instanceB = SpringApplication.run(CdapGatewayApplication.class,
                args.toArray(String[]::new))) {
            List<Api> instances = List.of(new Api(apiPort), new Api(ports[0]));
            List<String> agents = List.of("niort.agent1", "niort.agent2");
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 30; i++) {
                Api.Reply reply = instances.get(i % 2).get("/api/v1/dossiers/1000042/quotient-familial")
                        .as(agents.get((i / 2) % 2), "Demo-Cdap-2026!").motif("CENTRE_LOISIRS").send();
                if (reply.status() == 200) {
                    accepted++;
                } else if ("rate-limited".equals(reply.code())) {
                    refused++;
                }
            }
            assertThat(instanceB.isRunning()).isTrue();
            assertThat(accepted).as("accepted by both instances together").isEqualTo(10);
            assertThat(refused).isEqualTo(20);
        }
    }
}
