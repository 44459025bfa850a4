package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;

/** Conventions: delegation revoked, dates in force, the centralised convention's requests. Run by {@link AdminH2IT} and {@link AdminPostgresIT}. */
interface ConventionScenarios extends AdminSteps {

    @Test
    default void revokingTheDelegationMakesGrantsRequests() {
        String numero = newConvention("{\"T2\":3}");
        String manager = staff("gest", numero, "GESTIONNAIRE");
        String agent = person(numero);
        Reply revoked = api().patch(ADMIN + "/conventions/" + numero, "{\"mode\":\"CENTRALISE\"}").as("caf79.admin", DEMO).send();
        Reply request = grant(manager, numero, agent, "T2");

        assertThat(revoked.json().path("mode").asText()).isEqualTo("CENTRALISE");
        assertThat(request.status()).isEqualTo(202);
        assertThat(request.json().path("demande").path("statut").asText()).isEqualTo("EN_ATTENTE");
    }

    // ---- convention dates ---------------------------------------------------------------------------------------

    @Test
    default void anEndedConventionRefusesItsAgentsAndManagersButNotTheCaf() {
        String numero = newConvention("{\"T2\":3}");
        String manager = staff("gest", numero, "GESTIONNAIRE");
        String agent = person(numero);
        fixtures().grant(idOf(agent), numero, "T2", LocalDate.now().minusDays(10), null);
        Reply before = consultQf(agent, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply endBeforeStart = api().patch(ADMIN + "/conventions/" + numero, "{\"dateFin\":\"2000-01-01\"}")
                .as("caf79.admin", DEMO).send();
        Reply resiliation = api().patch(ADMIN + "/conventions/" + numero,
                "{\"dateFin\":\"" + LocalDate.now().minusDays(1) + "\"}").as("caf79.admin", DEMO).send();
        Reply agentAfter = consultQf(agent, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply dossierAfter = consult(agent, "CENTRE_LOISIRS");
        Reply batchAfter = api().post("/api/v1/quotients-familiaux", "{\"numerosAllocataires\":[\"1000042\"]}")
                .as(agent, TestAccounts.PASSWORD).motif("CENTRE_LOISIRS").send();
        Reply managerAfter = api().get(ADMIN + "/conventions/" + numero + "/utilisateurs").as(manager, TestAccounts.PASSWORD)
                .send();
        Reply managerGrants = grant(manager, numero, agent, "T2");
        Reply cafReads = api().get(ADMIN + "/conventions/" + numero + "/utilisateurs").as("caf79.admin", DEMO).send();

        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(endBeforeStart.code()).isEqualTo("invalid-request");
        assertThat(resiliation.status()).as(resiliation.toString()).isEqualTo(200);
        for (Reply refused : List.of(agentAfter, dossierAfter, batchAfter, managerAfter, managerGrants)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("convention-inactive");
            assertThat(refused.json().path("detail").asText()).contains("a pris fin le");
        }
        assertThat(cafReads.status()).isEqualTo(200);
        assertThat(count("select count(*) from historique where objet_id = :x and action = 'RESILIATION'", numero))
                .isEqualTo(1);
    }

    @Test
    default void aConventionNotYetInForceRefusesItsAgents() {
        String numero = "79-F-" + suffix();
        Reply created = api().post(ADMIN + "/conventions", """
                {"numero":"%s","caf":"791","partenaire":{"nom":"CCAS futur","siret":"12345678901234"},
                 "mode":"DELEGUE","services":{"CDAP":{"T2":2}},"motifs":["CENTRE_LOISIRS"],"dateDebut":"%s"}"""
                .formatted(numero, LocalDate.now().plusDays(30))).as("caf79.admin", DEMO).send();
        jdbc().sql("update convention set ouverte_le = :d where numero = :n").param("d", LocalDate.now().plusDays(30))
                .param("n", numero).update();
        String agent = person(numero);
        fixtures().grant(idOf(agent), numero, "T2", LocalDate.now().minusDays(1), null);

        Reply refused = consultQf(agent, TestAccounts.PASSWORD, "CENTRE_LOISIRS");

        assertThat(created.status()).isEqualTo(201);
        assertThat(refused.code()).isEqualTo("convention-inactive");
        assertThat(refused.json().path("detail").asText()).contains("n'entre en vigueur que le");
    }

    // ---- the centralised convention -----------------------------------------------------------------------

    @Test
    default void inTheCentralisedConventionAManagerAddingAMemberToAHabilitatedGroupFilesARequest() {
        String agent = person(DEPARTEMENT);
        Reply group = api().post(ADMIN + "/conventions/" + DEPARTEMENT + "/groupes", "{\"nom\":\"Accueil social " + suffix()
                + "\"}").as("dep79.admin", DEMO).send();
        long groupId = group.json().path("id").asLong();
        Reply emptyGroupMember = api().call("PUT", ADMIN + "/groupes/" + groupId + "/membres/" + agent, null)
                .as("dep79.admin", DEMO).send();
        api().call("DELETE", ADMIN + "/groupes/" + groupId + "/membres/" + agent, null).as("dep79.admin", DEMO).send();
        Reply cafGrantsGroup = api().post(ADMIN + "/conventions/" + DEPARTEMENT + "/habilitations",
                "{\"groupe\":" + groupId + ",\"profil\":\"T1\"}").as("caf79.admin", DEMO).send();
        Reply filed = api().call("PUT", ADMIN + "/groupes/" + groupId + "/membres/" + agent, null)
                .as("dep79.admin", DEMO).send();
        Reply beforeDecision = consult(agent, "ACTION_SOCIALE");
        long demande = filed.json().path("demande").path("id").asLong();
        Reply accepted = decide("caf79.admin", demande, "ACCEPTEE");
        Reply afterDecision = consult(agent, "ACTION_SOCIALE");

        assertThat(emptyGroupMember.status()).as("a group holding nothing grants nothing").isEqualTo(200);
        assertThat(cafGrantsGroup.status()).as(cafGrantsGroup.toString()).isEqualTo(201);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(filed.json().path("demande").path("nature").asText()).isEqualTo("ADHESION");
        assertThat(beforeDecision.code()).isEqualTo("no-habilitation");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(afterDecision.status()).as(afterDecision.toString()).isEqualTo(200);
    }

    // ---- the centralised convention -----------------------------------------------------------------------

    @Test
    default void inTheCentralisedConventionAGrantIsARequestTheCafDecides() {
        String agent = person(DEPARTEMENT);
        String other = person(DEPARTEMENT);
        Reply filed = grant("dep79.admin", DEPARTEMENT, agent, "T1");
        long demande = filed.json().path("demande").path("id").asLong();
        Reply beforeDecision = consult(agent, "ACTION_SOCIALE");
        Reply partnerDecides = decide("dep79.admin", demande, "ACCEPTEE");
        Reply otherCafDecides = decide("caf50.admin", demande, "ACCEPTEE");
        Reply accepted = decide("caf79.admin", demande, "ACCEPTEE");
        Reply decidedTwice = decide("caf79.admin", demande, "REFUSEE");
        Reply afterDecision = consult(agent, "ACTION_SOCIALE");
        long refusedId = grant("dep79.admin", DEPARTEMENT, other, "T1").json().path("demande").path("id").asLong();
        Reply refused = decide("caf79.admin", refusedId, "REFUSEE");
        Reply afterRefusal = consult(other, "ACTION_SOCIALE");
        Reply cafGrantsDirectly = grant("caf79.admin", DEPARTEMENT, other, "T5");

        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(beforeDecision.code()).isEqualTo("no-habilitation");
        assertThat(partnerDecides.status()).isEqualTo(403);
        assertThat(otherCafDecides.status()).isEqualTo(404);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("statut").asText()).isEqualTo("ACCEPTEE");
        assertThat(accepted.json().path("habilitation").isNumber()).isTrue();
        assertThat(decidedTwice.code()).isEqualTo("conflict");
        assertThat(afterDecision.status()).as(afterDecision.toString()).isEqualTo(200);
        assertThat(refused.json().path("statut").asText()).isEqualTo("REFUSEE");
        assertThat(afterRefusal.code()).isEqualTo("no-habilitation");
        assertThat(cafGrantsDirectly.status()).isEqualTo(201);
    }
}
