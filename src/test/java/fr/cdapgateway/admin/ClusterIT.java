package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.CdapGatewayApplication;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;
import fr.cdapgateway.trace.TraceRetention;
import fr.cdapgateway.trace.TraceVerifier;

/**
 * Two instances on one PostgreSQL (SPEC §3). An access change made through one reaches the other by notification
 * within 100 ms — the generation counter's polling is set to an hour here, so nothing else could bring it. The
 * same login from two addresses is flagged whichever instances served the two calls. (Both instances take
 * X-Forwarded-For from the test, as from a load balancer on the loopback.)
 */
// closed when the class is done, while its PostgreSQL server still runs
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"gateway.admin.invalidation-poll=1h", "gateway.api.trusted-proxies=127.0.0.1",
                "gateway.auth.lockout-threshold=3", "gateway.throttle.conventions.79-DEMO-RSA.per-user-daily=3"})
class ClusterIT {

    private static final String DEMO = "Demo-Cdap-2026!";
    private static final String QF = "/api/v1/dossiers/1000042/quotient-familial";
    private static String databaseUrl;
    private static ConfigurableApplicationContext instanceB;
    private static Api b;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        databaseUrl = EmbeddedPostgres.registerShared(registry);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext instanceA;

    private Api a() {
        return new Api(apiPort);
    }

    /** Started once instance A (the test's context) has created the schema and the demo data. */
    private static synchronized Api b() {
        if (instanceB == null) {
            int[] ports = TestPorts.freePorts(4);
            instanceB = SpringApplication.run(CdapGatewayApplication.class, List.of("--gateway.api.host=127.0.0.1",
                    "--gateway.api.port=" + ports[0], "--gateway.simulator.port=" + ports[1],
                    "--server.port=" + ports[2], "--management.server.port=" + ports[3],
                    "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres", "--gateway.trace.instance=gateway-b",
                    "--gateway.admin.invalidation-poll=1h", "--gateway.api.trusted-proxies=127.0.0.1",
                    "--gateway.auth.lockout-threshold=3",
                    "--gateway.throttle.conventions.79-DEMO-RSA.per-user-daily=3")
                    .toArray(String[]::new));
            b = new Api(ports[0]);
        }
        return b;
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private static AccessListener listenerOfB() {
        return instanceB.getBean(AccessListener.class);
    }

    /** Runs the change on A and returns how long after A answered B dropped its caches (0 if before). */
    private static long millisUntilBFollows(Runnable changeOnA) {
        await().atMost(Duration.ofSeconds(30)).until(() -> listenerOfB().listening());
        long before = listenerOfB().invalidations();
        changeOnA.run();
        long answered = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> listenerOfB().invalidations() > before);
        return Math.max(0, listenerOfB().lastInvalidationNanos() - answered) / 1_000_000;
    }

    @Test
    void aSuspensionThroughOneInstanceBlocksTheNextCallOnTheOther() {
        Api b = b();
        assertThat(b.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send().status()).isEqualTo(200);

        long millis = millisUntilBFollows(() -> assertThat(a().post("/api/v1/admin/utilisateurs/niort.agent1/suspension",
                null).as("caf79.admin", DEMO).send().status()).isBetween(200, 204));
        Reply onB = b.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send();

        assertThat(millis).as("from A's answer to B's caches dropped").isLessThanOrEqualTo(100);
        assertThat(onB.status()).as(onB.toString()).isEqualTo(403);
        assertThat(onB.code()).isEqualTo("account-suspended");
    }

    @Test
    void aPasswordChangedThroughOneInstanceNoLongerOpensTheOther() {
        Api b = b();
        String changed = "Un-Mot-De-Passe-Solide-79";
        assertThat(b.get(QF).as("niort.agent2", DEMO).motif("CENTRE_LOISIRS").send().status()).isEqualTo(200);

        long millis = millisUntilBFollows(() -> assertThat(a().put("/api/v1/moi/mot-de-passe",
                "{\"ancienMotDePasse\":\"" + DEMO + "\",\"nouveauMotDePasse\":\"" + changed + "\"}")
                .as("niort.agent2", DEMO).send().status()).isBetween(200, 204));
        Reply oldOnB = b.get(QF).as("niort.agent2", DEMO).motif("CENTRE_LOISIRS").send();
        Reply newOnB = b.get(QF).as("niort.agent2", changed).motif("CENTRE_LOISIRS").send();

        assertThat(millis).as("from A's answer to B's caches dropped").isLessThanOrEqualTo(100);
        assertThat(oldOnB.status()).as(oldOnB.toString()).isEqualTo(401);
        assertThat(newOnB.status()).as(newOnB.toString()).isEqualTo(200);
    }

