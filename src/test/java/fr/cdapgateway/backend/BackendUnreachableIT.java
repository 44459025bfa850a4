package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.TestPorts;

/** CDAP_BASE_URL pointing at a port nobody listens on: the simulator is off and calls get 503 at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BackendUnreachableIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        int closed = TestPorts.freePort();
        registry.add("gateway.cdap.base-url", () -> "http://127.0.0.1:" + closed);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Value("${gateway.simulator.enabled}")
    boolean simulatorEnabled;

    @Test
    void anUnreachableBackendIsUnavailableNotAnError() {
        Api.Reply reply = new Api(apiPort).get("/api/v1/dossiers/1000042/quotient-familial")
                .as("niort.agent1", "Demo-Cdap-2026!").motif("RESTAURATION_SCOLAIRE").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("backend-unavailable");
        assertThat(reply.body()).doesNotContain("Connect", "java.");
    }
}
