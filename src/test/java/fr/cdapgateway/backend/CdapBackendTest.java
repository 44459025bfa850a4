package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Grant;
import fr.cdapgateway.api.NumeroAllocataire;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.consultation.AllowLists;
import fr.cdapgateway.support.ProfilesFromConfig;

/**
 * What the gateway sends to CDAP and what it keeps of the answer, without Camel or a socket: the headers are
 * the gateway's own, the answer is strictly parsed, bounded, reduced to the profile's leaves and must be the
 * dossier asked for.
 */
class CdapBackendTest {

    private final CdapBackend backend = new CdapBackend(JsonMapper.builder().build(), new AllowLists(),
            new CdapProperties("http://127.0.0.1:1", 1000, 2000, "cdap-gateway", "secret", 4096, 10));

    @AfterEach
    void forgetTheDeadline() {
        BackendConnections.deadline(0);
    }

    private static GatewayRequest request(String profile) {
        GatewayRequest request = new GatewayRequest("req-1", "CONSULTATION_QF", System.nanoTime(), "127.0.0.1",
                null, "/");
        request.account(new Account(1, "niort.agent1", "791", "79-2017-19", "N", "P", "e@x.example", "PERSONNE",
                "UTILISATEUR", null, "h", false, 0, null, null, null, null, null, false));
        request.grant(new Grant(1, ProfilesFromConfig.load().get(profile), "RESTAURATION_SCOLAIRE"));
        request.numero(new NumeroAllocataire("1000042"));
        return request;
    }

    private static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private Problem refusal(GatewayRequest request, int status, String type, String json) {
        try {
            backend.read(request, status, type, json == null ? null : body(json));
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void theBackendGetsTheGatewaysCredentialAndTheCallersIdentityNothingFromTheClient() {
        GatewayRequest request = request("T2");

        CdapBackend.Call call = backend.prepare(request);

        assertThat(call.path()).isEqualTo("1000042");
        assertThat(call.headers()).containsOnlyKeys("Accept", "Authorization", "X-Utilisateur", "X-Convention",
                "X-Profil", "X-Request-ID");
        assertThat(call.headers()).containsEntry("X-Utilisateur", "niort.agent1").containsEntry("X-Profil", "T2")
                .containsEntry("X-Request-ID", "req-1").containsEntry("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString("cdap-gateway:secret".getBytes()));
        assertThat(request.backendDeadline()).isGreaterThan(System.nanoTime());
    }

    @Test
    void theAnswerIsReducedToTheProfilesLeavesAndTheHoldingCafIsLearnt() {
        GatewayRequest request = request("T2");
        backend.prepare(request);

        ObjectNode dossier = backend.read(request, 200, "application/json; charset=utf-8", body("""
                {"numeroAllocataire":"1000042","caf":"501","nir":"1 84 12 75 123 456 78",
                 "quotientsFamiliaux":[{"annee":2026,"mois":9,"valeur":645,"statut":"CALCULE","calcul":{"x":1}}],
                 "adresse":{"ligne":"1 rue"}}"""));

        assertThat(dossier.toString()).isEqualTo("{\"numeroAllocataire\":\"1000042\",\"quotientsFamiliaux\":"
                + "[{\"annee\":2026,\"mois\":9,\"valeur\":645,\"statut\":\"CALCULE\"}]}");
        assertThat(request.dossierCaf()).as("read for the convention's rule, not shown to T2").isEqualTo("501");
    }

    @Test
    void anythingButTheDossierAskedForIsABackendError() {
        GatewayRequest request = request("T2");
        backend.prepare(request);

        assertThat(refusal(request, 404, "application/json", "{}")).isEqualTo(Problem.DOSSIER_NOT_FOUND);
        assertThat(refusal(request, 500, "application/json", "{\"trace\":\"...\"}")).isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "text/html", "<html>")).isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "application/json", "[1,2]")).isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "application/json", "{\"numeroAllocataire\":\"1000042\"} {}"))
                .as("trailing tokens").isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "application/json",
                "{\"numeroAllocataire\":\"1000042\",\"numeroAllocataire\":\"1000043\"}"))
                .as("a key given twice").isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "application/json", "{\"numeroAllocataire\":\"9999999\"}"))
                .as("another family than the one asked for").isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "application/json", null)).isEqualTo(Problem.BACKEND_ERROR);
        assertThat(refusal(request, 200, "application/json",
                "{\"numeroAllocataire\":\"1000042\",\"x\":\"" + "a".repeat(8192) + "\"}"))
                .as("beyond the bounded size").isEqualTo(Problem.BACKEND_ERROR);
    }
}
