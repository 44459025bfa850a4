package fr.cdapgateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.RawHttp;
import fr.cdapgateway.support.TestAccounts;
import fr.cdapgateway.auth.PasswordHasher;

/**
 * Human-paced access end to end (SPEC §7, §10) with the real limits of config/limits.yml, except where a test
 * narrows a convention's limits to see them bite. Buckets are cleared before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class ThrottleScenarios {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String QF = "/api/v1/dossiers/1000042/quotient-familial";

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BucketStore buckets;
    @Autowired
    PasswordHasher hasher;

    Api api;
    TestAccounts fixtures;

    @BeforeEach
    void reset() {
        api = new Api(apiPort);
        fixtures = new TestAccounts(jdbc, hasher);
        buckets.clear();
    }

    @Test
    void fortyFastCallsGiveTwentyOddAnswersThenRateLimitedWithHeaders() {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            replies.add(api.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send());
        }
        long ok = replies.stream().filter(r -> r.status() == 200).count();
        Reply refused = replies.get(39);

        assertThat(ok).isBetween(20L, 25L);
        assertThat(replies.get(0).header("RateLimit-Limit")).isEqualTo("20");
        assertThat(replies.get(0).header("RateLimit-Remaining")).isEqualTo("19");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate-limited");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("20");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(refused.header("RateLimit-Reset"))).isPositive();
        assertThat(jdbc.sql("select code from trace where request_id = :id").param("id", refused.header("X-Request-ID"))
                .query(String.class).single()).isEqualTo("rate-limited");
        // the bucket refills at one token a second: a call goes through again within a few seconds
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() ->
                api.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send().status() == 200);
    }

    @Test
    void theDailyQuotaIsQuotaExceededUntilMidnight() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(api.get(QF).as("cherbourg.agent1", DEMO).motif("RESTAURATION_SCOLAIRE").send().status());
        }
        Reply refused = api.get(QF).as("cherbourg.agent1", DEMO).motif("RESTAURATION_SCOLAIRE").send();
        JsonNode me = api.get("/api/v1/moi").as("cherbourg.agent1", DEMO).send().json();

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(refused.code()).isEqualTo("quota-exceeded");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(me.path("quotas").path("consultationsParJour").path("limite").asInt()).isEqualTo(3);
        assertThat(me.path("quotas").path("consultationsParJour").path("restant").asInt()).isZero();
    }

    @Test
    void theConventionsLimitHoldsAcrossItsUsers() {
        int accepted = 0;
        for (String user : List.of("dep79.social", "dep79.suivi", "dep79.social", "dep79.suivi", "dep79.social",
                "dep79.suivi")) {
            accepted += api.get("/api/v1/dossiers/1000042").as(user, DEMO).motif("ACTION_SOCIALE").send().status() == 200
                    ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(4);
    }

    @Test
    void aBatchAnswersItemByItemAndEachItemIsTracedAndCounted() {
        String id = "batch-" + UUID.randomUUID();
        long before = api.get("/api/v1/moi").as("niort.agent2", DEMO).send().json()
                .path("quotas").path("consultationsParJour").path("restant").asLong();
        Reply batch = api.post("/api/v1/quotients-familiaux",
                "{\"numerosAllocataires\":[\"1000042\",\"1000043\",\"2000000\",\"9999001\",\"9999500\"],"
                        + "\"annee\":2026,\"mois\":9}").as("niort.agent2", DEMO).motif("CENTRE_LOISIRS").requestId(id).send();
        long after = api.get("/api/v1/moi").as("niort.agent2", DEMO).send().json()
                .path("quotas").path("consultationsParJour").path("restant").asLong();

        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode results = batch.json().path("resultats");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).path("quotientFamilial").path("valeur").asInt()).isEqualTo(645);
        assertThat(results.get(0).path("statut").asInt()).isEqualTo(200);
        assertThat(results.get(2).path("statut").asInt()).isEqualTo(404);
        assertThat(results.get(2).path("code").asText()).isEqualTo("dossier-not-found");
        assertThat(results.get(3).path("quotientFamilial").path("statut").asText()).isEqualTo("NON_CONNU");
        assertThat(results.get(4).path("code").asText()).isEqualTo("backend-error");
        assertThat(batch.body()).doesNotContain("adresse", "nir");
        assertThat(before - after).isEqualTo(5);
        List<Map<String, Object>> traces = jdbc.sql("""
                select action, numero_allocataire, statut, code from trace where request_id = :id order by sequence""")
                .param("id", id).query().listOfRows();
        assertThat(traces).hasSize(6);
        assertThat(traces.stream().filter(t -> "CONSULTATION_QF".equals(t.get("action")))).hasSize(5);
        assertThat(traces.get(traces.size() - 1)).containsEntry("action", "LOT_QUOTIENTS_FAMILIAUX")
                .containsEntry("statut", 200);
    }

    @Test
    void aBatchBeyondAHundredOrWithAMalformedNumberIsRefusedWhole() {
        StringBuilder many = new StringBuilder("{\"numerosAllocataires\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(1000000 + i).append('"');
        }
        many.append("]}");
        Reply tooMany = api.post("/api/v1/quotients-familiaux", many.toString()).as("niort.agent2", DEMO)
                .motif("CENTRE_LOISIRS").send();
        Reply malformed = api.post("/api/v1/quotients-familiaux",
                "{\"numerosAllocataires\":[\"1000042\",\"12345\",\"abcdefg\"]}").as("niort.agent2", DEMO)
                .motif("CENTRE_LOISIRS").send();
        Reply empty = api.post("/api/v1/quotients-familiaux", "{\"numerosAllocataires\":[]}").as("niort.agent2", DEMO)
                .motif("CENTRE_LOISIRS").send();
        Reply wrongProfile = api.post("/api/v1/quotients-familiaux", "{\"numerosAllocataires\":[\"1000042\"]}")
                .as("dep79.suivi", DEMO).motif("SUIVI_RSA").send();

        assertThat(tooMany.code()).isEqualTo("invalid-request");
        assertThat(malformed.code()).isEqualTo("invalid-numero-allocataire");
        assertThat(malformed.json().path("invalides").toString()).isEqualTo("[\"12345\",\"abcdefg\"]");
        assertThat(empty.code()).isEqualTo("invalid-request");
        assertThat(wrongProfile.code()).isEqualTo("forbidden");
    }

    @Test
    void theSameLoginFromTwoAddressesIsFlaggedAndRefusedWhereTheConventionAsks() {
        String first = "share-" + UUID.randomUUID();
        String second = "share-" + UUID.randomUUID();
        Reply fromHere = api.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").requestId(first).send();
        RawHttp.Response fromElsewhere = RawHttp.get("127.0.0.2", apiPort, QF, Map.of(
                "Authorization", Api.basic("niort.agent1", DEMO), "X-Motif", "CENTRE_LOISIRS", "X-Request-ID", second));
        api.get("/api/v1/dossiers/1000042").as("dep79.social", DEMO).motif("ACTION_SOCIALE").send();
        RawHttp.Response strict = RawHttp.get("127.0.0.2", apiPort, "/api/v1/dossiers/1000042", Map.of(
                "Authorization", Api.basic("dep79.social", DEMO), "X-Motif", "ACTION_SOCIALE"));

        assertThat(fromHere.status()).isEqualTo(200);
        assertThat(fromElsewhere.status()).as("recorded and alerted, not refused, by default").isEqualTo(200);
        assertThat(trace(first)).containsEntry("indicateurs", null).containsEntry("adresse_client", "127.0.0.1");
        assertThat(trace(second)).containsEntry("indicateurs", "credential-sharing-suspected")
                .containsEntry("adresse_client", "127.0.0.2");
        assertThat(strict.status()).isEqualTo(403);
        assertThat(strict.body()).contains("credential-sharing-suspected");
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        String id = "xff-" + UUID.randomUUID();
        api.get("/api/v1/statut").header("X-Forwarded-For", "203.0.113.7").requestId(id).send();

        assertThat(trace(id)).containsEntry("adresse_client", "127.0.0.1");
    }

    @Test
    void tenFailedLoginsFromOneAddressStopItsAttemptsForAWhile() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(RawHttp.get("127.0.0.3", apiPort, "/api/v1/moi",
                    Map.of("Authorization", Api.basic("guess." + i, "wrong-password"))).status());
        }
        String neverVerified = TestAccounts.uniqueLogin("agent");
        fixtures.person(neverVerified, "79-2017-19", "791");
        RawHttp.Response rightPassword = RawHttp.get("127.0.0.3", apiPort, "/api/v1/moi",
                Map.of("Authorization", Api.basic(neverVerified, TestAccounts.PASSWORD)));
        Reply otherAddress = api.get("/api/v1/moi").as("niort.agent2", DEMO).send();

        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.get(10)).isEqualTo(429);
        assertThat(rightPassword.status()).as("credentials never verified: they would need an Argon2 verification")
                .isEqualTo(429);
        assertThat(rightPassword.headers()).containsKey("retry-after");
        assertThat(otherAddress.status()).isEqualTo(200);
    }

    @Test
    void aColleaguesVerifiedCallFromTheSameAddressPassesDuringAnothersFailedLoginLockout() {
        String colleague = TestAccounts.uniqueLogin("agent");
        long id = fixtures.person(colleague, "79-2017-19", "791");
        fixtures.grant(id, "79-2017-19", "T2", java.time.LocalDate.now().minusDays(1), null);
        Map<String, String> colleagueAuth = Map.of("Authorization", Api.basic(colleague, TestAccounts.PASSWORD),
                "X-Motif", "CENTRE_LOISIRS");
        RawHttp.Response before = RawHttp.get("127.0.0.4", apiPort, QF, colleagueAuth);
        List<Integer> mistyped = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            mistyped.add(RawHttp.get("127.0.0.4", apiPort, "/api/v1/moi",
                    Map.of("Authorization", Api.basic("niort.agent1", "mot-de-passe-mal-tape"))).status());
        }
        RawHttp.Response during = RawHttp.get("127.0.0.4", apiPort, QF, colleagueAuth);
        String neverVerified = TestAccounts.uniqueLogin("agent");
        fixtures.person(neverVerified, "79-2017-19", "791");
        RawHttp.Response coldDuring = RawHttp.get("127.0.0.4", apiPort, "/api/v1/moi",
                Map.of("Authorization", Api.basic(neverVerified, TestAccounts.PASSWORD)));

        assertThat(before.status()).isEqualTo(200);
        assertThat(mistyped.get(10)).isEqualTo(429);
        assertThat(during.status()).as("the colleague's credentials are already verified").isEqualTo(200);
        assertThat(coldDuring.status()).isEqualTo(429);
    }

    @Test
    void sixtyConcurrentCallsOfOneUserConsumeTheDailyQuotaOnlyForThoseServed() throws Exception {
        String agent = TestAccounts.uniqueLogin("agent");
        long id = fixtures.person(agent, "79-2017-19", "791");
        fixtures.grant(id, "79-2017-19", "T2", java.time.LocalDate.now().minusDays(1), null);
        assertThat(api.get("/api/v1/moi").as(agent, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(pool.submit(() -> api.get(QF).as(agent, TestAccounts.PASSWORD).motif("CENTRE_LOISIRS").send()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> call : calls) {
            statuses.add(call.get(60, TimeUnit.SECONDS).status());
        }
        pool.shutdown();
        long served = statuses.stream().filter(s -> s == 200).count();
        long remaining = api.get("/api/v1/moi").as(agent, TestAccounts.PASSWORD).send().json()
                .path("quotas").path("consultationsParJour").path("restant").asLong();

        assertThat(served).isBetween(20L, 30L);
        assertThat(statuses).containsOnly(200, 429);
        assertThat(remaining).isEqualTo(1500 - served);
    }

    @Test
    void aDefaultLimitBatchOfAHundredIsServedWhole() {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            numbers.append(i == 0 ? "" : ",").append('"').append(1000100 + i).append('"');
        }
        Reply batch = api.post("/api/v1/quotients-familiaux", "{\"numerosAllocataires\":[" + numbers + "]}")
                .as("niort.agent2", DEMO).motif("CENTRE_LOISIRS").send();

        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("synthese").path("200").asInt()).as(batch.json().path("synthese").toString())
                .isEqualTo(100);
    }

    @Test
    void verifiedCallersAreNeverRefusedWhileWrongPasswordsFloodFromManyAddresses() throws Exception {
        assertThat(api.get("/api/v1/moi").as("niort.agent2", DEMO).send().status()).isEqualTo(200);
        ExecutorService flood = Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger floodBusy = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            flood.submit(() -> {
                for (int i = 0; !stop.get() && i < 400; i++) {
                    String address = "127.0." + (10 + thread) + "." + (1 + i % 200);
                    int status = RawHttp.get(address, apiPort, "/api/v1/moi",
                            Map.of("Authorization", Api.basic("pirate." + thread + "." + i, "devine-" + i))).status();
                    if (status == 429) {
                        floodBusy.incrementAndGet();
                    }
                }
            });
        }
        List<Integer> verified = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                verified.add(api.get("/api/v1/moi").as("niort.agent2", DEMO).send().status());
            }
        } finally {
            stop.set(true);
            flood.shutdown();
            assertThat(flood.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(verified).containsOnly(200);
    }

    private Map<String, Object> trace(String requestId) {
        return jdbc.sql("select indicateurs, adresse_client from trace where request_id = :id").param("id", requestId)
                .query().singleRow();
    }
}
