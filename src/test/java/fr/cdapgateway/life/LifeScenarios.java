package fr.cdapgateway.life;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.admin.ConventionLife;
import fr.cdapgateway.admin.HistoryPurge;
import fr.cdapgateway.admin.IncidentAdmin;
import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.statistics.UsageStatistics;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.MutableClock;
import fr.cdapgateway.support.TestAccounts;
import fr.cdapgateway.support.TestConventions;
import fr.cdapgateway.trace.TraceRetention;

/**
 * A convention's whole life (SPEC §14.7, §14.8) on a clock the tests move: a year of consultations counted past the
 * traces' six months, the bilan at the anniversary, the minutes and their 30 days, the opening refused without the
 * mandatory contacts, a resiliation's notice, its reminder and its effect. Every call goes over HTTP to the running
 * gateway; the nightly jobs are run by hand, as their schedule would. Run on H2 ({@link LifeH2IT}) and on a real
 * PostgreSQL ({@link LifePostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(LifeScenarios.MovableTime.class)
abstract class LifeScenarios {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String ADMIN = "/api/v1/admin";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** One clock for the whole context: each test only moves it forward. */
    static final MutableClock CLOCK = new MutableClock(Instant.now());

    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    UsageStatistics statistics;
    @Autowired
    TraceRetention retention;
    @Autowired
    ConventionLife life;
    @Autowired
    IncidentAdmin incidents;
    @Autowired
    HistoryPurge history;

    Api api;
    TestAccounts fixtures;
    String cafAdmin;
    String otherCafAdmin;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
        fixtures = new TestAccounts(jdbc, hasher);
        // a CAF admin of the day: an administrator's password is renewed yearly, and the clock runs for years here
        cafAdmin = TestAccounts.uniqueLogin("caf");
        fixtures.withRole(cafAdmin, null, "791", "CAF_ADMIN");
        otherCafAdmin = TestAccounts.uniqueLogin("caf");
        fixtures.withRole(otherCafAdmin, null, "501", "CAF_ADMIN");
        freshPassword(cafAdmin);
        freshPassword(otherCafAdmin);
    }

    // ---- a year counted past the traces (done-when 1) ---------------------------------------------------------

    @Test
    void aYearOfConsultationsIsCountedPastTheTracesSixMonths() {
        LocalDate signed = today();
        String numero = newConvention(signed);
        String agent = agentOf(numero);
        Map<YearMonth, Integer> served = new TreeMap<>();
        int refused = 0;
        for (int month = 0; month < 12; month++) {
            moveTo(signed.plusMonths(month).plusDays(1).atTime(LocalTime.of(9, 0)));
            statistics.countMissedDays(); // the nightly job
            int calls = month < 4 ? 84 : 83; // 4 x 84 + 8 x 83 = 1000
            for (int i = 0; i < calls; i++) {
                CLOCK.advance(Duration.ofSeconds(20));
                Reply reply = api.get("/api/v1/dossiers/" + (1000000 + i) + "/quotient-familial").as(agent,
                        TestAccounts.PASSWORD).motif("CENTRE_LOISIRS").send();
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                served.merge(YearMonth.from(today()), 1, Integer::sum);
            }
            Reply wrongPurpose = api.get("/api/v1/dossiers/1000042/quotient-familial").as(agent,
                    TestAccounts.PASSWORD).motif("RSA").send();
            assertThat(wrongPurpose.status()).as(wrongPurpose.toString()).isBetween(400, 403);
            refused++;
        }
        moveTo(signed.plusYears(1).atTime(LocalTime.of(0, 30)));
        life.act(); // the anniversary: tacit renewal, both sides told the bilan is due
        long renewedOnce = mails(numero, "RECONDUCTION");
        life.act();
        long renewedTwice = mails(numero, "RECONDUCTION");
        moveTo(signed.plusYears(1).plusDays(1).atTime(LocalTime.of(4, 0)));
        statistics.countMissedDays();
        retention.purge(); // traces older than six months go, with their days counted first
        long oldTraces = jdbc.sql("select count(*) from trace where convention = :c and horodatage < :limit")
                .param("c", numero).param("limit", CLOCK.instant().minus(Duration.ofDays(200))
                        .atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single();
        Map<String, Long> before = statisticsRows(numero);
        statistics.countMissedDays(); // a second run over the same days
        boolean recounted = statistics.countDay(today().minusDays(1));
        Reply bilan = api.get(ADMIN + "/conventions/" + numero + "/bilans/" + signed.getYear()).as(cafAdmin,
                TestAccounts.PASSWORD).send();
        Reply csv = api.get(ADMIN + "/conventions/" + numero + "/bilans/" + signed.getYear() + "?format=csv")
                .as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply stats = api.get(ADMIN + "/conventions/" + numero + "/statistiques?de=" + YearMonth.from(signed) + "&a="
                + YearMonth.from(signed.plusYears(1))).as(cafAdmin, TestAccounts.PASSWORD).send();

        assertThat(renewedOnce).as("both sides are told of the renewal").isGreaterThanOrEqualTo(6);
        assertThat(renewedTwice).as("once").isEqualTo(renewedOnce);
        assertThat(oldTraces).as("the traces of the first months are purged").isZero();
        assertThat(statisticsRows(numero)).as("counting twice changes nothing").isEqualTo(before);
        assertThat(recounted).isFalse();
        assertThat(bilan.status()).as(bilan.toString()).isEqualTo(200);
        JsonNode b = bilan.json();
        assertThat(b.path("consultationsTotal").asLong()).isEqualTo(1000);
        Map<YearMonth, Integer> inBilan = new TreeMap<>();
        long refusals = 0;
        for (JsonNode m : b.path("consultationsParMois")) {
            if (m.path("consultations").asInt() > 0) {
                inBilan.put(YearMonth.parse(m.path("mois").asText()), m.path("consultations").asInt());
            }
            refusals += m.path("refus").asLong();
        }
        assertThat(inBilan).hasSize(12).isEqualTo(served);
        assertThat(refusals).isEqualTo(refused);
        assertThat(b.path("refusParCode").toString()).contains("\"nombre\":" + refused);
        assertThat(b.path("consultationsParProfilEtMotif").get(0).path("profil").asText()).isEqualTo("T2");
        assertThat(b.path("consultationsParProfilEtMotif").get(0).path("motif").asText()).isEqualTo("CENTRE_LOISIRS");
        assertThat(b.path("quotas").get(0).path("utilisees").asInt()).isEqualTo(1);
        assertThat(b.toString()).doesNotContain(agent, "1000042");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("consultations_profil_motif;T2;CENTRE_LOISIRS;1000").doesNotContain(agent);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.body()).doesNotContain(agent, "1000042");
    }

    // ---- the minutes: one side writes, the other validates within 30 days ------------------------------------

    @Test
    void theMinutesAreValidatedByTheOtherSideWithinThirtyDays() {
        LocalDate signed = today().minusYears(1).minusDays(10);
        String numero = newConvention(signed);
        String admin = TestAccounts.uniqueLogin("adm");
        fixtures.withRole(admin, numero, "791", "ADMIN_PRINCIPAL");
        freshPassword(admin);
        String manager = TestAccounts.uniqueLogin("ges");
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String path = ADMIN + "/conventions/" + numero + "/bilans/" + signed.getYear() + "/compte-rendu";
        String minutes = "{\"redacteur\":\"PARTENAIRE\",\"texte\":\"Réunion du bilan : usage conforme.\"}";

        Reply byManager = api.post(path, minutes).as(manager, TestAccounts.PASSWORD).send();
        Reply wrongSide = api.post(path, minutes.replace("PARTENAIRE", "CAF")).as(admin, TestAccounts.PASSWORD).send();
        Reply otherCaf = api.post(path, minutes).as(otherCafAdmin, TestAccounts.PASSWORD).send();
        Reply written = api.post(path, minutes).as(admin, TestAccounts.PASSWORD).send();
        Reply selfValidation = api.post(path + "/validation", null).as(admin, TestAccounts.PASSWORD).send();
        CLOCK.advance(Duration.ofDays(31));
        freshPassword(admin);
        freshPassword(cafAdmin);
        Reply late = api.post(path + "/validation", null).as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply rewritten = api.post(path, minutes).as(admin, TestAccounts.PASSWORD).send();
        Reply validated = api.post(path + "/validation", null).as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply again = api.post(path, minutes).as(admin, TestAccounts.PASSWORD).send();
        Reply bilan = api.get(ADMIN + "/conventions/" + numero + "/bilans/" + signed.getYear()).as(admin,
                TestAccounts.PASSWORD).send();
        Reply managerBilan = api.get(ADMIN + "/conventions/" + numero + "/bilans/" + signed.getYear()).as(manager,
                TestAccounts.PASSWORD).send();

        assertThat(byManager.status()).isEqualTo(403);
        assertThat(wrongSide.status()).isEqualTo(403);
        assertThat(otherCaf.status()).isEqualTo(404);
        assertThat(written.status()).as(written.toString()).isEqualTo(201);
        assertThat(selfValidation.status()).isEqualTo(403);
        assertThat(late.code()).isEqualTo("conflict");
        assertThat(late.json().path("detail").asText()).contains("30 jours");
        assertThat(rewritten.status()).isEqualTo(201);
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        assertThat(validated.json().path("validePar").asText()).isEqualTo(cafAdmin);
        assertThat(again.code()).isEqualTo("conflict");
        assertThat(bilan.json().path("compteRendu").path("valideLe").isMissingNode()).isFalse();
        assertThat(managerBilan.status()).isEqualTo(403);
    }

    // ---- opening: only with the mandatory contacts ------------------------------------------------------------

    @Test
    void accessOpensOnlyWithTheMandatoryContacts() {
        String numero = created(today().minusDays(5));
        String agent = agentOf(numero);
        Reply beforeOpening = consult(agent);
        Reply refusedOpening = api.post(ADMIN + "/conventions/" + numero + "/ouverture", null).as(cafAdmin,
                TestAccounts.PASSWORD).send();
        api.put(ADMIN + "/conventions/" + numero + "/interlocuteurs", TestConventions.MANDATORY_CONTACTS).as(cafAdmin,
                TestAccounts.PASSWORD).send();
        Reply byOtherCaf = api.post(ADMIN + "/conventions/" + numero + "/ouverture", null).as(otherCafAdmin, TestAccounts.PASSWORD)
                .send();
        Reply opened = api.post(ADMIN + "/conventions/" + numero + "/ouverture", null).as(cafAdmin,
                TestAccounts.PASSWORD).send();
        Reply twice = api.post(ADMIN + "/conventions/" + numero + "/ouverture", null).as(cafAdmin,
                TestAccounts.PASSWORD).send();
        Reply afterOpening = consult(agent);

        assertThat(beforeOpening.code()).isEqualTo("convention-inactive");
        assertThat(beforeOpening.json().path("detail").asText()).contains("pas encore ouvert");
        assertThat(refusedOpening.code()).isEqualTo("conflict");
        assertThat(refusedOpening.json().path("detail").asText()).contains("ADMINISTRATEUR_PRINCIPAL", "GUICHET");
        assertThat(byOtherCaf.status()).isEqualTo(404);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(opened.json().path("ouverteLe").asText()).isEqualTo(today().toString());
        assertThat(opened.json().path("echeance").asText()).isEqualTo(today().minusDays(5).plusYears(1).toString());
        assertThat(twice.code()).isEqualTo("conflict");
        assertThat(afterOpening.status()).as(afterOpening.toString()).isEqualTo(200);
        assertThat(mails(numero, "OUVERTURE")).as("both sides are told access is open").isGreaterThanOrEqualTo(6);
    }

    // ---- resiliation: notice, reminder, effect (done-when 2) ---------------------------------------------------

    @Test
    void aResiliationTakesEffectAfterItsNoticeAndEndsEverything() {
        String numero = newConvention(today().minusYears(2));
        String agent = agentOf(numero);
        String second = agentOf(numero);
        String admin = TestAccounts.uniqueLogin("adm");
        fixtures.withRole(admin, numero, "791", "ADMIN_PRINCIPAL");
        freshPassword(admin);
        LocalDate letter = today();
        String path = ADMIN + "/conventions/" + numero + "/resiliation";
        String tooShort = body("PREAVIS", letter, letter.plusMonths(3).minusDays(1));
        String breachTooShort = body("MANQUEMENT", letter, letter.plusMonths(1).minusDays(1));
        LocalDate effect = letter.plusMonths(3);

        Reply shortNotice = api.post(path, tooShort).as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply shortBreach = api.post(path, breachTooShort).as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply byPartner = api.post(path, body("PREAVIS", letter, effect)).as(admin, TestAccounts.PASSWORD).send();
        Reply byOtherCaf = api.post(path, body("PREAVIS", letter, effect)).as(otherCafAdmin, TestAccounts.PASSWORD).send();
        Reply malformed = api.post(path, "{\"type\":\"PREAVIS\",\"effetLe\":\"demain\"}").as(cafAdmin,
                TestAccounts.PASSWORD).send();
        Reply recorded = api.post(path, body("PREAVIS", letter, effect)).as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply withdrawn = api.delete(path).as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply recordedAgain = api.post(path, body("PREAVIS", letter, effect)).as(cafAdmin, TestAccounts.PASSWORD)
                .send();
        Reply stillServed = consult(agent);
        long told = mails(numero, "RESILIATION");

        moveTo(effect.minusDays(29).atTime(LocalTime.of(1, 0)));
        life.act();
        life.act();
        long reminded = mails(numero, "RESILIATION_RAPPEL");
        Reply lastDays = consult(agent);

        moveTo(effect.atTime(LocalTime.of(0, 20)));
        List<String> closed = life.act();
        List<String> closedAgain = life.act();
        Reply afterEffect = consult(agent);
        Reply secondAfter = consult(second);
        Reply adminAfter = api.get(ADMIN + "/conventions/" + numero + "/utilisateurs").as(admin, TestAccounts.PASSWORD)
                .send();
        Reply lateWithdrawal = api.delete(path).as(cafAdmin, TestAccounts.PASSWORD).send();
        Instant effectStart = effect.atStartOfDay(PARIS).toInstant();

        assertThat(shortNotice.code()).isEqualTo("invalid-request");
        assertThat(shortNotice.json().path("detail").asText()).contains("3 mois");
        assertThat(shortBreach.code()).isEqualTo("invalid-request");
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(byOtherCaf.status()).isEqualTo(404);
        assertThat(malformed.code()).isEqualTo("invalid-request");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.json().path("resiliation").path("effetLe").asText()).isEqualTo(effect.toString());
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("resiliation").isNull()).isTrue();
        assertThat(recordedAgain.status()).isEqualTo(200);
        assertThat(stillServed.status()).isEqualTo(200);
        assertThat(reminded).as("the 30-day reminder goes once to each: contacts, administrator, CAF admins")
                .isGreaterThanOrEqualTo(7);
        assertThat(told).as("both sides are told, for each of the two recordings").isEqualTo(2 * reminded);
        assertThat(lastDays.status()).isEqualTo(200);
        assertThat(closed).contains(numero);
        assertThat(closedAgain).doesNotContain(numero);
        assertThat(afterEffect.code()).isEqualTo("convention-inactive");
        assertThat(secondAfter.code()).isEqualTo("convention-inactive");
        assertThat(adminAfter.code()).isEqualTo("convention-inactive");
        assertThat(lateWithdrawal.code()).isEqualTo("conflict");
        List<Instant> devalidated = jdbc.sql("select devalide_le from utilisateur where convention = :c")
                .param("c", numero).query((rs, row) -> rs.getTimestamp(1) == null ? null
                        : rs.getTimestamp(1).toInstant()).list();
        assertThat(devalidated).hasSize(3).containsOnly(effectStart);
        List<Instant> ended = jdbc.sql("select terminee_le from habilitation where convention = :c")
                .param("c", numero).query((rs, row) -> rs.getTimestamp(1) == null ? null
                        : rs.getTimestamp(1).toInstant()).list();
        assertThat(ended).hasSize(2).containsOnly(effectStart);
        assertThat(jdbc.sql("select count(*) from historique where convention = :c and action = 'FIN'")
                .param("c", numero).query(Long.class).single()).isGreaterThanOrEqualTo(3);

        // the 6-year retention runs from the effect: kept the day before six years have passed, purged the day after
        jdbc.sql("insert into lien_compte (utilisateur_id, empreinte, nature, cree_le, expire_le) select id, :e,"
                + " 'ACTIVATION', devalide_le, devalide_le from utilisateur where login = :l")
                .param("e", "f".repeat(60) + agent.substring(agent.length() - 4)).param("l", agent).update();
        moveTo(effect.plusYears(6).minusDays(1).atTime(LocalTime.of(3, 30)));
        history.purge();
        long keptTheDayBefore = accountsOf(numero);
        moveTo(effect.plusYears(6).plusDays(1).atTime(LocalTime.of(3, 30)));
        history.purge();
        assertThat(keptTheDayBefore).isEqualTo(3);
        assertThat(accountsOf(numero)).as("an account with a (dead) activation link is purged too").isZero();
        assertThat(jdbc.sql("select count(*) from habilitation where convention = :c").param("c", numero)
                .query(Long.class).single()).isZero();
    }

    // ---- administrator change (Annexe 3) and departures (§14.9) -------------------------------------------------

    @Test
    void anAdministratorChangeIsDecidedByTheCafAndAppliedInOneTransaction() {
        String numero = newConvention(today().minusYears(1));
        String principal = administrator(numero, "ADMIN_PRINCIPAL");
        String substitute = administrator(numero, "ADMIN_SUPPLEANT");
        String manager = TestAccounts.uniqueLogin("ges");
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String email = "nouvelle.admin." + TestAccounts.uniqueLogin("").substring(1, 7) + "@ccas.example";
        String form = """
                {"type":"CHANGEMENT_ADMINISTRATEUR","administrateur":{"nom":"PERRIN","prenom":"Sophie",
                 "fonction":"Responsable du CCAS","email":"%s","telephone":"05 49 00 00 01","role":"ADMIN_PRINCIPAL"},
                 "remplace":%s,"signataire":{"nom":"Marc LEROUX","qualite":"Vice-président du CCAS"}}""";
        String path = ADMIN + "/conventions/" + numero + "/demandes";

        Reply thirdAdministrator = api.post(path, form.formatted(email, "null")).as(principal, TestAccounts.PASSWORD)
                .send();
        Reply thirdSubstitute = api.post(path, form.formatted(email, "null").replace("\"ADMIN_PRINCIPAL\"",
                "\"ADMIN_SUPPLEANT\"")).as(principal, TestAccounts.PASSWORD).send();
        Reply byManager = api.post(path, form.formatted(email, "\"" + principal + "\"")).as(manager,
                TestAccounts.PASSWORD).send();
        Reply byCaf = api.post(path, form.formatted(email, "\"" + principal + "\"")).as(cafAdmin,
                TestAccounts.PASSWORD).send();
        Reply otherCaf = api.post(path, form.formatted(email, "\"" + principal + "\"")).as(otherCafAdmin, TestAccounts.PASSWORD).send();
        Reply unknownReplaced = api.post(path, form.formatted(email, "\"" + manager + "\"")).as(principal,
                TestAccounts.PASSWORD).send();
        Reply noSignatory = api.post(path, form.formatted(email, "\"" + principal + "\"")
                .replaceAll(",\\s*\"signataire\":\\{[^}]*\\}", "")).as(principal, TestAccounts.PASSWORD).send();
        Reply departureInDelegatedMode = api.post(path, "{\"type\":\"DEPART\",\"utilisateur\":\"" + manager + "\"}")
                .as(principal, TestAccounts.PASSWORD).send();
        Reply filed = api.post(path, form.formatted(email, "\"" + principal + "\"")).as(substitute,
                TestAccounts.PASSWORD).send();
        long id = filed.json().path("demande").path("id").asLong();
        Reply byPartnerDecision = api.post(ADMIN + "/demandes/" + id + "/decision", "{\"decision\":\"ACCEPTEE\"}")
                .as(principal, TestAccounts.PASSWORD).send();
        Reply accepted = api.post(ADMIN + "/demandes/" + id + "/decision", "{\"decision\":\"ACCEPTEE\"}")
                .as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply replacedCalls = api.get("/api/v1/moi").as(principal, TestAccounts.PASSWORD).send();
        Reply contacts = api.get(ADMIN + "/conventions/" + numero + "/interlocuteurs").as(cafAdmin,
                TestAccounts.PASSWORD).send();
        String newLogin = jdbc.sql("select login from utilisateur where email = :e").param("e", email)
                .query(String.class).optional().orElse(null);

        assertThat(thirdAdministrator.code()).isEqualTo("conflict");
        assertThat(thirdSubstitute.code()).isEqualTo("conflict");
        assertThat(byManager.status()).isEqualTo(403);
        assertThat(byCaf.status()).isEqualTo(403);
        assertThat(otherCaf.status()).isEqualTo(404);
        assertThat(unknownReplaced.code()).isEqualTo("invalid-request");
        assertThat(noSignatory.code()).isEqualTo("invalid-request");
        assertThat(departureInDelegatedMode.status()).isEqualTo(403);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(filed.json().path("demande").path("changementAdministrateur").path("signataire").path("nom")
                .asText()).isEqualTo("Marc LEROUX");
        assertThat(byPartnerDecision.status()).isEqualTo(403);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(replacedCalls.code()).isEqualTo("account-devalidated");
        assertThat(newLogin).startsWith("sophie.perrin");
        assertThat(jdbc.sql("select role from utilisateur where login = :l").param("l", newLogin).query(String.class)
                .single()).isEqualTo("ADMIN_PRINCIPAL");
        assertThat(mailsTo(email, "ACTIVATION")).isEqualTo(1);
        assertThat(contacts.json().path("avenant").asText()).isEqualTo("annexe 3, demande " + id);
        assertThat(contacts.body()).contains(newLogin, email).doesNotContain("anne.roche@ccas.example");
    }

    @Test
    void aDepartureInCentralisedModeIsDevalidatedOnAcceptance() {
        String numero = newConvention(today().minusYears(1));
        jdbc.sql("update convention set mode = 'CENTRALISE' where numero = :n").param("n", numero).update();
        String principal = administrator(numero, "ADMIN_PRINCIPAL");
        String agent = agentOf(numero);
        String path = ADMIN + "/conventions/" + numero + "/demandes";

        Reply unknown = api.post(path, "{\"type\":\"DEPART\",\"utilisateur\":\"personne.inconnue\"}").as(principal,
                TestAccounts.PASSWORD).send();
        Reply filed = api.post(path, "{\"type\":\"DEPART\",\"utilisateur\":\"" + agent + "\"}").as(principal,
                TestAccounts.PASSWORD).send();
        Reply before = consult(agent);
        long id = filed.json().path("demande").path("id").asLong();
        Reply accepted = api.post(ADMIN + "/demandes/" + id + "/decision", "{\"decision\":\"ACCEPTEE\"}")
                .as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply after = consult(agent);

        assertThat(unknown.code()).isEqualTo("invalid-request");
        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(before.status()).isEqualTo(200);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(after.code()).isEqualTo("account-devalidated");
        assertThat(jdbc.sql("select count(*) from habilitation h join utilisateur u on u.id = h.utilisateur_id"
                + " where u.login = :l and h.terminee_le is null").param("l", agent).query(Long.class).single()).isZero();
    }

    // ---- incidents (§14.10) -----------------------------------------------------------------------------------

    @Test
    void anIncidentIsEscalatedAfterTheContractsDelayAndASecurityOneShowsItsDeadline() {
        String numero = newConvention(today().minusYears(1));
        jdbc.sql("update convention set escalade_heures = 120 where numero = :n").param("n", numero).update();
        String principal = administrator(numero, "ADMIN_PRINCIPAL");
        String manager = TestAccounts.uniqueLogin("ges");
        fixtures.withRole(manager, numero, "791", "GESTIONNAIRE");
        String declaration = "{\"convention\":\"" + numero + "\",\"nature\":\"SECURITE\",\"description\":"
                + "\"Un agent signale un accès inhabituel.\",\"requestIds\":[\"fact-2026-1\"]}";

        Reply byManager = api.post(ADMIN + "/incidents", declaration).as(manager, TestAccounts.PASSWORD).send();
        Reply otherCaf = api.post(ADMIN + "/incidents", declaration).as(otherCafAdmin, TestAccounts.PASSWORD).send();
        Reply badNature = api.post(ADMIN + "/incidents", declaration.replace("SECURITE", "PANNE")).as(principal,
                TestAccounts.PASSWORD).send();
        Reply declared = api.post(ADMIN + "/incidents", declaration).as(principal, TestAccounts.PASSWORD).send();
        long id = declared.json().path("id").asLong();
        Instant at = Instant.parse(declared.json().path("declareLe").asText());
        long toldAtOnce = mails(numero, "INCIDENT");
        CLOCK.advance(Duration.ofHours(49));
        List<Long> notYet = incidents.escalate();
        CLOCK.advance(Duration.ofHours(72));
        List<Long> escalated = incidents.escalate();
        List<Long> notTwice = incidents.escalate();
        freshPassword(principal);
        freshPassword(cafAdmin);
        Reply listedByCaf = api.get(ADMIN + "/incidents").as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply listedByOtherCaf = api.get(ADMIN + "/incidents").as(otherCafAdmin, TestAccounts.PASSWORD).send();
        Reply closed = api.post(ADMIN + "/incidents/" + id + "/cloture", "{\"conclusion\":\"Faux positif.\"}")
                .as(cafAdmin, TestAccounts.PASSWORD).send();
        Reply closedTwice = api.post(ADMIN + "/incidents/" + id + "/cloture", null).as(principal,
                TestAccounts.PASSWORD).send();

        assertThat(byManager.status()).isEqualTo(403);
        assertThat(otherCaf.status()).isEqualTo(404);
        assertThat(badNature.code()).isEqualTo("invalid-request");
        assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
        assertThat(declared.json().path("cote").asText()).isEqualTo("PARTENAIRE");
        assertThat(Instant.parse(declared.json().path("echeanceRgpd").asText())).isEqualTo(at.plus(Duration.ofHours(72)));
        assertThat(Instant.parse(declared.json().path("prochaineEscalade").asText()))
                .isEqualTo(at.plus(Duration.ofHours(120)));
        assertThat(toldAtOnce).as("the CAF side is told at once").isPositive();
        assertThat(notYet).doesNotContain(id);
        assertThat(escalated).contains(id);
        assertThat(notTwice).doesNotContain(id);
        assertThat(mails(numero, "INCIDENT_ESCALADE")).isPositive();
        assertThat(listedByCaf.body()).contains("\"id\":" + id);
        assertThat(listedByOtherCaf.body()).doesNotContain("\"convention\":\"" + numero + "\"");
        assertThat(closed.json().path("statut").asText()).isEqualTo("CLOS");
        assertThat(closedTwice.code()).isEqualTo("conflict");
    }

    // ---- dossiers of another CAF (§14.11) -----------------------------------------------------------------------

    @Test
    void anotherCafsDossierIsServedReportedOrRefusedAsTheConventionSays() {
        String numero = newConvention(today().minusYears(1));
        String agent = agentOf(numero);
        String manche = "1050001"; // a dossier of the CAF de la Manche (501) in the simulator

        Reply allowed = dossier(agent, manche);
        api.patch(ADMIN + "/conventions/" + numero, "{\"autresCaf\":\"SIGNALER\"}").as(cafAdmin, TestAccounts.PASSWORD)
                .send();
        Reply reported = dossier(agent, manche);
        Reply ownCaf = dossier(agent, "1000042");
        Reply byPartner = api.patch(ADMIN + "/conventions/" + numero, "{\"autresCaf\":\"AUTORISER\"}").as(agent,
                TestAccounts.PASSWORD).send();
        Reply badSetting = api.patch(ADMIN + "/conventions/" + numero, "{\"autresCaf\":\"PEUT-ETRE\"}").as(cafAdmin,
                TestAccounts.PASSWORD).send();
        api.patch(ADMIN + "/conventions/" + numero, "{\"autresCaf\":\"REFUSER\"}").as(cafAdmin, TestAccounts.PASSWORD)
                .send();
        Reply refused = dossier(agent, manche);
        Reply batch = api.post("/api/v1/quotients-familiaux", "{\"numerosAllocataires\":[\"" + manche
                + "\",\"1000042\"]}").as(agent, TestAccounts.PASSWORD).motif("CENTRE_LOISIRS").send();
        Reply ownStill = dossier(agent, "1000042");

        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.body()).doesNotContain("\"caf\"").as("T2 does not show the holding CAF");
        assertThat(reported.status()).isEqualTo(200);
        assertThat(ownCaf.status()).isEqualTo(200);
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(badSetting.code()).isEqualTo("invalid-request");
        assertThat(refused.code()).isEqualTo("dossier-other-caf");
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.body()).contains("dossier-other-caf");
        assertThat(ownStill.status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from trace where convention = :c and indicateurs like '%DOSSIER_AUTRE_CAF%'")
                .param("c", numero).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from alerte where convention = :c and type = 'DOSSIER_AUTRE_CAF'")
                .param("c", numero).query(Long.class).single()).isEqualTo(1);
        moveTo(today().plusDays(1).atTime(LocalTime.of(2, 0)));
        statistics.countMissedDays();
        assertThat(jdbc.sql("select sum(autre_caf) from statistique where convention = :c").param("c", numero)
                .query(Long.class).single()).isEqualTo(1);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static LocalDate today() {
        return LocalDate.ofInstant(CLOCK.instant(), PARIS);
    }

    void moveTo(java.time.LocalDateTime local) {
        Instant target = local.atZone(PARIS).toInstant();
        assertThat(target).as("the clock only moves forward").isAfterOrEqualTo(CLOCK.instant());
        CLOCK.advance(Duration.between(CLOCK.instant(), target));
        retention.preparePartitions();
        freshPassword(cafAdmin);
        freshPassword(otherCafAdmin);
    }

    void freshPassword(String login) {
        jdbc.sql("update utilisateur set mot_de_passe_change_le = :now where login = :login")
                .param("now", CLOCK.instant().atOffset(java.time.ZoneOffset.UTC)).param("login", login).update();
    }

    String created(LocalDate signed) {
        String numero = "79-V-" + TestAccounts.uniqueLogin("").substring(1, 9).toUpperCase();
        Reply created = api.post(ADMIN + "/conventions", """
                {"numero":"%s","caf":"791","partenaire":{"nom":"CCAS du test de vie","siret":"12345678901234"},
                 "mode":"DELEGUE","services":{"CDAP":{"T2":3}},"motifs":["CENTRE_LOISIRS"],"dateDebut":"%s",
                 "signeeLe":"%s"}""".formatted(numero, signed, signed)).as(cafAdmin, TestAccounts.PASSWORD).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return numero;
    }

    String newConvention(LocalDate signed) {
        String numero = created(signed);
        TestConventions.openWithContacts(api, numero, cafAdmin, TestAccounts.PASSWORD, "{\"le\":\"" + signed + "\"}");
        return numero;
    }

    String agentOf(String numero) {
        String agent = TestAccounts.uniqueLogin("ag");
        long id = fixtures.person(agent, numero, "791");
        fixtures.grant(id, numero, "T2", today().minusDays(1), null);
        return agent;
    }

    String administrator(String numero, String role) {
        String login = TestAccounts.uniqueLogin("adm");
        fixtures.withRole(login, numero, "791", role);
        freshPassword(login);
        return login;
    }

    Reply dossier(String agent, String numero) {
        return api.get("/api/v1/dossiers/" + numero + "/quotient-familial").as(agent, TestAccounts.PASSWORD)
                .motif("CENTRE_LOISIRS").send();
    }

    long accountsOf(String numero) {
        return jdbc.sql("select count(*) from utilisateur where convention = :c").param("c", numero)
                .query(Long.class).single();
    }

    long mailsTo(String address, String cause) {
        return jdbc.sql("select count(*) from courriel where destinataire = :a and cause = :cause")
                .param("a", address).param("cause", cause).query(Long.class).single();
    }

    Reply consult(String agent) {
        return api.get("/api/v1/dossiers/1000042/quotient-familial").as(agent, TestAccounts.PASSWORD)
                .motif("CENTRE_LOISIRS").send();
    }

    long mails(String numero, String cause) {
        return jdbc.sql("select count(*) from courriel where convention = :c and cause = :cause")
                .param("c", numero).param("cause", cause).query(Long.class).single();
    }

    Map<String, Long> statisticsRows(String numero) {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("select mois, profil, motif, action, statut, code, nombre from statistique where convention = :c")
                .param("c", numero).query((rs, row) -> rows.put(rs.getString("mois") + "/" + rs.getString("profil")
                        + "/" + rs.getString("motif") + "/" + rs.getString("action") + "/" + rs.getInt("statut") + "/"
                        + rs.getString("code"), rs.getLong("nombre"))).list();
        return rows;
    }

    static String body(String type, LocalDate letter, LocalDate effect) {
        return "{\"type\":\"" + type + "\",\"lettreRecueLe\":\"" + letter + "\",\"effetLe\":\"" + effect + "\"}";
    }
}
