package fr.cdapgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.MutableClock;
import fr.cdapgateway.support.Schema;

/** Two instances of a cluster on one database fire the same job: one of them runs it (SPEC §3). */
class ClusterJobsIT {

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static JdbcClient database(String kind) {
        DataSource data = kind.equals("h2")
                ? new DriverManagerDataSource("jdbc:h2:mem:jobs-" + System.nanoTime()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(EmbeddedPostgres.createDatabase(EmbeddedPostgres.server()),
                        "postgres", "postgres");
        Schema.migrate(data, kind);
        return JdbcClient.create(data);
    }

    /** Two instances on one database, on one clock the test moves. */
    private record Cluster(MutableClock clock, ClusterJobs a, ClusterJobs b) {
        Cluster(JdbcClient jdbc, MutableClock clock) {
            this(clock, new ClusterJobs(new Leases(jdbc), clock, "gateway-a"),
                    new ClusterJobs(new Leases(jdbc), clock, "gateway-b"));
        }

        Cluster(JdbcClient jdbc) {
            this(jdbc, new MutableClock(Instant.parse("2026-12-02T02:30:00Z")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ofTwoInstancesFiringTheSameRunOnlyOneRunsItUntilItsHoldIsOver(String kind) {
        Cluster cluster = new Cluster(database(kind));
        MutableClock clock = cluster.clock();
        ClusterJobs a = cluster.a();
        ClusterJobs b = cluster.b();
        AtomicInteger runs = new AtomicInteger();

        assertThat(a.runOnce("purge", Duration.ofHours(1), runs::incrementAndGet)).isTrue();
        assertThat(b.runOnce("purge", Duration.ofHours(1), runs::incrementAndGet)).isFalse();
        clock.advance(Duration.ofMinutes(59));
        assertThat(b.runOnce("purge", Duration.ofHours(1), runs::incrementAndGet)).as("a minute late").isFalse();
        assertThat(runs).hasValue(1);

        clock.advance(Duration.ofDays(1));
        assertThat(b.runOnce("purge", Duration.ofHours(1), runs::incrementAndGet)).as("the next day").isTrue();
        assertThat(a.runOnce("purge", Duration.ofHours(1), runs::incrementAndGet)).isFalse();
        assertThat(a.runOnce("other-job", Duration.ofHours(1), runs::incrementAndGet)).as("jobs are apart").isTrue();
        assertThat(runs).hasValue(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRunThatFailsGivesTheJobBackForTheNextFiring(String kind) {
        Cluster cluster = new Cluster(database(kind));
        ClusterJobs a = cluster.a();
        ClusterJobs b = cluster.b();

        assertThatThrownBy(() -> a.runOnce("purge", Duration.ofHours(1), () -> {
            throw new IllegalStateException("database gone");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(b.runOnce("purge", Duration.ofHours(1), () -> { })).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void instancesFiringAtTheSameMomentRunItOnce(String kind) throws Exception {
        JdbcClient jdbc = database(kind);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T02:30:00Z"));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fired = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ClusterJobs instance = new ClusterJobs(new Leases(jdbc), clock, "gateway-" + i);
                fired.add(pool.submit(() -> {
                    start.await();
                    return instance.runOnce("purge", Duration.ofHours(1), runs::incrementAndGet);
                }));
            }
            start.countDown();
            int ran = 0;
            for (Future<Boolean> f : fired) {
                ran += f.get() ? 1 : 0;
            }
            assertThat(ran).isEqualTo(1);
            assertThat(runs).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
