package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.auth.AccountDirectory;
import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;

/**
 * The consultation path end to end, over real HTTP against the running gateway and its simulator.
 * Run on H2 ({@link ConsultationH2IT}) and on a real PostgreSQL ({@link ConsultationPostgresIT}).
 * Every call carries its own X-Request-ID and its trace row is checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class ConsultationScenarios {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String NIORT = "79-2017-19";
    static final String DEPARTEMENT = "79-DEMO-RSA";

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    AccountDirectory accounts;

    Api api;
    TestAccounts fixtures;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
        fixtures = new TestAccounts(jdbc, hasher);
    }

    // ---- routing: the indexed lookup and Camel's matcher agree ------------------------------------------

    @Test
    void requestsReachTheirRouteWhateverTheCaseAndAWrongVerbOrPathIsRefused() {
        Api.Reply upperCase = api.get("/API/v1/Moi").as("niort.agent1", DEMO).send();
        Api.Reply trailingSlash = api.get("/api/v1/moi/").as("niort.agent1", DEMO).send();
        Api.Reply withQuery = api.get("/api/v1/dossiers/1000042/quotient-familial?x=1").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").send();
        // one path, two verbs (GET and PATCH): left to Camel's matcher, which picks by verb
        Api.Reply sharedPath = api.get("/api/v1/admin/conventions/" + NIORT).as("niort.admin", DEMO).send();
        Api.Reply wrongVerb = api.call("DELETE", "/api/v1/dossiers/1000042/quotient-familial", null)
                .as("niort.agent1", DEMO).send();
        Api.Reply unknownPath = api.get("/api/v1/dossiers/1000042/quotient").as("niort.agent1", DEMO).send();

        assertThat(upperCase.status()).isEqualTo(200);
        assertThat(upperCase.json().path("login").asText()).isEqualTo("niort.agent1");
        assertThat(trailingSlash.status()).isEqualTo(200);
        assertThat(withQuery.status()).isEqualTo(200);
        assertThat(sharedPath.status()).isEqualTo(200);
        assertThat(sharedPath.json().path("numero").asText()).isEqualTo(NIORT);
        assertThat(wrongVerb.status()).isEqualTo(405);
        assertThat(unknownPath.status()).isEqualTo(404);
    }

    // ---- profiles: each sees only its allow-list -------------------------------------------------------

    @Test
    void t2AgentSeesQuotientFamilialButNoAddress() {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").requestId(id).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode qf = reply.json();
        assertThat(qf.path("numeroAllocataire").asText()).isEqualTo("1000042");
        assertThat(qf.path("quotientFamilial").path("valeur").asInt()).isEqualTo(645);
        assertThat(qf.path("quotientFamilial").path("statut").asText()).isEqualTo("CALCULE");
        YearMonth now = YearMonth.now(ZoneId.of("Europe/Paris"));
        assertThat(qf.path("quotientFamilial").path("annee").asInt()).isEqualTo(now.getYear());
        assertThat(qf.path("quotientFamilial").path("mois").asInt()).isEqualTo(now.getMonthValue());
        assertThat(qf.path("allocataires").get(0).path("prenoms").asText()).isEqualTo("CLAIRE");
        assertThat(qf.path("enfants").get(0).path("prenoms").asText()).isEqualTo("LEO");
        assertThat(fieldNames(qf)).containsExactly("numeroAllocataire", "quotientFamilial", "allocataires", "enfants");
        assertThat(reply.body()).doesNotContain("nir", "adresse", "LILAS", "2850375123456", "prestations",
                "ressources", "rsa", "dateNaissance\":\"1985");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("X-Request-ID")).isEqualTo(id);

        Map<String, Object> trace = trace(id);
        assertThat(trace).containsEntry("utilisateur", "niort.agent1").containsEntry("convention", NIORT)
                .containsEntry("service", "CDAP").containsEntry("profil", "T2")
                .containsEntry("action", "CONSULTATION_QF").containsEntry("numero_allocataire", "1000042")
                .containsEntry("motif", "RESTAURATION_SCOLAIRE").containsEntry("statut", 200)
                .containsEntry("adresse_client", "127.0.0.1");
        assertThat(trace.get("code")).isNull();
    }

    @Test
    void t2AgentDossierHoldsOnlyTheAllowList() {
        Reply reply = api.get("/api/v1/dossiers/1000042").as("niort.agent2", DEMO).motif("CENTRE_LOISIRS").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fieldNames(reply.json()))
                .containsExactly("numeroAllocataire", "allocataires", "enfants", "quotientsFamiliaux");
        assertThat(fieldNames(reply.json().path("allocataires").get(0)))
                .containsExactly("nomNaissance", "nomUsage", "prenoms");
        assertThat(fieldNames(reply.json().path("enfants").get(0)))
                .containsExactly("nomNaissance", "prenoms", "dateNaissance");
    }

    @Test
    void t1SocialWorkerSeesTheAddressButNeverANir() {
        Reply reply = api.get("/api/v1/dossiers/1000042").as("dep79.social", DEMO).motif("ACTION_SOCIALE").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("adresse").path("numeroLibelleVoie").asText()).isEqualTo("12 RUE DES LILAS");
        assertThat(reply.json().has("prestations")).isTrue();
        assertThat(reply.body()).doesNotContain("nir", "2850375123456");
    }

    @Test
    void t1SocialWorkerMayReadTheQuotientFamilialWithTheFamilyItSees() {
        Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial").as("dep79.social", DEMO)
                .motif("ACTION_SOCIALE").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("allocataires").get(0).path("dateNaissance").asText()).isEqualTo("1985-03-12");
        assertThat(reply.body()).doesNotContain("nir");
    }

    @Test
    void t4InstructorNeedsTheirRegisteredInstructorNumber() {
        String missing = newRequestId();
        Reply withoutNumber = api.get("/api/v1/dossiers/9999101").as("dep79.instructeur", DEMO)
                .motif("INSTRUCTION_RSA").requestId(missing).send();
        Reply otherNumber = api.get("/api/v1/dossiers/9999101").as("dep79.instructeur", DEMO)
                .motif("INSTRUCTION_RSA").header("X-Numero-Instructeur", "INS-79-0043").send();
        Reply ownNumber = api.get("/api/v1/dossiers/9999101").as("dep79.instructeur", DEMO)
                .motif("INSTRUCTION_RSA").header("X-Numero-Instructeur", "INS-79-0042").send();

        assertThat(withoutNumber.status()).isEqualTo(403);
        assertThat(withoutNumber.code()).isEqualTo("profile-precondition-failed");
        assertThat(otherNumber.code()).isEqualTo("profile-precondition-failed");
        assertThat(ownNumber.status()).isEqualTo(200);
        assertThat(ownNumber.json().path("allocataires").get(0).path("nir").asText()).hasSize(13);
        assertThat(trace(missing)).containsEntry("statut", 403).containsEntry("code", "profile-precondition-failed")
                .containsEntry("profil", null);
    }

    @ParameterizedTest
    @CsvSource({"9999101, 200", "9999102, 200", "9999103, 403", "9999104, 403"})
    void t18SeesOnlyDossiersWithAnOpenOrRecentRsaRight(String numero, int expected) {
        Reply reply = api.get("/api/v1/dossiers/" + numero).as("dep79.contentieux", DEMO)
                .motif("CONTENTIEUX_RSA").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        if (expected == 403) {
            assertThat(reply.code()).isEqualTo("profile-precondition-failed");
            assertThat(reply.body()).doesNotContain(numero + "\",\"caf\"", "allocataires");
        } else {
            assertThat(reply.json().path("rsa").path("dateDebutDroit").isTextual()).isTrue();
        }
    }

    @Test
    void t5FollowsRsaWithoutQuotientResourcesOrBenefits() {
        Reply dossier = api.get("/api/v1/dossiers/9999101").as("dep79.suivi", DEMO).motif("SUIVI_RSA").send();
        Reply qf = api.get("/api/v1/dossiers/9999101/quotient-familial").as("dep79.suivi", DEMO)
                .motif("SUIVI_RSA").send();

        assertThat(dossier.status()).isEqualTo(200);
        assertThat(fieldNames(dossier.json())).contains("rsa", "adresse")
                .doesNotContain("quotientsFamiliaux", "ressources", "prestations");
        assertThat(qf.status()).isEqualTo(403);
        assertThat(qf.code()).isEqualTo("forbidden");
    }

    // ---- the human-identity rule ---------------------------------------------------------------------

    @Test
    void technicalAccountIsRefusedAsAutomation() {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.robot", DEMO)
                .motif("RESTAURATION_SCOLAIRE").requestId(id).send();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("automation-without-user-identity");
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(trace(id)).containsEntry("utilisateur", "niort.robot").containsEntry("statut", 403)
                .containsEntry("code", "automation-without-user-identity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "X-API-Key: 3f2a9c"})
    void apiKeysAndBearerTokensAreRefusedAsAutomation(String header) {
        String[] parts = header.split(": ");
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/1000042").header(parts[0], parts[1]).requestId(id).send();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("automation-without-user-identity");
        assertThat(trace(id)).containsEntry("code", "automation-without-user-identity");
    }

    @Test
    void missingCredentialsAreChallenged() {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/1000042").requestId(id).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("credentials-missing");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=\"cdap-gateway\"");
        assertThat(trace(id)).containsEntry("statut", 401).containsEntry("utilisateur", null);
    }

    @Test
    void wrongPasswordAnswersExactlyLikeAnUnknownLogin() {
        String login = TestAccounts.uniqueLogin("niort.mdp");
        fixtures.person(login, NIORT, "791");
        String wrongId = newRequestId();
        Reply wrongPassword = api.get("/api/v1/moi").as(login, "not-the-password").requestId(wrongId).send();
        Reply unknownLogin = api.get("/api/v1/moi").as("nobody." + login, "not-the-password").send();

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownLogin.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("credentials-invalid");
        JsonNode a = wrongPassword.json();
        JsonNode b = unknownLogin.json();
        for (String field : List.of("type", "title", "status", "detail", "code", "convention")) {
            assertThat(a.path(field)).as(field).isEqualTo(b.path(field));
        }
        assertThat(a.path("convention").isNull()).isTrue();
        assertThat(trace(wrongId)).containsEntry("utilisateur", login).containsEntry("code", "credentials-invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!notbase64", "Basic bm9jb2xvbg==", "Basic OnBhc3N3b3Jk", "Digest abc"})
    void malformedCredentialsAreRefused(String authorization) {
        Reply reply = api.get("/api/v1/moi").header("Authorization", authorization).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("credentials-invalid");
    }

    @Test
    void tenConsecutiveFailuresLockTheAccount() {
        String login = TestAccounts.uniqueLogin("niort.lock");
        long id = fixtures.person(login, NIORT, "791");
        fixtures.grant(id, NIORT, "T2", LocalDate.now().minusDays(1), null);
        for (int i = 0; i < 10; i++) {
            assertThat(api.get("/api/v1/moi").as(login, "wrong-" + i).send().code()).isEqualTo("credentials-invalid");
        }
        String lockedId = newRequestId();
        Reply locked = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).requestId(lockedId).send();

        assertThat(locked.status()).as("a lock answers like a wrong password (SPEC §14.4)").isEqualTo(401);
        assertThat(locked.code()).isEqualTo("credentials-invalid");
        assertThat(locked.header("WWW-Authenticate")).isNotNull();
        assertThat(trace(lockedId)).containsEntry("utilisateur", login).containsEntry("statut", 401)
                .containsEntry("code", "account-locked");
        assertThat(jdbc.sql("select count(*) from trace where utilisateur = :login and code = 'credentials-invalid'")
                .param("login", login).query(Integer.class).single()).isEqualTo(10);
    }

    @Test
    void aSuccessResetsTheConsecutiveFailures() {
        String login = TestAccounts.uniqueLogin("niort.reset");
        fixtures.person(login, NIORT, "791");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 9; i++) {
                api.get("/api/v1/moi").as(login, "wrong-" + i).send();
            }
            assertThat(api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
        }
    }

    @Test
    void suspendedAndDevalidatedAccountsAreRefusedAfterTheirPasswordIsChecked() {
        String suspended = TestAccounts.uniqueLogin("niort.susp");
        String devalidated = TestAccounts.uniqueLogin("niort.deval");
        fixtures.person(suspended, NIORT, "791");
        fixtures.person(devalidated, NIORT, "791");
        assertThat(api.get("/api/v1/moi").as(suspended, TestAccounts.PASSWORD).send().status()).isEqualTo(200);
        fixtures.suspend(suspended);
        fixtures.devalidate(devalidated);
        accounts.invalidate(suspended);

        assertThat(api.get("/api/v1/moi").as(suspended, TestAccounts.PASSWORD).send().code())
                .isEqualTo("account-suspended");
        assertThat(api.get("/api/v1/moi").as(suspended, "wrong-password").send().code())
                .isEqualTo("credentials-invalid");
        assertThat(api.get("/api/v1/moi").as(devalidated, TestAccounts.PASSWORD).send().code())
                .isEqualTo("account-devalidated");
    }

    // ---- habilitations, profiles, purposes -------------------------------------------------------------

    @Test
    void expiredFutureSuspendedOrForeignHabilitationsGiveNoAccess() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        String expired = person(NIORT);
        fixtures.grant(idOf(expired), NIORT, "T2", today.minusYears(1), today.minusDays(1));
        String future = person(NIORT);
        fixtures.grant(idOf(future), NIORT, "T2", today.plusDays(1), null);
        String suspended = person(NIORT);
        fixtures.suspendHabilitation(fixtures.grant(idOf(suspended), NIORT, "T2", today.minusDays(3), null));
        String foreign = person(NIORT);
        fixtures.grant(idOf(foreign), DEPARTEMENT, "T1", today.minusDays(3), null);
        String none = person(NIORT);

        for (String login : List.of(expired, future, suspended, foreign, none)) {
            Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial").as(login, TestAccounts.PASSWORD)
                    .motif("RESTAURATION_SCOLAIRE").send();
            assertThat(reply.status()).as(login).isEqualTo(403);
            assertThat(reply.code()).as(login).isEqualTo("no-habilitation");
        }
    }

    @Test
    void severalHabilitationsAreChosenBetweenWithXProfil() {
        String login = person(DEPARTEMENT);
        LocalDate start = LocalDate.now().minusDays(10);
        fixtures.grant(idOf(login), DEPARTEMENT, "T1", start, null);
        fixtures.grant(idOf(login), DEPARTEMENT, "T5", start, null);

        Reply ambiguous = api.get("/api/v1/dossiers/1000042").as(login, TestAccounts.PASSWORD)
                .motif("ACTION_SOCIALE").send();
        Reply t1 = api.get("/api/v1/dossiers/1000042").as(login, TestAccounts.PASSWORD).motif("ACTION_SOCIALE")
                .header("X-Profil", "T1").send();
        Reply notHeld = api.get("/api/v1/dossiers/1000042").as(login, TestAccounts.PASSWORD)
                .motif("ACTION_SOCIALE").header("X-Profil", "T4").send();
        Reply garbage = api.get("/api/v1/dossiers/1000042").as(login, TestAccounts.PASSWORD)
                .motif("ACTION_SOCIALE").header("X-Profil", "ADMIN").send();

        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.code()).isEqualTo("invalid-request");
        assertThat(ambiguous.json().path("profils").toString()).isEqualTo("[\"T1\",\"T5\"]");
        assertThat(t1.status()).isEqualTo(200);
        assertThat(t1.json().has("quotientsFamiliaux")).isTrue();
        assertThat(notHeld.code()).isEqualTo("no-habilitation");
        assertThat(garbage.code()).isEqualTo("invalid-request");
    }

    @Test
    void thePurposeIsRequiredAndMustBeOneTheConventionDeclares() {
        String missingId = newRequestId();
        Reply missing = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .requestId(missingId).send();
        Reply otherConventionsPurpose = api.get("/api/v1/dossiers/1000042/quotient-familial")
                .as("niort.agent1", DEMO).motif("INSTRUCTION_RSA").send();
        Reply cherbourgWithNiortPurpose = api.get("/api/v1/dossiers/1000042/quotient-familial")
                .as("cherbourg.agent1", DEMO).motif("CENTRE_LOISIRS").send();
        Reply cherbourg = api.get("/api/v1/dossiers/1000042/quotient-familial")
                .as("cherbourg.agent1", DEMO).motif("RESTAURATION_SCOLAIRE").send();

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("motif-required");
        assertThat(missing.json().path("convention").asText()).isEqualTo(NIORT);
        assertThat(otherConventionsPurpose.code()).isEqualTo("motif-not-allowed");
        assertThat(cherbourgWithNiortPurpose.code()).isEqualTo("motif-not-allowed");
        assertThat(cherbourg.status()).isEqualTo(200);
        assertThat(trace(missingId)).containsEntry("code", "motif-required").containsEntry("statut", 400);
    }

    // ---- input validation ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"123", "12345678", "abcdefg", "100004a", "1000042%20", "1000042%0A", "-100004", "%2E%2E%2F1000042"})
    void malformedNumerosAreRefusedBeforeAnyBackendCall(String numero) {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/" + numero + "/quotient-familial").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").requestId(id).send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid-numero-allocataire");
        assertThat(trace(id)).containsEntry("code", "invalid-numero-allocataire").containsEntry("profil", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/dossiers/1000042%2F..%2F1000043", "/api/v1/dossiers/1000042%2f1000043",
            "/api/v1/dossiers/1000042%3Fx=1/quotient-familial", "/api/v1/dossiers/1000042%3Fx=1",
            "/api/v1/dossiers/1000042%2F..%2F1000043/quotient-familial", "/api/v1/dossiers/1000042%23x"})
    void aNumeroIsSevenDigitsAfterDecodingWhateverItsEscapesHide(String path) {
        String id = newRequestId();
        Reply reply = api.get(path).as("dep79.social", DEMO).motif("ACTION_SOCIALE").requestId(id).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid-numero-allocataire");
        assertThat(reply.header("X-Request-ID")).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({"annee=2999&mois=1", "mois=3", "annee=2026", "annee=2026&mois=13", "annee=2026&mois=0",
            "annee=deux&mois=3", "annee=2026&mois=3;x", "annee=20266&mois=3",
            "annee=2026&mois=3&annee=2025"})
    void badPeriodsAreRefused(String query) {
        Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial?" + query).as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid-period");
    }

    @Test
    void periodsGoBackTwentyFourMonthsAndNoFurther() {
        YearMonth now = YearMonth.now(ZoneId.of("Europe/Paris"));
        YearMonth oldest = now.minusMonths(24);
        YearMonth tooOld = now.minusMonths(25);
        YearMonth next = now.plusMonths(1);

        Reply ok = qf("1000042", oldest);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("quotientFamilial").path("mois").asInt()).isEqualTo(oldest.getMonthValue());
        assertThat(qf("1000042", tooOld).code()).isEqualTo("invalid-period");
        assertThat(qf("1000042", next).code()).isEqualTo("invalid-period");
    }

    @ParameterizedTest
    @CsvSource({"9999001, NON_CONNU", "9999002, SANS_DROIT"})
    void anUnknownQuotientIsNullNeverZero(String numero, String statut) {
        Reply reply = api.get("/api/v1/dossiers/" + numero + "/quotient-familial").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("quotientFamilial").path("statut").asText()).isEqualTo(statut);
        assertThat(reply.json().path("quotientFamilial").get("valeur").isNull()).isTrue();
    }

    @Test
    void anUnknownDossierIsNotFound() {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/2000000/quotient-familial").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").requestId(id).send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("dossier-not-found");
        assertThat(trace(id)).containsEntry("statut", 404).containsEntry("numero_allocataire", "2000000");
    }

    // ---- backend faults --------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"9999500, 502, backend-error", "9999503, 502, backend-error", "9999504, 504, backend-timeout",
            "9999505, 502, backend-error", "9999599, 502, backend-error"})
    void everyBackendFaultGivesItsCleanProblem(String numero, int status, String code) {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/" + numero).as("dep79.social", DEMO).motif("ACTION_SOCIALE")
                .requestId(id).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().path("requestId").asText()).isEqualTo(id);
        assertThat(reply.json().path("convention").asText()).isEqualTo(DEPARTEMENT);
        assertThat(reply.body()).doesNotContain("java.", "Exception", "DossierService", "DUR");
        assertThat(trace(id)).containsEntry("statut", status).containsEntry("code", code)
                .containsEntry("numero_allocataire", numero);
    }

    // ---- the user's own account ------------------------------------------------------------------------

    @Test
    void anInitialPasswordMustBeChangedBeforeAnyConsultation() {
        String login = person(NIORT);
        fixtures.grant(idOf(login), NIORT, "T2", LocalDate.now().minusDays(1), null);
        fixtures.requirePasswordChange(login);
        String newPassword = "Cantine-Niort-Sept-2026";

        Reply blocked = api.get("/api/v1/dossiers/1000042/quotient-familial").as(login, TestAccounts.PASSWORD)
                .motif("RESTAURATION_SCOLAIRE").send();
        Reply me = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        Reply tooShort = changePassword(login, TestAccounts.PASSWORD, "Court-1!");
        Reply common = changePassword(login, TestAccounts.PASSWORD, "Password12345!");
        Reply withLogin = changePassword(login, TestAccounts.PASSWORD, "xx" + login + "-2026!");
        Reply wrongOld = api.put("/api/v1/moi/mot-de-passe", passwordChange("Not-The-Old-Password", newPassword))
                .as(login, TestAccounts.PASSWORD).send();
        Reply malformed = api.put("/api/v1/moi/mot-de-passe", "{\"ancien\":").as(login, TestAccounts.PASSWORD).send();
        Reply changed = changePassword(login, TestAccounts.PASSWORD, newPassword);
        Reply oldPassword = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        Reply consult = api.get("/api/v1/dossiers/1000042/quotient-familial").as(login, newPassword)
                .motif("RESTAURATION_SCOLAIRE").send();

        assertThat(blocked.code()).isEqualTo("password-change-required");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("doitChangerMotDePasse").asBoolean()).isTrue();
        assertThat(tooShort.code()).isEqualTo("weak-password");
        assertThat(common.code()).isEqualTo("weak-password");
        assertThat(withLogin.code()).isEqualTo("weak-password");
        assertThat(wrongOld.code()).isEqualTo("invalid-request");
        assertThat(malformed.code()).isEqualTo("invalid-request");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(oldPassword.code()).isEqualTo("credentials-invalid");
        assertThat(consult.status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from trace where utilisateur = :login and action = 'CHANGEMENT_MOT_DE_PASSE'")
                .param("login", login).query(Integer.class).single()).isEqualTo(6);
    }

    @Test
    void whoAmIShowsTheConventionAndActiveHabilitations() {
        Reply reply = api.get("/api/v1/moi").as("dep79.instructeur", DEMO).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("login").asText()).isEqualTo("dep79.instructeur");
        assertThat(reply.json().path("convention").path("numero").asText()).isEqualTo(DEPARTEMENT);
        assertThat(reply.json().path("habilitations").get(0).path("profil").asText()).isEqualTo("T4");
        assertThat(reply.body()).doesNotContain("hash", "argon", "INS-79-0042", "motDePasse\"");
    }

    // ---- headers, spoofing, public endpoints -------------------------------------------------------------

    @Test
    void spoofedHeadersChangeNothing() {
        String id = newRequestId();
        Reply reply = api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").requestId(id)
                .header("X-Utilisateur", "niort.admin").header("X-Convention", DEPARTEMENT)
                .header("X-Forwarded-For", "10.9.8.7").header("CamelHttpPath", "9999101")
                .header("CamelHttpUri", "http://127.0.0.1:1/x").header("gatewayRequest", "forged")
                .header("numeroAllocataire", "9999101").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("numeroAllocataire").asText()).isEqualTo("1000042");
        assertThat(trace(id)).containsEntry("utilisateur", "niort.agent1").containsEntry("convention", NIORT)
                .containsEntry("adresse_client", "127.0.0.1").containsEntry("numero_allocataire", "1000042");
    }

    @Test
    void aSafeRequestIdIsEchoedAndAnUnsafeOneReplaced() {
        Reply safe = api.get("/api/v1/statut").requestId("partner-42.abc").send();
        Reply unsafe = api.get("/api/v1/statut").requestId("<script>alert(1)</script>").send();
        Reply none = api.get("/api/v1/statut").send();

        assertThat(safe.header("X-Request-ID")).isEqualTo("partner-42.abc");
        assertThat(unsafe.header("X-Request-ID")).matches("[0-9a-f-]{36}");
        assertThat(none.header("X-Request-ID")).matches("[0-9a-f-]{36}");
        assertThat(trace(unsafe.header("X-Request-ID"))).containsEntry("action", "STATUT");
    }

    @Test
    void statusAndOpenApiArePublic() {
        Reply status = api.get("/api/v1/statut").send();
        Reply openapi = api.get("/api/v1/openapi.json").send();

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("statut").asText()).isEqualTo("DISPONIBLE");
        assertThat(status.json().path("maintenances").isArray()).isTrue();
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().path("openapi").asText()).startsWith("3.");
        assertThat(fieldNames(openapi.json().path("paths"))).contains(
                "/api/v1/dossiers/{numeroAllocataire}/quotient-familial", "/api/v1/dossiers/{numeroAllocataire}",
                "/api/v1/moi", "/api/v1/moi/mot-de-passe", "/api/v1/statut", "/api/v1/openapi.json");
    }

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void theOpenApiDocumentDescribesEveryVerbTheRoutesServe() {
        JsonNode paths = api.get("/api/v1/openapi.json").send().json().path("paths");
        List<String> missing = new java.util.ArrayList<>();
        int verbs = 0;
        for (var rest : ((org.apache.camel.model.ModelCamelContext) camel).getRestDefinitions()) {
            for (var verb : rest.getVerbs()) {
                verbs++;
                String path = rest.getPath() + verb.getPath();
                if (paths.path(path).path(verb.asVerb().toLowerCase()).isMissingNode()) {
                    missing.add(verb.asVerb() + " " + path);
                }
            }
        }
        assertThat(verbs).as("verbs served").isGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Reply qf(String numero, YearMonth month) {
        return api.get("/api/v1/dossiers/" + numero + "/quotient-familial?annee=" + month.getYear() + "&mois="
                + month.getMonthValue()).as("niort.agent1", DEMO).motif("RESTAURATION_SCOLAIRE").send();
    }

    private Reply changePassword(String login, String oldPassword, String newPassword) {
        return api.put("/api/v1/moi/mot-de-passe", passwordChange(oldPassword, newPassword)).as(login, oldPassword)
                .send();
    }

    private static String passwordChange(String oldPassword, String newPassword) {
        return "{\"ancienMotDePasse\":\"" + oldPassword + "\",\"nouveauMotDePasse\":\"" + newPassword + "\"}";
    }

    private String person(String convention) {
        String login = TestAccounts.uniqueLogin("agent");
        fixtures.person(login, convention, "791");
        return login;
    }

    private long idOf(String login) {
        return jdbc.sql("select id from utilisateur where login = :login").param("login", login)
                .query(Long.class).single();
    }

    Map<String, Object> trace(String requestId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select utilisateur, convention, service, profil, action, numero_allocataire, motif, statut, code,
                       duree_ms, adresse_client, user_agent, indicateurs
                  from trace where request_id = :id""")
                .param("id", requestId).query().listOfRows();
        assertThat(rows).as("exactly one trace for request " + requestId).hasSize(1);
        return rows.get(0);
    }

    static String newRequestId() {
        return "it-" + UUID.randomUUID();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
