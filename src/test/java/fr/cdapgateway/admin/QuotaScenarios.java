package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;

/** Quotas on habilitations, under concurrent grants, with groups and technical accounts. Run by {@link AdminH2IT} and {@link AdminPostgresIT}. */
interface QuotaScenarios extends AdminSteps {

    // ---- quotas -----------------------------------------------------------------------------------------------

    @Test
    default void fiftyConcurrentGrantsAgainstAQuotaOfTenGiveExactlyTenAndCleanRefusals() throws Exception {
        String numero = newConvention("{\"T2\":10}");
        String manager = staff("gest", numero, "GESTIONNAIRE");
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            candidates.add(person(numero));
        }
        api().get(ADMIN + "/conventions/" + numero).as(manager, TestAccounts.PASSWORD).send(); // warm the cache
        List<Reply> done = grantAllAtOnce(manager, numero, candidates);

        assertThat(done).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
        assertThat(done.stream().filter(r -> r.status() == 201)).as(done.stream().filter(r -> r.status() != 201)
                .map(r -> r.status() + " " + r.code()).toList().toString()).hasSize(10);
        assertThat(done).allSatisfy(r -> assertThat(r.header("X-Request-ID")).isNotBlank());
    }

    @Test
    default void concurrentGrantsNeverExceedTheQuota() throws Exception {
        // Cherbourg: T2 quota 5, one place taken by cherbourg.agent1: 4 free places for 12 candidates
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            candidates.add(person(CHERBOURG));
        }
        api().get(ADMIN + "/conventions/" + CHERBOURG).as("cherbourg.admin", DEMO).send(); // warm the credential cache
        List<Reply> done = grantAllAtOnce("cherbourg.admin", CHERBOURG, candidates);

        assertThat(done.stream().filter(r -> r.status() == 201)).hasSize(4);
        assertThat(done.stream().filter(r -> r.status() != 201))
                .hasSize(8).allSatisfy(r -> assertThat(r.code()).isEqualTo("habilitation-quota-reached"));
        JsonNode convention = api().get(ADMIN + "/conventions/" + CHERBOURG).as("cherbourg.admin", DEMO).send().json();
        assertThat(convention.path("habilitationsUtilisees").path("CDAP").path("T2").asInt()).isEqualTo(5);
    }

    @Test
    default void aTechnicalAccountIsNeverAGroupMemberNorCountedInAQuota() {
        String numero = newConvention("{\"T2\":1}");
        String manager = staff("gest", numero, "GESTIONNAIRE");
        String probe = "sonde." + suffix();
        fixtures().person(probe, numero, "791");
        jdbc().sql("update utilisateur set type = 'TECHNIQUE' where login = :l").param("l", probe).update();
        String agent = person(numero);
        long groupId = api().post(ADMIN + "/conventions/" + numero + "/groupes", "{\"nom\":\"Supervision\"}")
                .as(manager, TestAccounts.PASSWORD).send().json().path("id").asLong();
        api().post(ADMIN + "/conventions/" + numero + "/habilitations", "{\"groupe\":" + groupId + ",\"profil\":\"T2\"}")
                .as(manager, TestAccounts.PASSWORD).send();

        Reply technical = member("PUT", manager, groupId, probe);
        Reply byCaf = api().call("PUT", ADMIN + "/groupes/" + groupId + "/membres/" + probe, null).as("caf79.admin", DEMO)
                .send();
        // a technical member from before this rule is not counted against the quota, and may be removed
        jdbc().sql("insert into groupe_membre (groupe_id, utilisateur_id, ajoute_le, ajoute_par) values (:g, :u, :now, 'test')")
                .param("g", groupId).param("u", idOf(probe)).param("now", java.time.OffsetDateTime.now()).update();
        Reply person = member("PUT", manager, groupId, agent);
        Reply removed = member("DELETE", manager, groupId, probe);

        assertThat(technical.status()).isEqualTo(400);
        assertThat(technical.json().path("detail").asText()).contains("compte technique");
        assertThat(byCaf.status()).isEqualTo(400);
        assertThat(person.status()).as("the quota of 1 counts the person only").isEqualTo(200);
        assertThat(removed.status()).isEqualTo(200);
    }

    @Test
    default void groupHabilitationsApplyToEachMemberAndCountPerMember() {
        String numero = newConvention("{\"T2\":2}");
        String manager = staff("gest", numero, "GESTIONNAIRE");
        String a = person(numero);
        String b = person(numero);
        String c = person(numero);
        Reply group = api().post(ADMIN + "/conventions/" + numero + "/groupes", "{\"nom\":\"Régie cantine\"}")
                .as(manager, TestAccounts.PASSWORD).send();
        long groupId = group.json().path("id").asLong();
        Reply grant = api().post(ADMIN + "/conventions/" + numero + "/habilitations",
                "{\"groupe\":" + groupId + ",\"profil\":\"T2\"}").as(manager, TestAccounts.PASSWORD).send();
        Reply beforeJoining = consultQf(a, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply addA = member("PUT", manager, groupId, a);
        Reply afterJoining = consultQf(a, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply addB = member("PUT", manager, groupId, b);
        Reply addC = member("PUT", manager, groupId, c);
        Reply removeA = member("DELETE", manager, groupId, a);
        Reply afterLeaving = consultQf(a, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply addCAgain = member("PUT", manager, groupId, c);

        assertThat(group.status()).isEqualTo(201);
        assertThat(grant.status()).as(grant.toString()).isEqualTo(201);
        assertThat(beforeJoining.code()).isEqualTo("no-habilitation");
        assertThat(addA.status()).isEqualTo(200);
        assertThat(afterJoining.status()).as(afterJoining.toString()).isEqualTo(200);
        assertThat(addB.status()).isEqualTo(200);
        assertThat(addC.status()).isEqualTo(409);
        assertThat(addC.code()).isEqualTo("habilitation-quota-reached");
        assertThat(removeA.json().path("membres").toString()).doesNotContain(a);
        assertThat(afterLeaving.code()).isEqualTo("no-habilitation");
        assertThat(addCAgain.status()).isEqualTo(200);
    }
}
