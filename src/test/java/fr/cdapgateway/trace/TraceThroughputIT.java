package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/**
 * Durable traces per second on PostgreSQL, with and without group commit, written by as many concurrent
 * requests as the API has worker threads in a busy moment. The figures go to target/trace-throughput.txt
 * (reported in docs/traceability.md); the test checks that every trace is committed and chained either way.
 */
// closed when the class is done, while its PostgreSQL server still runs: cached until the JVM exits, its
// scheduled jobs and pool checks would find the server stopped by then
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TraceThroughputIT {

    private static final int WRITERS = 64;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.registerDurable(registry);
    }

    @Autowired
    TraceStore store;
    @Autowired
    TraceProperties properties;
    @Autowired
    TraceVerifier verifier;
    @Autowired
    JdbcClient jdbc;

    @Test
    void groupCommitMultipliesDurableTracesPerSecond() throws Exception {
        double single = measure("bench-single", 1, 3_000);
        double grouped = measure("bench-grouped", 500, 20_000);
        String settings = "fsync=" + setting("fsync") + ", synchronous_commit=" + setting("synchronous_commit");
        String report = String.format("durable traces/s on PostgreSQL (%s), %d concurrent writers: without group commit"
                + " %.0f, with group commit %.0f, ratio %.1f%n", settings, WRITERS, single, grouped, grouped / single);
        Files.writeString(Path.of("target", "trace-throughput.txt"), report);
        System.out.print(report);

        assertThat(verifier.verify().valide()).isTrue();
        assertThat(grouped).isGreaterThan(single);
    }

    private double measure(String instance, int maxBatch, int traces) throws Exception {
        TraceWriter writer = new TraceWriter(store, new TraceProperties(properties.hmacKey(), instance, maxBatch,
                20_000, Duration.ofSeconds(30), Period.ofMonths(6), "k1", java.util.Map.of(), Duration.ofSeconds(15)), Clock.systemUTC(),
                new SimpleMeterRegistry());
        writer.start();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < traces / WRITERS; i++) {
                    writer.write(new TraceRecord(Instant.now(), instance, "niort.agent1", "79-2017-19", "CDAP", "T2",
                            "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS", 200, null, 2, "127.0.0.1", "bench",
                            List.of(), null));
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        writer.stop();
        long written = jdbc.sql("select count(*) from trace where instance = :i").param("i", instance)
                .query(Long.class).single();
        assertThat(written).isEqualTo((long) (traces / WRITERS) * WRITERS);
        return written / seconds;
    }

    private String setting(String name) {
        return jdbc.sql("select setting from pg_settings where name = :name").param("name", name)
                .query(String.class).single();
    }
}
