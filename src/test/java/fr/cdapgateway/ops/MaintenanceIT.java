package fr.cdapgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestPorts;

/** Planned maintenance (SPEC §11): announced by a CAF admin, 503 maintenance during it, listed in /statut. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MaintenanceIT {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String QF = "/api/v1/dossiers/1000042/quotient-familial";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        // a window from configuration, next month
        registry.add("gateway.maintenances[0].debut", () -> Instant.now().plus(30, ChronoUnit.DAYS).toString());
        registry.add("gateway.maintenances[0].fin", () -> Instant.now().plus(30, ChronoUnit.DAYS).plusSeconds(7200).toString());
        registry.add("gateway.maintenances[0].message", () -> "Migration annuelle du service CDAP.");
    }

    @Value("${gateway.api.port}")
    int apiPort;

    @Test
    void aWindowAnnouncedByTheCafStopsConsultationsUntilItEnds() {
        Api api = new Api(apiPort);
        Instant end = Instant.now().plusSeconds(4);
        String window = "{\"debut\":\"" + Instant.now().minusSeconds(1) + "\",\"fin\":\"" + end
                + "\",\"message\":\"Intervention sur le service CDAP.\"}";
        Reply refusedToPartner = api.post("/api/v1/admin/maintenances", window).as("niort.admin", DEMO).send();
        Reply past = api.post("/api/v1/admin/maintenances", "{\"debut\":\"2020-01-01T00:00:00Z\","
                + "\"fin\":\"2020-01-01T01:00:00Z\",\"message\":\"x\"}").as("caf79.admin", DEMO).send();
        Reply backwards = api.post("/api/v1/admin/maintenances", "{\"debut\":\"2030-01-01T01:00:00Z\","
                + "\"fin\":\"2030-01-01T00:00:00Z\",\"message\":\"x\"}").as("caf79.admin", DEMO).send();
        Reply announced = api.post("/api/v1/admin/maintenances", window).as("caf79.admin", DEMO).send();
        Reply during = api.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send();
        Reply status = api.get("/api/v1/statut").send();

        assertThat(refusedToPartner.status()).isEqualTo(403);
        assertThat(past.code()).isEqualTo("invalid-request");
        assertThat(backwards.code()).isEqualTo("invalid-request");
        assertThat(announced.status()).as(announced.toString()).isEqualTo(201);
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.code()).isEqualTo("maintenance");
        assertThat(during.json().path("detail").asText()).isEqualTo("Intervention sur le service CDAP.");
        assertThat(Long.parseLong(during.header("Retry-After"))).isBetween(1L, 5L);
        assertThat(status.json().path("statut").asText()).isEqualTo("MAINTENANCE");
        assertThat(status.json().path("maintenances")).hasSize(2);
        assertThat(status.json().path("maintenances").get(1).path("message").asText())
                .isEqualTo("Migration annuelle du service CDAP.");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                api.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send().status() == 200);
        assertThat(api.get("/api/v1/statut").send().json().path("statut").asText()).isEqualTo("DISPONIBLE");
    }

    @Test
    void aWindowStopsOnlyTheDeclaringCafsPartnersAndItsCafCancelsIt() {
        Api api = new Api(apiPort);
        String window = "{\"debut\":\"" + Instant.now().minusSeconds(1) + "\",\"fin\":\""
                + Instant.now().plus(1, ChronoUnit.HOURS) + "\",\"message\":\"Bascule du centre serveur de la Manche.\"}";
        Reply tooLong = api.post("/api/v1/admin/maintenances", "{\"debut\":\"" + Instant.now() + "\",\"fin\":\""
                + Instant.now().plus(10, ChronoUnit.DAYS) + "\",\"message\":\"x\"}").as("caf50.admin", DEMO).send();
        Reply announced = api.post("/api/v1/admin/maintenances", window).as("caf50.admin", DEMO).send();
        long id = announced.json().path("id").asLong();
        Reply cherbourgDuring = api.get(QF).as("cherbourg.agent1", DEMO).motif("RESTAURATION_SCOLAIRE").send();
        Reply niortDuring = api.get(QF).as("niort.agent1", DEMO).motif("CENTRE_LOISIRS").send();
        Reply listedToOtherCaf = api.get("/api/v1/admin/maintenances").as("caf79.admin", DEMO).send();
        Reply cancelledByOtherCaf = api.delete("/api/v1/admin/maintenances/" + id).as("caf79.admin", DEMO).send();
        Reply cancelledByPartner = api.delete("/api/v1/admin/maintenances/" + id).as("cherbourg.admin", DEMO).send();
        Reply cancelled = api.delete("/api/v1/admin/maintenances/" + id).as("caf50.admin", DEMO).send();
        Reply cancelledTwice = api.delete("/api/v1/admin/maintenances/" + id).as("caf50.admin", DEMO).send();
        Reply cherbourgAfter = api.get(QF).as("cherbourg.agent1", DEMO).motif("RESTAURATION_SCOLAIRE").send();

        assertThat(tooLong.code()).isEqualTo("invalid-request");
        assertThat(announced.status()).as(announced.toString()).isEqualTo(201);
        assertThat(announced.json().path("caf").asText()).isEqualTo("501");
        assertThat(cherbourgDuring.code()).isEqualTo("maintenance");
        assertThat(niortDuring.status()).as(niortDuring.toString()).isEqualTo(200);
        assertThat(listedToOtherCaf.body()).doesNotContain("Manche");
        assertThat(cancelledByOtherCaf.status()).isEqualTo(404);
        assertThat(cancelledByPartner.status()).isEqualTo(403);
        assertThat(cancelled.status()).isEqualTo(204);
        assertThat(cancelledTwice.status()).isEqualTo(404);
        assertThat(cherbourgAfter.status()).as(cherbourgAfter.toString()).isEqualTo(200);
    }
}
