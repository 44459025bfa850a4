package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestPorts;

/**
 * The backend call under stress (SPEC §11): the circuit breaker opens on faults and answers at once, recovers
 * through half-open; a 404 is not a fault; the bulkhead refuses instead of queueing threads. Thresholds are
 * narrowed so that a test sees them bite quickly; the breaker is reset before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability
class ResilienceIT {

    static final String DEMO = "Demo-Cdap-2026!";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        String cdap = "resilience4j.circuitbreaker.instances.cdap.";
        registry.add(cdap + "sliding-window-size", () -> 10);
        registry.add(cdap + "minimum-number-of-calls", () -> 5);
        registry.add(cdap + "wait-duration-in-open-state", () -> "1s");
        registry.add(cdap + "permitted-number-of-calls-in-half-open-state", () -> 2);
        registry.add("gateway.cdap.bulkhead.max-concurrent-calls", () -> 2);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @LocalManagementPort
    int managementPort;
    @Autowired
    CircuitBreaker cdapCircuitBreaker;

    Api api;

    @BeforeEach
    void reset() {
        api = new Api(apiPort);
        cdapCircuitBreaker.reset();
    }

    @Test
    void faultsOpenTheCircuitWhichAnswersAtOnceThenRecovers() {
        // five calls: the minimum the breaker judges on, all failed
        for (int i = 0; i < 5; i++) {
            assertThat(dossier("9999500").code()).isEqualTo("backend-error");
        }
        long start = System.nanoTime();
        Reply shortCircuited = dossier("1000042");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(shortCircuited.status()).isEqualTo(503);
        assertThat(shortCircuited.code()).isEqualTo("backend-unavailable");
        assertThat(millis).as("no backend call, no timeout").isLessThan(500);
        assertThat(cdapCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(management("/actuator/health/readiness").body()).contains("\"state\":\"OPEN\"");
        assertThat(management("/actuator/prometheus").body())
                .contains("resilience4j_circuitbreaker_state{name=\"cdap\",state=\"open\"} 1.0");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> dossier("1000042").status() == 200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            dossier("1000042");
            return cdapCircuitBreaker.getState() == CircuitBreaker.State.CLOSED;
        });
    }

    @Test
    void aMissingDossierIsAnAnswerNotAFault() {
        for (int i = 0; i < 12; i++) {
            assertThat(dossier("2000000").code()).isEqualTo("dossier-not-found");
        }
        assertThat(cdapCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(cdapCircuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void theBulkheadRefusesInsteadOfQueueing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                long began = System.nanoTime();
                Reply reply = dossier("9999504");
                return new long[] {reply.status(), (System.nanoTime() - began) / 1_000_000};
            }));
        }
        start.countDown();
        int slow = 0;
        int refused = 0;
        for (Future<long[]> call : calls) {
            long[] outcome = call.get(30, TimeUnit.SECONDS);
            if (outcome[0] == 504) {
                slow++;
            } else if (outcome[0] == 503) {
                refused++;
                assertThat(outcome[1]).as("refused at once").isLessThan(1000);
            }
        }
        pool.shutdown();

        assertThat(slow).as("at most the bulkhead's 2 calls wait for the backend").isLessThanOrEqualTo(2);
        assertThat(refused).isGreaterThanOrEqualTo(4);
    }

    @Test
    void metricsAreOnTheManagementPortOnlyWithTheirLabels() {
        dossier("1000042");
        api.get("/api/v1/moi").as("dep79.social", "wrong").send();
        String metrics = management("/actuator/prometheus").body();

        assertThat(metrics).contains("gateway_requests_seconds_bucket{action=\"CONSULTATION_DOSSIER\",code=\"none\","
                + "profil=\"T1\",route=\"rest-consult-dossier\",statut=\"200\"");
        assertThat(metrics).contains("gateway_requests_seconds_count{action=\"MOI\",code=\"credentials-invalid\"");
        assertThat(metrics).contains("gateway_trace_commit_seconds_count", "gateway_trace_batch_size_count",
                "gateway_trace_queue", "cache_gets_total{cache=\"credentials\",result=\"hit\"}",
                "resilience4j_circuitbreaker_state{name=\"cdap\"", "resilience4j_bulkhead");
        assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(404);
        assertThat(api.get("/actuator/health").send().status()).isEqualTo(404);
        assertThat(management("/actuator/camelroutes").body()).contains("consult-quotient-familial");
    }

    private Reply dossier(String numero) {
        return api.get("/api/v1/dossiers/" + numero).as("dep79.social", DEMO).motif("ACTION_SOCIALE").send();
    }

    private Reply management(String path) {
        return new Api(managementPort).get(path).send();
    }
}
