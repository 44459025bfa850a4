package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;
import fr.cdapgateway.support.TestConventions;

/**
 * Delegated management under CAF supervision (SPEC §8), over real HTTP against the running gateway.
 * Run on H2 ({@link AdminH2IT}) and on a real PostgreSQL ({@link AdminPostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// these scenarios create accounts the old way (a manager-chosen initial password, for sites without mail); the
// default — an activation link mailed to the holder — is walked by MailScenarios and the mail's browser walk
@org.springframework.test.context.TestPropertySource(properties = "gateway.accounts.manager-passwords=true")
abstract class AdminScenarios {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String NIORT = "79-2017-19";
    static final String CHERBOURG = "2024-12";
    static final String DEPARTEMENT = "79-DEMO-RSA";
    static final String ADMIN = "/api/v1/admin";
    static final String NEW_PASSWORD = "Un-Mot-De-Passe-Solide-79";

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    HistoryPurge purge;

    Api api;
    TestAccounts fixtures;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
        fixtures = new TestAccounts(jdbc, hasher);
    }

    // ---- access control: role x resource x own convention / other convention / other CAF ------------------

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // the CAF admin of the Deux-Sèvres sees everything of its CAF
        "caf79.admin     | GET | /conventions/79-2017-19                | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/utilisateurs   | 200",
        "caf79.admin     | GET | /utilisateurs/niort.agent2             | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/habilitations  | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/groupes        | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/demandes       | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/revue          | 200",
        "caf79.admin     | GET | /revues                                | 200",
        // ...and nothing of another CAF's: it does not exist for it
        "caf79.admin     | GET | /conventions/2024-12                   | 404",
        "caf79.admin     | GET | /utilisateurs/cherbourg.agent1         | 404",
        "caf50.admin     | GET | /conventions/79-2017-19                | 404",
        "caf50.admin     | GET | /conventions/79-2017-19/utilisateurs   | 404",
        "caf50.admin     | GET | /utilisateurs/niort.agent2             | 404",
        "caf50.admin     | GET | /conventions/79-2017-19/habilitations  | 404",
        "caf50.admin     | GET | /conventions/2024-12                   | 200",
        // the convention's administrators read all of their convention, not the CAF's overview
        "niort.admin     | GET | /conventions/79-2017-19                | 200",
        "niort.admin     | GET | /conventions/79-2017-19/utilisateurs   | 200",
        "niort.admin     | GET | /utilisateurs/niort.agent2             | 200",
        "niort.admin     | GET | /conventions/79-2017-19/habilitations  | 200",
        "niort.admin     | GET | /conventions/79-2017-19/revue          | 200",
        "niort.admin     | GET | /revues                                | 403",
        "niort.suppleant | GET | /conventions/79-2017-19/revue          | 200",
        "niort.suppleant | GET | /conventions/79-2017-19/demandes       | 200",
        // a delegated manager manages accounts and habilitations, not the review
        "niort.gestion   | GET | /conventions/79-2017-19/utilisateurs   | 200",
        "niort.gestion   | GET | /conventions/79-2017-19/habilitations  | 200",
        "niort.gestion   | GET | /conventions/79-2017-19/groupes        | 200",
        "niort.gestion   | GET | /conventions/79-2017-19/revue          | 403",
        "niort.gestion   | GET | /revues                                | 403",
        // another convention, same CAF or not: 404, never 403
        "niort.gestion   | GET | /conventions/79-DEMO-RSA               | 404",
        "niort.gestion   | GET | /utilisateurs/dep79.social             | 404",
        "dep79.admin     | GET | /conventions/79-2017-19                | 404",
        "dep79.admin     | GET | /conventions/79-2017-19/utilisateurs   | 404",
        "dep79.admin     | GET | /utilisateurs/niort.agent2             | 404",
        "cherbourg.admin | GET | /conventions/79-2017-19                | 404",
        "cherbourg.admin | GET | /conventions/79-2017-19/habilitations  | 404",
        "cherbourg.admin | GET | /utilisateurs/niort.agent2             | 404",
        "cherbourg.admin | GET | /conventions/79-2017-19/revue          | 404",
        // a plain user has no admin rights at all, even on its own convention
        "niort.agent1    | GET | /conventions/79-2017-19                | 403",
        "niort.agent1    | GET | /conventions                           | 403",
        "niort.agent1    | GET | /utilisateurs/niort.agent1             | 403",
        "niort.agent1    | GET | /revues                                | 403",
    })
    void whoSeesWhat(String caller, String method, String path, int expected) {
        Reply reply = api.call(method, ADMIN + path, null).as(caller, DEMO).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.code()).isEqualTo(expected == 404 ? "not-found" : "forbidden");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // only the CAF changes a convention, only within its CAF
        "niort.admin     | PATCH  | /conventions/79-2017-19                  | {\"mode\":\"CENTRALISE\"}           | 403",
        "niort.gestion   | PATCH  | /conventions/79-2017-19                  | {\"services\":{\"CDAP\":{\"T2\":99}}} | 403",
        "caf50.admin     | PATCH  | /conventions/79-2017-19                  | {\"mode\":\"CENTRALISE\"}           | 404",
        "niort.admin     | POST   | /conventions                             | {\"numero\":\"X-1\",\"caf\":\"791\",\"partenaire\":{\"nom\":\"X\"}} | 403",
        "caf79.admin     | POST   | /conventions                             | {\"numero\":\"X-2\",\"caf\":\"501\",\"partenaire\":{\"nom\":\"X\"}} | 403",
        // managers never create administrators; only the CAF does
        "niort.gestion   | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.admin1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"ADMIN_PRINCIPAL\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "niort.gestion   | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.gest1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"GESTIONNAIRE\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "niort.admin     | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.admin2\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"ADMIN_SUPPLEANT\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "niort.admin     | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.caf1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"CAF_ADMIN\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "cherbourg.admin | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.u1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 404",
        // nobody raises their own rights or manages their own rank
        "niort.gestion   | PATCH  | /utilisateurs/niort.gestion              | {\"role\":\"ADMIN_PRINCIPAL\"}      | 403",
        "niort.suppleant | PATCH  | /utilisateurs/niort.admin                | {\"nom\":\"AUTRE\"}                  | 403",
        "niort.gestion   | DELETE | /utilisateurs/niort.admin                |                                   | 403",
        "niort.gestion   | POST   | /utilisateurs/niort.agent2/suspension    |                                   | 403",
        "niort.agent1    | POST   | /utilisateurs/niort.agent2/suspension    |                                   | 403",
        "cherbourg.admin | POST   | /utilisateurs/niort.agent2/suspension    |                                   | 404",
        "dep79.admin     | POST   | /utilisateurs/niort.agent2/deverrouillage |                                  | 404",
        "cherbourg.admin | DELETE | /utilisateurs/niort.agent2               |                                   | 404",
        "niort.admin     | POST   | /utilisateurs/caf79.admin/suspension     |                                   | 404",
        // habilitations and requests
        "cherbourg.admin | POST   | /conventions/79-2017-19/habilitations    | {\"utilisateur\":\"niort.agent2\",\"profil\":\"T2\"} | 404",
        "niort.gestion   | POST   | /conventions/79-2017-19/habilitations    | {\"utilisateur\":\"niort.agent2\",\"profil\":\"T1\"} | 403",
        "niort.gestion   | POST   | /habilitations/1/suspension              |                                   | 403",
        "cherbourg.admin | DELETE | /habilitations/1                         |                                   | 404",
        "niort.agent1    | DELETE | /habilitations/1                         |                                   | 403",
        "niort.admin     | POST   | /conventions/79-2017-19/revue            | {\"decisions\":[{\"habilitation\":999999,\"decision\":\"RETIRER\"}]} | 400",
        "niort.gestion   | POST   | /conventions/79-2017-19/revue            | {\"decisions\":[]}                   | 403",
        "caf79.admin     | POST   | /conventions/79-2017-19/revue            | {\"decisions\":[]}                   | 403",
    })
    void whoChangesWhat(String caller, String method, String path, String body, int expected) {
        String id = "adm-" + UUID.randomUUID();
        Reply reply = api.call(method, ADMIN + path, body).as(caller, DEMO).requestId(id).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        Map<String, Object> trace = trace(id);
        assertThat(trace).containsEntry("utilisateur", caller).containsEntry("statut", expected);
        assertThat((String) trace.get("action")).startsWith("ADMIN_");
    }

    // ---- the delegated manager's day: an agent, a habilitation, a first password -----------------------------

    @Test
    void aManagerCreatesAnAgentWhoMustChangePasswordBeforeConsulting() {
        String login = "niort.agent." + suffix();
        String initial = "Initial-Niort-2026-x";
        String createId = "adm-" + UUID.randomUUID();
        Reply created = api.post(ADMIN + "/conventions/" + NIORT + "/utilisateurs", """
                {"login":"%s","nom":"PRUNIER","prenom":"Alice","email":"alice.prunier@niort.example",
                 "fonction":"Agent de facturation","type":"PERSONNE","role":"UTILISATEUR","motDePasseInitial":"%s"}"""
                .formatted(login, initial)).as("niort.gestion", DEMO).requestId(createId).send();
        Reply granted = api.post(ADMIN + "/conventions/" + NIORT + "/habilitations",
                "{\"utilisateur\":\"" + login + "\",\"service\":\"CDAP\",\"profil\":\"T2\"}").as("niort.gestion", DEMO).send();
        Reply beforeChange = consultQf(login, initial);
        Reply changed = api.put("/api/v1/moi/mot-de-passe",
                "{\"ancienMotDePasse\":\"" + initial + "\",\"nouveauMotDePasse\":\"" + NEW_PASSWORD + "\"}")
                .as(login, initial).send();
        Reply afterChange = consultQf(login, NEW_PASSWORD);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("doitChangerMotDePasse").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(initial, "argon");
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        assertThat(granted.json().path("statut").asText()).isEqualTo("ACTIVE");
        assertThat(beforeChange.code()).isEqualTo("password-change-required");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(afterChange.status()).isEqualTo(200);
        assertThat(trace(createId)).containsEntry("action", "ADMIN_CREATION_UTILISATEUR")
                .containsEntry("utilisateur", "niort.gestion").containsEntry("convention", NIORT)
                .containsEntry("objet", "utilisateur:" + login).containsEntry("statut", 201);
        assertThat(String.valueOf(jdbc.sql("select * from trace where request_id = :id").param("id", createId)
                .query().singleRow())).doesNotContain(initial);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"login\":\"niort.agent1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 409 | conflict",
        "{\"login\":\"weak.one\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Password12345!\"} | 400 | weak-password",
        "{\"login\":\"weak.two\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"court\"} | 400 | weak-password",
        "{\"login\":\"weak.three\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"weak.three-2026-long\"} | 400 | weak-password",
        "{\"login\":\"generic.one\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"contact@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 400 | generic-mailbox-refused",
        "{\"login\":\"generic.two\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"mairie@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 400 | generic-mailbox-refused",
        "{\"login\":\"generic.three\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"accueil.periscolaire@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 400 | generic-mailbox-refused",
        "{\"login\":\"noname\",\"nom\":\" \",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 400 | invalid-request",
        "{\"login\":\"Bad Login\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 400 | invalid-request",
        "{\"login\":\"tech.admin\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"type\":\"TECHNIQUE\",\"role\":\"GESTIONNAIRE\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 400 | invalid-request",
        "{\"login\":\"extra.field\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\",\"role2\":\"x\"} | 400 | invalid-request",
        "{\"login\": | 400 | invalid-request",
    })
    void accountCreationRefusals(String body, int status, String code) {
        Reply reply = api.post(ADMIN + "/conventions/" + NIORT + "/utilisateurs", body).as("niort.admin", DEMO).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
    }

    @Test
    void habilitationRefusals() {
        String login = person(NIORT);
        long robot = fixtures.person("robot." + suffix(), NIORT, "791");
        jdbc.sql("update utilisateur set type = 'TECHNIQUE' where id = :id").param("id", robot).update();
        String robotLogin = jdbc.sql("select login from utilisateur where id = :id").param("id", robot)
                .query(String.class).single();

        Reply notSubscribed = grant("niort.gestion", NIORT, login, "T1");
        Reply unknownProfile = grant("niort.gestion", NIORT, login, "T99");
        Reply first = grant("niort.gestion", NIORT, login, "T2");
        Reply duplicate = grant("niort.gestion", NIORT, login, "T2");
        Reply technical = grant("niort.gestion", NIORT, robotLogin, "T2");
        Reply otherConventionsUser = grant("niort.gestion", NIORT, "dep79.social", "T2");

        assertThat(notSubscribed.code()).isEqualTo("profile-not-subscribed");
        assertThat(notSubscribed.status()).isEqualTo(403);
        assertThat(unknownProfile.code()).isEqualTo("invalid-request");
        assertThat(first.status()).isEqualTo(201);
        assertThat(duplicate.code()).isEqualTo("conflict");
        assertThat(technical.code()).isEqualTo("invalid-request");
        assertThat(otherConventionsUser.status()).isEqualTo(404);
    }

    // ---- quotas -----------------------------------------------------------------------------------------------

    @Test
    void fiftyConcurrentGrantsAgainstAQuotaOfTenGiveExactlyTenAndCleanRefusals() throws Exception {
        String numero = newConvention("{\"T2\":10}");
        String manager = "gest." + suffix();
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            candidates.add(person(numero));
        }
        api.get(ADMIN + "/conventions/" + numero).as(manager, TestAccounts.PASSWORD).send(); // warm the cache
        List<Reply> done = grantAllAtOnce(manager, numero, candidates);

        assertThat(done).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
        assertThat(done.stream().filter(r -> r.status() == 201)).as(done.stream().filter(r -> r.status() != 201)
                .map(r -> r.status() + " " + r.code()).toList().toString()).hasSize(10);
        assertThat(done).allSatisfy(r -> assertThat(r.header("X-Request-ID")).isNotBlank());
    }

    @Test
    void concurrentGrantsNeverExceedTheQuota() throws Exception {
        // Cherbourg: T2 quota 5, one place taken by cherbourg.agent1: 4 free places for 12 candidates
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            candidates.add(person(CHERBOURG));
        }
        api.get(ADMIN + "/conventions/" + CHERBOURG).as("cherbourg.admin", DEMO).send(); // warm the credential cache
        List<Reply> done = grantAllAtOnce("cherbourg.admin", CHERBOURG, candidates);

        assertThat(done.stream().filter(r -> r.status() == 201)).hasSize(4);
        assertThat(done.stream().filter(r -> r.status() != 201))
                .hasSize(8).allSatisfy(r -> assertThat(r.code()).isEqualTo("habilitation-quota-reached"));
        JsonNode convention = api.get(ADMIN + "/conventions/" + CHERBOURG).as("cherbourg.admin", DEMO).send().json();
        assertThat(convention.path("habilitationsUtilisees").path("CDAP").path("T2").asInt()).isEqualTo(5);
    }

    @Test
    void aTechnicalAccountIsNeverAGroupMemberNorCountedInAQuota() {
        String numero = newConvention("{\"T2\":1}");
        String manager = "gest." + suffix();
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String probe = "sonde." + suffix();
        fixtures.person(probe, numero, "791");
        jdbc.sql("update utilisateur set type = 'TECHNIQUE' where login = :l").param("l", probe).update();
        String agent = person(numero);
        long groupId = api.post(ADMIN + "/conventions/" + numero + "/groupes", "{\"nom\":\"Supervision\"}")
                .as(manager, TestAccounts.PASSWORD).send().json().path("id").asLong();
        api.post(ADMIN + "/conventions/" + numero + "/habilitations", "{\"groupe\":" + groupId + ",\"profil\":\"T2\"}")
                .as(manager, TestAccounts.PASSWORD).send();

        Reply technical = member("PUT", manager, groupId, probe);
        Reply byCaf = api.call("PUT", ADMIN + "/groupes/" + groupId + "/membres/" + probe, null).as("caf79.admin", DEMO)
                .send();
        // a technical member from before this rule is not counted against the quota, and may be removed
        jdbc.sql("insert into groupe_membre (groupe_id, utilisateur_id, ajoute_le, ajoute_par) values (:g, :u, :now, 'test')")
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
    void groupHabilitationsApplyToEachMemberAndCountPerMember() {
        String numero = newConvention("{\"T2\":2}");
        String manager = "gest." + suffix();
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String a = person(numero);
        String b = person(numero);
        String c = person(numero);
        Reply group = api.post(ADMIN + "/conventions/" + numero + "/groupes", "{\"nom\":\"Régie cantine\"}")
                .as(manager, TestAccounts.PASSWORD).send();
        long groupId = group.json().path("id").asLong();
        Reply grant = api.post(ADMIN + "/conventions/" + numero + "/habilitations",
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

    // ---- CAF supervision ------------------------------------------------------------------------------------

    @Test
    void aSuspensionByTheCafBlocksTheVeryNextCall() {
        String login = person(NIORT);
        long habilitation = fixtures.grant(idOf(login), NIORT, "T2", LocalDate.now().minusDays(1), null);
        assertThat(consultQf(login, TestAccounts.PASSWORD).status()).isEqualTo(200);

        Reply suspended = api.post(ADMIN + "/utilisateurs/" + login + "/suspension", null).as("caf79.admin", DEMO).send();
        Reply whileSuspended = consultQf(login, TestAccounts.PASSWORD);
        Reply reinstated = api.delete(ADMIN + "/utilisateurs/" + login + "/suspension").as("caf79.admin", DEMO).send();
        Reply afterReinstatement = consultQf(login, TestAccounts.PASSWORD);
        Reply habilitationSuspended = api.post(ADMIN + "/habilitations/" + habilitation + "/suspension", null)
                .as("niort.admin", DEMO).send();
        Reply whileHabilitationSuspended = consultQf(login, TestAccounts.PASSWORD);

        assertThat(suspended.json().path("statut").asText()).isEqualTo("SUSPENDU");
        assertThat(whileSuspended.code()).isEqualTo("account-suspended");
        assertThat(reinstated.json().path("statut").asText()).isEqualTo("ACTIF");
        assertThat(afterReinstatement.status()).isEqualTo(200);
        assertThat(habilitationSuspended.json().path("statut").asText()).isEqualTo("SUSPENDUE");
        assertThat(whileHabilitationSuspended.code()).isEqualTo("no-habilitation");
    }

    @Test
    void aLockedAccountIsUnlockedByAManager() {
        String login = person(NIORT);
        for (int i = 0; i < 10; i++) {
            api.get("/api/v1/moi").as(login, "wrong-" + i).send();
        }
        Reply locked = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        Reply unlocked = api.post(ADMIN + "/utilisateurs/" + login + "/deverrouillage", null).as("niort.gestion", DEMO).send();
        Reply after = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();

        assertThat(locked.code()).as("a lock answers like a wrong password").isEqualTo("credentials-invalid");
        assertThat(jdbc.sql("select count(*) from trace where utilisateur = :login and code = 'account-locked'")
                .param("login", login).query(Integer.class).single()).as("the trace keeps the real reason").isEqualTo(1);
        assertThat(unlocked.json().path("statut").asText()).isEqualTo("ACTIF");
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void twentyFiveFailuresInADayLockEvenWithSuccessesBetween() {
        String login = person(NIORT);
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 9; i++) {
                statuses.add(api.get("/api/v1/moi").as(login, "wrong-" + i).send().status());
            }
            statuses.add(api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send().status());
        }

        assertThat(statuses.subList(0, 20)).containsOnly(401, 200);
        assertThat(statuses.get(29)).as("the 25th failure locked the account").isEqualTo(401);
        assertThat(jdbc.sql("select verrouille_le from utilisateur where login = :l").param("l", login)
                .query(Instant.class).optional()).isPresent();
    }

    @Test
    void aResetStopsThePasswordAtOnceAndAManagerChosenOneMustBeChanged() {
        String login = person(NIORT);
        fixtures.grant(idOf(login), NIORT, "T2", LocalDate.now().minusDays(1), null);
        assertThat(consultQf(login, TestAccounts.PASSWORD).status()).isEqualTo(200);

        Reply forced = api.post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe", null)
                .as("caf79.admin", DEMO).send();
        Reply afterForce = consultQf(login, TestAccounts.PASSWORD);
        Reply weakReset = api.post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"123456789012\"}").as("niort.gestion", DEMO).send();
        Reply reset = api.post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"Nouveau-Depart-2026-x\"}").as("niort.gestion", DEMO).send();
        Reply oldPassword = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        Reply newInitial = consultQf(login, "Nouveau-Depart-2026-x");

        assertThat(forced.status()).isEqualTo(200);
        assertThat(afterForce.code()).as("the password stops at once; a link went to its holder")
                .isEqualTo("credentials-invalid");
        assertThat(weakReset.code()).isEqualTo("weak-password");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(oldPassword.code()).isEqualTo("credentials-invalid");
        assertThat(newInitial.code()).isEqualTo("password-change-required");
    }

    @Test
    void administratorsRenewTheirPasswordYearly() {
        String admin = "admin." + suffix();
        fixtures.withRole(admin, NIORT, "791", "ADMIN_SUPPLEANT");
        assertThat(api.get(ADMIN + "/conventions").as(admin, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
        fixtures.passwordChangedDaysAgo(admin, 366);
        api.post(ADMIN + "/utilisateurs/" + admin + "/deverrouillage", null).as("caf79.admin", DEMO).send(); // any change drops caches

        assertThat(api.get(ADMIN + "/conventions").as(admin, TestAccounts.PASSWORD).send().code())
                .isEqualTo("password-change-required");
        assertThat(api.get("/api/v1/moi").as(admin, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
    }

    @Test
    void revokingTheDelegationMakesGrantsRequests() {
        String numero = newConvention("{\"T2\":3}");
        String manager = "gest." + suffix();
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String agent = person(numero);
        Reply revoked = api.patch(ADMIN + "/conventions/" + numero, "{\"mode\":\"CENTRALISE\"}").as("caf79.admin", DEMO).send();
        Reply request = grant(manager, numero, agent, "T2");

        assertThat(revoked.json().path("mode").asText()).isEqualTo("CENTRALISE");
        assertThat(request.status()).isEqualTo(202);
        assertThat(request.json().path("demande").path("statut").asText()).isEqualTo("EN_ATTENTE");
    }

    // ---- convention dates ---------------------------------------------------------------------------------------

    @Test
    void anEndedConventionRefusesItsAgentsAndManagersButNotTheCaf() {
        String numero = newConvention("{\"T2\":3}");
        String manager = "gest." + suffix();
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String agent = person(numero);
        fixtures.grant(idOf(agent), numero, "T2", LocalDate.now().minusDays(10), null);
        Reply before = consultQf(agent, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply endBeforeStart = api.patch(ADMIN + "/conventions/" + numero, "{\"dateFin\":\"2000-01-01\"}")
                .as("caf79.admin", DEMO).send();
        Reply resiliation = api.patch(ADMIN + "/conventions/" + numero,
                "{\"dateFin\":\"" + LocalDate.now().minusDays(1) + "\"}").as("caf79.admin", DEMO).send();
        Reply agentAfter = consultQf(agent, TestAccounts.PASSWORD, "CENTRE_LOISIRS");
        Reply dossierAfter = consult(agent, "CENTRE_LOISIRS");
        Reply batchAfter = api.post("/api/v1/quotients-familiaux", "{\"numerosAllocataires\":[\"1000042\"]}")
                .as(agent, TestAccounts.PASSWORD).motif("CENTRE_LOISIRS").send();
        Reply managerAfter = api.get(ADMIN + "/conventions/" + numero + "/utilisateurs").as(manager, TestAccounts.PASSWORD)
                .send();
        Reply managerGrants = grant(manager, numero, agent, "T2");
        Reply cafReads = api.get(ADMIN + "/conventions/" + numero + "/utilisateurs").as("caf79.admin", DEMO).send();

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
    void aConventionNotYetInForceRefusesItsAgents() {
        String numero = "79-F-" + suffix();
        Reply created = api.post(ADMIN + "/conventions", """
                {"numero":"%s","caf":"791","partenaire":{"nom":"CCAS futur","siret":"12345678901234"},
                 "mode":"DELEGUE","services":{"CDAP":{"T2":2}},"motifs":["CENTRE_LOISIRS"],"dateDebut":"%s"}"""
                .formatted(numero, LocalDate.now().plusDays(30))).as("caf79.admin", DEMO).send();
        jdbc.sql("update convention set ouverte_le = :d where numero = :n").param("d", LocalDate.now().plusDays(30))
                .param("n", numero).update();
        String agent = person(numero);
        fixtures.grant(idOf(agent), numero, "T2", LocalDate.now().minusDays(1), null);

        Reply refused = consultQf(agent, TestAccounts.PASSWORD, "CENTRE_LOISIRS");

        assertThat(created.status()).isEqualTo(201);
        assertThat(refused.code()).isEqualTo("convention-inactive");
        assertThat(refused.json().path("detail").asText()).contains("n'entre en vigueur que le");
    }

    // ---- CAF admins manage each other, never themselves ---------------------------------------------------------

    @Test
    void aCafAdminManagesAnotherCafAdminOfItsCafButNeverItselfNorAnotherCafs() {
        String login = "caf79.adjoint" + suffix();
        String body = """
                {"login":"%s","nom":"MOREAU","prenom":"Inès","email":"ines.moreau@caf79.example",
                 "motDePasseInitial":"Cheval-Agrafe-Tournesol-79"}""".formatted(login);
        Reply byPartner = api.post(ADMIN + "/cafs/791/administrateurs", body).as("niort.admin", DEMO).send();
        Reply byOtherCaf = api.post(ADMIN + "/cafs/791/administrateurs", body).as("caf50.admin", DEMO).send();
        Reply wrongRole = api.post(ADMIN + "/cafs/791/administrateurs", body.replace("\"login\"",
                "\"role\":\"UTILISATEUR\",\"login\"")).as("caf79.admin", DEMO).send();
        Reply created = api.post(ADMIN + "/cafs/791/administrateurs", body).as("caf79.admin", DEMO).send();
        Reply listed = api.get(ADMIN + "/cafs/791/administrateurs").as("caf79.admin", DEMO).send();
        Reply listedByOtherCaf = api.get(ADMIN + "/cafs/791/administrateurs").as("caf50.admin", DEMO).send();
        Reply suspended = api.post(ADMIN + "/utilisateurs/" + login + "/suspension", null).as("caf79.admin", DEMO).send();
        Reply suspendedByOtherCaf = api.post(ADMIN + "/utilisateurs/" + login + "/suspension", null)
                .as("caf50.admin", DEMO).send();
        Reply reinstated = api.delete(ADMIN + "/utilisateurs/" + login + "/suspension").as("caf79.admin", DEMO).send();
        Reply unlocked = api.post(ADMIN + "/utilisateurs/" + login + "/deverrouillage", null).as("caf79.admin", DEMO)
                .send();
        Reply reset = api.post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"Lampe-Orageuse-Vitrail-79\"}").as("caf79.admin", DEMO).send();
        Reply selfSuspension = api.post(ADMIN + "/utilisateurs/caf79.admin/suspension", null).as("caf79.admin", DEMO)
                .send();
        Reply selfDevalidation = api.delete(ADMIN + "/utilisateurs/caf79.admin").as("caf79.admin", DEMO).send();
        Reply devalidated = api.delete(ADMIN + "/utilisateurs/" + login).as("caf79.admin", DEMO).send();
        Reply newAdminConsults = api.get(ADMIN + "/conventions").as(login, "Lampe-Orageuse-Vitrail-79").send();

        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(byOtherCaf.status()).isEqualTo(404);
        assertThat(wrongRole.code()).isEqualTo("invalid-request");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("role").asText()).isEqualTo("CAF_ADMIN");
        assertThat(created.json().path("doitChangerMotDePasse").asBoolean()).isTrue();
        assertThat(listed.body()).contains(login, "caf79.admin").doesNotContain("caf50.admin");
        assertThat(listedByOtherCaf.status()).isEqualTo(404);
        assertThat(suspended.json().path("statut").asText()).isEqualTo("SUSPENDU");
        assertThat(suspendedByOtherCaf.status()).isEqualTo(404);
        assertThat(reinstated.status()).isEqualTo(200);
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(selfSuspension.status()).isEqualTo(403);
        assertThat(selfDevalidation.status()).isEqualTo(403);
        assertThat(devalidated.status()).isEqualTo(204);
        assertThat(newAdminConsults.code()).isEqualTo("account-devalidated");
    }

    // ---- the centralised convention -----------------------------------------------------------------------

    @Test
    void inTheCentralisedConventionAManagerAddingAMemberToAHabilitatedGroupFilesARequest() {
        String agent = person(DEPARTEMENT);
        Reply group = api.post(ADMIN + "/conventions/" + DEPARTEMENT + "/groupes", "{\"nom\":\"Accueil social " + suffix()
                + "\"}").as("dep79.admin", DEMO).send();
        long groupId = group.json().path("id").asLong();
        Reply emptyGroupMember = api.call("PUT", ADMIN + "/groupes/" + groupId + "/membres/" + agent, null)
                .as("dep79.admin", DEMO).send();
        api.call("DELETE", ADMIN + "/groupes/" + groupId + "/membres/" + agent, null).as("dep79.admin", DEMO).send();
        Reply cafGrantsGroup = api.post(ADMIN + "/conventions/" + DEPARTEMENT + "/habilitations",
                "{\"groupe\":" + groupId + ",\"profil\":\"T1\"}").as("caf79.admin", DEMO).send();
        Reply filed = api.call("PUT", ADMIN + "/groupes/" + groupId + "/membres/" + agent, null)
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
    void inTheCentralisedConventionAGrantIsARequestTheCafDecides() {
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

    // ---- devalidation, history, purge -------------------------------------------------------------------------

    @Test
    void devalidationEndsEverythingButKeepsTheHistory() {
        String login = person(NIORT);
        Reply granted = grant("niort.gestion", NIORT, login, "T2");
        long habilitation = granted.json().path("id").asLong();
        Reply devalidated = api.delete(ADMIN + "/utilisateurs/" + login).as("niort.gestion", DEMO).send();
        Reply consult = consultQf(login, TestAccounts.PASSWORD);
        Reply account = api.get(ADMIN + "/utilisateurs/" + login).as("niort.admin", DEMO).send();
        Reply history = api.get(ADMIN + "/utilisateurs/" + login + "/historique").as("niort.admin", DEMO).send();
        JsonNode habilitations = api.get(ADMIN + "/conventions/" + NIORT + "/habilitations").as("niort.admin", DEMO)
                .send().json();

        assertThat(devalidated.status()).isEqualTo(204);
        assertThat(consult.code()).isEqualTo("account-devalidated");
        assertThat(account.json().path("statut").asText()).isEqualTo("DEVALIDE");
        assertThat(history.body()).contains("ATTRIBUTION", "DEVALIDATION", "\"FIN\"", "niort.gestion");
        for (JsonNode h : habilitations) {
            if (h.path("id").asLong() == habilitation) {
                assertThat(h.path("statut").asText()).isEqualTo("TERMINEE");
                assertThat(h.path("termineePar").asText()).isEqualTo("niort.gestion");
            }
        }
    }

    @Test
    void historyIsPurgedSixYearsAfterDevalidationAndThePurgeIsTraced() {
        String old = person(NIORT);
        String recent = person(NIORT);
        long oldHabilitation = fixtures.grant(idOf(old), NIORT, "T2", LocalDate.now().minusYears(8), null);
        jdbc.sql("update utilisateur set devalide_le = :at where login = :login")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(7 * 366)).atOffset(ZoneOffset.UTC))
                .param("login", old).update();
        jdbc.sql("update habilitation set terminee_le = :at where id = :id")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(7 * 366)).atOffset(ZoneOffset.UTC))
                .param("id", oldHabilitation).update();
        jdbc.sql("update utilisateur set devalide_le = :at where login = :login")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(5 * 365)).atOffset(ZoneOffset.UTC))
                .param("login", recent).update();
        jdbc.sql("""
                insert into historique (horodatage, acteur, convention, objet_type, objet_id, action)
                values (current_timestamp, 'test', :c, 'UTILISATEUR', :login, 'DEVALIDATION')""")
                .param("c", NIORT).param("login", old).update();

        purge.purge();

        assertThat(count("select count(*) from utilisateur where login = :x", old)).isZero();
        assertThat(count("select count(*) from historique where objet_id = :x", old)).isZero();
        assertThat(count("select count(*) from habilitation where id = :x", oldHabilitation)).isZero();
        assertThat(count("select count(*) from utilisateur where login = :x", recent)).isEqualTo(1);
        assertThat(count("select count(*) from trace where action = :x", "PURGE_HISTORIQUE")).isPositive();
    }

    @Test
    void decidedRequestsOldReviewsAndEndedMembershipsArePurgedSixYearsOnButNotPendingOrCurrentOnes() {
        java.time.OffsetDateTime sevenYearsAgo = Instant.now().minus(java.time.Duration.ofDays(7 * 366))
                .atOffset(ZoneOffset.UTC);
        String agent = person(DEPARTEMENT);
        long decided = grant("dep79.admin", DEPARTEMENT, agent, "T1").json().path("demande").path("id").asLong();
        decide("caf79.admin", decided, "REFUSEE");
        long pending = grant("dep79.admin", DEPARTEMENT, person(DEPARTEMENT), "T1").json().path("demande").path("id")
                .asLong();
        jdbc.sql("update demande set decidee_le = :at, demandee_le = :at where id = :id")
                .param("at", sevenYearsAgo).param("id", decided).update();
        jdbc.sql("update demande set demandee_le = :at where id = :id").param("at", sevenYearsAgo).param("id", pending)
                .update();
        long review = jdbc.sql("insert into revue (convention, attestee_par, attestee_le) values (:c, 'x', :at)")
                .param("c", NIORT).param("at", sevenYearsAgo).update();
        String left = person(NIORT);
        String stays = person(NIORT);
        for (String[] entry : new String[][] {{left, "AJOUT_MEMBRE"}, {left, "RETRAIT_MEMBRE"}, {stays, "AJOUT_MEMBRE"}}) {
            jdbc.sql("""
                    insert into historique (horodatage, acteur, convention, objet_type, objet_id, action, detail)
                    values (:at, 'test', :c, 'GROUPE', '999999', :action, :login)""")
                    .param("at", sevenYearsAgo).param("c", NIORT).param("action", entry[1]).param("login", entry[0])
                    .update();
        }

        purge.purge();

        assertThat(count("select count(*) from demande where id = :x", decided)).isZero();
        assertThat(count("select count(*) from historique where objet_type = 'DEMANDE' and objet_id = :x",
                String.valueOf(decided))).isZero();
        assertThat(count("select count(*) from demande where id = :x", pending)).isEqualTo(1);
        assertThat(review).isEqualTo(1);
        assertThat(count("select count(*) from revue where attestee_le < :x", sevenYearsAgo.plusDays(1))).isZero();
        assertThat(count("select count(*) from historique where objet_type = 'GROUPE' and detail = :x", left)).isZero();
        assertThat(count("select count(*) from historique where objet_type = 'GROUPE' and detail = :x", stays))
                .isEqualTo(1);
    }

    // ---- the annual reverse review ----------------------------------------------------------------------------

    @Test
    void theReverseReviewIsReportedAttestedAppliedAndExported() {
        String numero = newConvention("{\"T2\":5}");
        String admin = "admin." + suffix();
        fixtures.withRole(admin, numero, "791", "ADMIN_PRINCIPAL");
        String keep = person(numero);
        String drop = person(numero);
        long kept = grant("caf79.admin", numero, keep, "T2").json().path("id").asLong();
        long dropped = grant("caf79.admin", numero, drop, "T2").json().path("id").asLong();
        assertThat(consultQf(keep, TestAccounts.PASSWORD, "CENTRE_LOISIRS").status()).isEqualTo(200);
        boolean overdueBefore = overdue().contains(numero);

        Reply report = api.get(ADMIN + "/conventions/" + numero + "/revue").as(admin, TestAccounts.PASSWORD).send();
        Reply csv = api.get(ADMIN + "/conventions/" + numero + "/revue?format=csv").as(admin, TestAccounts.PASSWORD).send();
        Reply incomplete = attest(admin, numero, "{\"decisions\":[{\"habilitation\":" + kept + ",\"decision\":\"CONSERVER\"}]}");
        Reply attested = attest(admin, numero, "{\"decisions\":[{\"habilitation\":" + kept
                + ",\"decision\":\"CONSERVER\"},{\"habilitation\":" + dropped + ",\"decision\":\"RETIRER\"}]}");
        Reply droppedConsults = consultQf(drop, TestAccounts.PASSWORD, "CENTRE_LOISIRS");

        assertThat(report.status()).isEqualTo(200);
        JsonNode accounts = report.json().path("comptes");
        JsonNode keepAccount = find(accounts, keep);
        JsonNode dropAccount = find(accounts, drop);
        assertThat(keepAccount.path("habilitations").get(0).path("consultations").asInt()).isEqualTo(1);
        assertThat(keepAccount.path("indicateurs").toString()).doesNotContain("JAMAIS_CONNECTE");
        assertThat(dropAccount.path("indicateurs").toString()).contains("JAMAIS_CONNECTE");
        assertThat(dropAccount.path("habilitations").get(0).path("indicateurs").toString())
                .as("granted today: not unused, whatever its use").doesNotContain("INUTILISEE_90_JOURS");
        assertThat(dropAccount.path("habilitations").get(0).path("accordeeLe").asText()).isNotBlank();
        assertThat(report.json().path("quotas").path("CDAP").path("T2").path("utilisees").asInt()).isEqualTo(2);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("convention;login;nom;prenom;role");
        assertThat(csv.body()).contains(keep, drop, ";T2;");
        assertThat(incomplete.code()).isEqualTo("invalid-request");
        assertThat(attested.status()).as(attested.toString()).isEqualTo(201);
        assertThat(attested.json().path("retirees").asInt()).isEqualTo(1);
        assertThat(droppedConsults.code()).isEqualTo("no-habilitation");
        assertThat(overdueBefore).isTrue();
        assertThat(overdue()).doesNotContain(numero);
    }

    @Test
    void theReviewFlagsAnHabilitationUnusedOnlyNinetyDaysAfterItWasGrantedStartedOrLastUsed() {
        String numero = newConvention("{\"T2\":5}");
        String admin = "admin." + suffix();
        fixtures.withRole(admin, numero, "791", "ADMIN_PRINCIPAL");
        String fresh = person(numero);
        String old = person(numero);
        grant("caf79.admin", numero, fresh, "T2");
        fixtures.grant(idOf(old), numero, "T2", LocalDate.now().minusMonths(6), null);

        JsonNode accounts = api.get(ADMIN + "/conventions/" + numero + "/revue").as(admin, TestAccounts.PASSWORD)
                .send().json().path("comptes");

        assertThat(find(accounts, fresh).path("habilitations").get(0).path("indicateurs").toString())
                .doesNotContain("INUTILISEE_90_JOURS");
        assertThat(find(accounts, old).path("habilitations").get(0).path("indicateurs").toString())
                .contains("INUTILISEE_90_JOURS");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String overdue() {
        return api.get(ADMIN + "/revues?enRetard=true").as("caf79.admin", DEMO).send().body();
    }

    private Reply attest(String admin, String numero, String body) {
        return api.post(ADMIN + "/conventions/" + numero + "/revue", body).as(admin, TestAccounts.PASSWORD).send();
    }

    private static JsonNode find(JsonNode accounts, String login) {
        for (JsonNode account : accounts) {
            if (account.path("login").asText().equals(login)) {
                return account;
            }
        }
        throw new AssertionError(login + " not in the report");
    }

    /** A new DELEGUE convention of the CAF 791, a year old, with one purpose and the given CDAP quotas. */
    private String newConvention(String quotas) {
        String numero = "79-T-" + suffix();
        Reply created = api.post(ADMIN + "/conventions", """
                {"numero":"%s","caf":"791","partenaire":{"nom":"CCAS de test","siret":"12345678901234"},
                 "mode":"DELEGUE","services":{"CDAP":%s},"motifs":["CENTRE_LOISIRS"],"dateDebut":"%s"}"""
                .formatted(numero, quotas, LocalDate.now().minusYears(2))).as("caf79.admin", DEMO).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        TestConventions.openWithContacts(api, numero, "caf79.admin", DEMO, null);
        return numero;
    }

    private Reply grant(String caller, String convention, String login, String profil) {
        String password = caller.contains(".") && !caller.startsWith("gest.") && !caller.startsWith("admin.")
                ? DEMO : TestAccounts.PASSWORD;
        return api.post(ADMIN + "/conventions/" + convention + "/habilitations",
                "{\"utilisateur\":\"" + login + "\",\"profil\":\"" + profil + "\"}").as(caller, password).send();
    }

    /**
     * One thread per candidate, all released at once: the grants race for the same quota row. Never a 500: each
     * answer is the grant, a quota refusal, or a retryable 503 that is retried once things calm down.
     */
    private List<Reply> grantAllAtOnce(String manager, String convention, List<String> candidates) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(candidates.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (String candidate : candidates) {
            replies.add(pool.submit(() -> {
                start.await();
                return grant(manager, convention, candidate, "T2");
            }));
        }
        start.countDown();
        List<Reply> done = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            done.add(reply.get(90, TimeUnit.SECONDS));
        }
        pool.shutdown();
        // a contention the database pool cannot absorb in time is a clean, retryable 503: a client retries it
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i).status() == 503) {
                assertThat(done.get(i).code()).isEqualTo("gateway-unavailable");
                assertThat(done.get(i).header("Retry-After")).isNotBlank();
                done.set(i, grant(manager, convention, candidates.get(i), "T2"));
            }
        }
        return done;
    }

    private Reply decide(String caller, long demande, String decision) {
        return api.post(ADMIN + "/demandes/" + demande + "/decision",
                "{\"decision\":\"" + decision + "\",\"motif\":\"vu\"}").as(caller, DEMO).send();
    }

    private Reply member(String method, String manager, long group, String login) {
        return api.call(method, ADMIN + "/groupes/" + group + "/membres/" + login, null)
                .as(manager, TestAccounts.PASSWORD).send();
    }

    private Reply consultQf(String login, String password) {
        return consultQf(login, password, "RESTAURATION_SCOLAIRE");
    }

    private Reply consultQf(String login, String password, String motif) {
        return api.get("/api/v1/dossiers/1000042/quotient-familial").as(login, password).motif(motif).send();
    }

    private Reply consult(String login, String motif) {
        return api.get("/api/v1/dossiers/1000042").as(login, TestAccounts.PASSWORD).motif(motif).send();
    }

    private String person(String convention) {
        String login = "agent." + suffix();
        fixtures.person(login, convention, CHERBOURG.equals(convention) ? "501" : "791");
        return login;
    }

    private long idOf(String login) {
        return count("select id from utilisateur where login = :x", login);
    }

    private long count(String sql, Object value) {
        return jdbc.sql(sql).param("x", value).query(Long.class).single();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Map<String, Object> trace(String requestId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select utilisateur, convention, action, statut, code, objet from trace where request_id = :id""")
                .param("id", requestId).query().listOfRows();
        assertThat(rows).as("exactly one trace for request " + requestId).hasSize(1);
        return rows.get(0);
    }
}
