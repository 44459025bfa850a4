package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;

/** Accounts: the delegated manager's day, refusals, the CAF's supervision of accounts and passwords, CAF administrators. Run by {@link AdminH2IT} and {@link AdminPostgresIT}. */
interface AccountScenarios extends AdminSteps {

    // ---- the delegated manager's day: an agent, a habilitation, a first password -----------------------------

    @Test
    default void aManagerCreatesAnAgentWhoMustChangePasswordBeforeConsulting() {
        String login = "niort.agent." + suffix();
        String initial = "Initial-Niort-2026-x";
        String createId = "adm-" + UUID.randomUUID();
        Reply created = api().post(ADMIN + "/conventions/" + NIORT + "/utilisateurs", """
                {"login":"%s","nom":"PRUNIER","prenom":"Alice","email":"alice.prunier@niort.example",
                 "fonction":"Agent de facturation","type":"PERSONNE","role":"UTILISATEUR","motDePasseInitial":"%s"}"""
                .formatted(login, initial)).as("niort.gestion", DEMO).requestId(createId).send();
        Reply granted = api().post(ADMIN + "/conventions/" + NIORT + "/habilitations",
                "{\"utilisateur\":\"" + login + "\",\"service\":\"CDAP\",\"profil\":\"T2\"}").as("niort.gestion", DEMO).send();
        Reply beforeChange = consultQf(login, initial);
        Reply changed = api().put("/api/v1/moi/mot-de-passe",
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
        assertThat(String.valueOf(jdbc().sql("select * from trace where request_id = :id").param("id", createId)
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
    default void accountCreationRefusals(String body, int status, String code) {
        Reply reply = api().post(ADMIN + "/conventions/" + NIORT + "/utilisateurs", body).as("niort.admin", DEMO).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
    }

    @Test
    default void habilitationRefusals() {
        String login = person(NIORT);
        long robot = fixtures().person("robot." + suffix(), NIORT, "791");
        jdbc().sql("update utilisateur set type = 'TECHNIQUE' where id = :id").param("id", robot).update();
        String robotLogin = jdbc().sql("select login from utilisateur where id = :id").param("id", robot)
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

    // ---- CAF supervision ------------------------------------------------------------------------------------

    @Test
    default void aSuspensionByTheCafBlocksTheVeryNextCall() {
        String login = person(NIORT);
        long habilitation = fixtures().grant(idOf(login), NIORT, "T2", LocalDate.now().minusDays(1), null);
        assertThat(consultQf(login, TestAccounts.PASSWORD).status()).isEqualTo(200);

        Reply suspended = api().post(ADMIN + "/utilisateurs/" + login + "/suspension", null).as("caf79.admin", DEMO).send();
        Reply whileSuspended = consultQf(login, TestAccounts.PASSWORD);
        Reply reinstated = api().delete(ADMIN + "/utilisateurs/" + login + "/suspension").as("caf79.admin", DEMO).send();
        Reply afterReinstatement = consultQf(login, TestAccounts.PASSWORD);
        Reply habilitationSuspended = api().post(ADMIN + "/habilitations/" + habilitation + "/suspension", null)
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
    default void aLockedAccountIsUnlockedByAManager() {
        String login = person(NIORT);
        for (int i = 0; i < 10; i++) {
            api().get("/api/v1/moi").as(login, "wrong-" + i).send();
        }
        Reply locked = api().get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        Reply unlocked = api().post(ADMIN + "/utilisateurs/" + login + "/deverrouillage", null).as("niort.gestion", DEMO).send();
        Reply after = api().get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();

        assertThat(locked.code()).as("a lock answers like a wrong password").isEqualTo("credentials-invalid");
        assertThat(jdbc().sql("select count(*) from trace where utilisateur = :login and code = 'account-locked'")
                .param("login", login).query(Integer.class).single()).as("the trace keeps the real reason").isEqualTo(1);
        assertThat(unlocked.json().path("statut").asText()).isEqualTo("ACTIF");
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    default void twentyFiveFailuresInADayLockEvenWithSuccessesBetween() {
        String login = person(NIORT);
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 9; i++) {
                statuses.add(api().get("/api/v1/moi").as(login, "wrong-" + i).send().status());
            }
            statuses.add(api().get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send().status());
        }

        assertThat(statuses.subList(0, 20)).containsOnly(401, 200);
        assertThat(statuses.get(29)).as("the 25th failure locked the account").isEqualTo(401);
        assertThat(jdbc().sql("select verrouille_le from utilisateur where login = :l").param("l", login)
                .query(Instant.class).optional()).isPresent();
    }

    @Test
    default void aResetStopsThePasswordAtOnceAndAManagerChosenOneMustBeChanged() {
        String login = person(NIORT);
        fixtures().grant(idOf(login), NIORT, "T2", LocalDate.now().minusDays(1), null);
        assertThat(consultQf(login, TestAccounts.PASSWORD).status()).isEqualTo(200);

        Reply forced = api().post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe", null)
                .as("caf79.admin", DEMO).send();
        Reply afterForce = consultQf(login, TestAccounts.PASSWORD);
        Reply weakReset = api().post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"123456789012\"}").as("niort.gestion", DEMO).send();
        Reply reset = api().post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"Nouveau-Depart-2026-x\"}").as("niort.gestion", DEMO).send();
        Reply oldPassword = api().get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
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
    default void administratorsRenewTheirPasswordYearly() {
        String admin = staff("admin", NIORT, "ADMIN_SUPPLEANT");
        assertThat(api().get(ADMIN + "/conventions").as(admin, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
        fixtures().passwordChangedDaysAgo(admin, 366);
        api().post(ADMIN + "/utilisateurs/" + admin + "/deverrouillage", null).as("caf79.admin", DEMO).send(); // any change drops caches

        assertThat(api().get(ADMIN + "/conventions").as(admin, TestAccounts.PASSWORD).send().code())
                .isEqualTo("password-change-required");
        assertThat(api().get("/api/v1/moi").as(admin, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
    }

    // ---- CAF admins manage each other, never themselves ---------------------------------------------------------

    @Test
    default void aCafAdminManagesAnotherCafAdminOfItsCafButNeverItselfNorAnotherCafs() {
        String login = "caf79.adjoint" + suffix();
        String body = """
                {"login":"%s","nom":"MOREAU","prenom":"Inès","email":"ines.moreau@caf79.example",
                 "motDePasseInitial":"Cheval-Agrafe-Tournesol-79"}""".formatted(login);
        Reply byPartner = api().post(ADMIN + "/cafs/791/administrateurs", body).as("niort.admin", DEMO).send();
        Reply byOtherCaf = api().post(ADMIN + "/cafs/791/administrateurs", body).as("caf50.admin", DEMO).send();
        Reply wrongRole = api().post(ADMIN + "/cafs/791/administrateurs", body.replace("\"login\"",
                "\"role\":\"UTILISATEUR\",\"login\"")).as("caf79.admin", DEMO).send();
        Reply created = api().post(ADMIN + "/cafs/791/administrateurs", body).as("caf79.admin", DEMO).send();
        Reply listed = api().get(ADMIN + "/cafs/791/administrateurs").as("caf79.admin", DEMO).send();
        Reply listedByOtherCaf = api().get(ADMIN + "/cafs/791/administrateurs").as("caf50.admin", DEMO).send();
        Reply suspended = api().post(ADMIN + "/utilisateurs/" + login + "/suspension", null).as("caf79.admin", DEMO).send();
        Reply suspendedByOtherCaf = api().post(ADMIN + "/utilisateurs/" + login + "/suspension", null)
                .as("caf50.admin", DEMO).send();
        Reply reinstated = api().delete(ADMIN + "/utilisateurs/" + login + "/suspension").as("caf79.admin", DEMO).send();
        Reply unlocked = api().post(ADMIN + "/utilisateurs/" + login + "/deverrouillage", null).as("caf79.admin", DEMO)
                .send();
        Reply reset = api().post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"Lampe-Orageuse-Vitrail-79\"}").as("caf79.admin", DEMO).send();
        Reply selfSuspension = api().post(ADMIN + "/utilisateurs/caf79.admin/suspension", null).as("caf79.admin", DEMO)
                .send();
        Reply selfDevalidation = api().delete(ADMIN + "/utilisateurs/caf79.admin").as("caf79.admin", DEMO).send();
        Reply devalidated = api().delete(ADMIN + "/utilisateurs/" + login).as("caf79.admin", DEMO).send();
        Reply newAdminConsults = api().get(ADMIN + "/conventions").as(login, "Lampe-Orageuse-Vitrail-79").send();

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
}