    @Test
    void aLockoutOnOneInstanceHoldsOnTheOtherAndAnUnlockThroughOneFreesBoth() {
        Api b = b();
        assertThat(b.get("/api/v1/moi").as("niort.suppleant", DEMO).send().status()).isEqualTo(200);

        long locked = millisUntilBFollows(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(a().get("/api/v1/moi").as("niort.suppleant", "wrong-" + i).send().status()).isEqualTo(401);
            }
        });
        Reply lockedOnB = b.get("/api/v1/moi").as("niort.suppleant", DEMO).send();
        long unlocked = millisUntilBFollows(() -> assertThat(a().post(
                "/api/v1/admin/utilisateurs/niort.suppleant/deverrouillage", null).as("caf79.admin", DEMO).send()
                .status()).isBetween(200, 204));
        Reply unlockedOnB = b.get("/api/v1/moi").as("niort.suppleant", DEMO).send();

        assertThat(locked).isLessThanOrEqualTo(100);
        assertThat(lockedOnB.status()).as(lockedOnB.toString()).isEqualTo(401);
        assertThat(unlocked).isLessThanOrEqualTo(100);
        assertThat(unlockedOnB.status()).as(unlockedOnB.toString()).isEqualTo(200);
    }

    @Test
    void aDailyQuotaHoldsForTheSumOfBothInstances() {
        List<Api> instances = List.of(a(), b());
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(instances.get(i % 2).get("/api/v1/dossiers/1000042").as("dep79.social", DEMO)
                    .motif("ACTION_SOCIALE").send().status());
        }
        Reply fifth = b().get("/api/v1/dossiers/1000042").as("dep79.social", DEMO).motif("ACTION_SOCIALE").send();

        assertThat(statuses).as("a quota of 3 a day, calls alternating between A and B").containsExactly(200, 200, 200, 429);
        assertThat(fifth.code()).isEqualTo("quota-exceeded");
    }

    @Test
    void theSameLoginFromTwoAddressesIsFlaggedWhicheverInstancesServedTheCalls() {
        Api b = b();
        String first = "cluster-" + java.util.UUID.randomUUID();
        String second = "cluster-" + java.util.UUID.randomUUID();

        // a login no other test of this class uses: its first call here has no history anywhere
        Reply onA = a().get("/api/v1/moi").as("cherbourg.admin", DEMO).header("X-Forwarded-For", "198.51.100.1")
                .requestId(first).send();
        Reply onB = b.get("/api/v1/moi").as("cherbourg.admin", DEMO).header("X-Forwarded-For", "198.51.100.2")
                .requestId(second).send();

        assertThat(onA.status()).as(onA.toString()).isEqualTo(200);
        assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
        assertThat(flags(first)).doesNotContain("credential-sharing-suspected");
        assertThat(flags(second)).contains("credential-sharing-suspected");
    }

    @Test
    void roundRobinCallsAreEachTracedOnceBothChainsVerifyAndANightlyPurgeRunsOnce() {
        List<Api> instances = List.of(a(), b());
        List<String> answered = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) { // within the user's burst of 20, shared by both
            String id = "round-robin-" + i + "-" + java.util.UUID.randomUUID();
            Reply reply = instances.get(i % 2).get(QF).as("cherbourg.agent1", DEMO).motif("RESTAURATION_SCOLAIRE")
                    .requestId(id).send();
            if (reply.status() == 200) {
                answered.add(id);
            }
        }
        instanceA.getBean(TraceRetention.class).scheduledPurge();
        instanceB.getBean(TraceRetention.class).scheduledPurge();

        assertThat(answered).hasSize(16);
        for (String id : answered) {
            assertThat(jdbc.sql("select count(*) from trace where request_id = :id").param("id", id)
                    .query(Long.class).single()).as(id).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(distinct instance) from trace where request_id like 'round-robin-%'")
                .query(Long.class).single()).isEqualTo(2);
        TraceVerifier.Result verified = instanceA.getBean(TraceVerifier.class).verify();
        assertThat(verified.valide()).as(String.valueOf(verified.premiereAnomalie())).isTrue();
        assertThat(jdbc.sql("select count(*) from trace where action = 'PURGE_TRACES'").query(Long.class).single())
                .as("the purge fired on both instances ran on one").isEqualTo(1);
    }

    private String flags(String requestId) {
        return jdbc.sql("select coalesce(indicateurs, '') from trace where request_id = :id").param("id", requestId)
                .query(String.class).single();
    }
}
