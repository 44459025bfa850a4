package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.CdapGatewayApplication;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/**
 * The gateway is started as a separate process (the packaged jar) on PostgreSQL, put under concurrent load, and
 * killed with SIGKILL in the middle of it. Every request that got its answer must have its trace, and the chain
 * must still verify: a trace is committed before its answer leaves, whatever happens next.
 */
class KillUnderLoadIT {

    private static final int CLIENTS = 16;

    @Test
    void aKilledGatewayLosesNoTraceOfAnyAnsweredRequest() throws Exception {
        Path jar = Path.of("target", "cdap-gateway.jar");
        assertThat(jar).as("the packaged jar (mvn verify builds it before the ITs)").exists();
        var pg = EmbeddedPostgres.server();
        String url = EmbeddedPostgres.createDatabase(pg);
        int[] ports = TestPorts.freePorts(4);
        Path log = Path.of("target", "kill-under-load-gateway.log");
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--gateway.api.host=127.0.0.1", "--gateway.api.port=" + ports[0],
                "--gateway.simulator.port=" + ports[1], "--server.port=" + ports[2], "--server.address=127.0.0.1",
                "--management.server.port=" + ports[3], "--management.server.address=127.0.0.1",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--gateway.trace.instance=kill-test",
                // one demo user at machine pace: lift the human-pace limits for this test
                "--gateway.throttle.per-user.capacity=1000000", "--gateway.throttle.per-user.refill=1000000",
                "--gateway.throttle.per-convention.capacity=1000000",
                "--gateway.throttle.per-convention.refill=1000000", "--gateway.throttle.per-user-daily=1000000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Api api = new Api(ports[0]);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> api.get("/api/v1/statut").send().status() == 200);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> load(api, answered, stop));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 400);
            gateway.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            stop.set(true);
            gateway.destroyForcibly();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        List<String> missing = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement find = db.prepareStatement("select count(*) from trace where request_id = ?")) {
            for (String id : answered) {
                find.setString(1, id);
                try (ResultSet rs = find.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        missing.add(id);
                    }
                }
            }
        }
        assertThat(answered).hasSizeGreaterThanOrEqualTo(400);
        assertThat(missing).as("answered requests without a trace (gateway log: " + log + ")").isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int verification = VerifyTracesCommand.run(CdapGatewayApplication::commandContext, Map.of("spring.datasource.url", url,
                "spring.datasource.username", "postgres", "spring.datasource.password", "postgres"),
                new PrintStream(out, true));
        assertThat(verification).as(out.toString()).isZero();
        assertThat(Files.size(log)).isPositive();
    }

    private static void load(Api api, Set<String> answered, AtomicBoolean stop) {
        for (int i = 0; i < 20_000 && !stop.get(); i++) {
            String id = "kill-" + UUID.randomUUID();
            try {
                Api.Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial")
                        .as("niort.agent1", "Demo-Cdap-2026!").motif("CENTRE_LOISIRS").requestId(id).send();
                if (reply.status() == 200) {
                    answered.add(id);
                }
            } catch (RuntimeException gatewayGone) {
                return;
            }
        }
    }
}
