package fr.cdapgateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.mail.DemoMailServer.ReceivedMail;
import fr.cdapgateway.ops.MaintenanceNotices;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.ConsoleHttp;
import fr.cdapgateway.support.TestAccounts;
import fr.cdapgateway.trace.NightlyVerification;

/**
 * People are told (SPEC §14.1-14.6), end to end: every mail goes over real SMTP to the embedded GreenMail, and the
 * tests read it as its recipient would — its link followed in the console as a person would, nothing secret in it.
 * Run on H2 ({@link MailH2IT}) and on a real PostgreSQL ({@link MailPostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class MailScenarios {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String NIORT = "79-2017-19";
    static final String CHERBOURG = "2024-12";
    static final String ADMIN = "/api/v1/admin";
    static final String CHOSEN = "Ma-Cantine-Favorite-79";
    static final Pattern LINK = Pattern.compile("https?://\\S+/activation/([A-Za-z0-9_-]{43})");
    /** What an allocataire's data would look like in a mail: a dossier number. */
    static final Pattern DOSSIER = Pattern.compile("\\b\\d{7}\\b");

    @Value("${gateway.api.port}")
    int apiPort;
    @Value("${server.port}")
    int consolePort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    DemoMailServer mailbox;
    @Autowired
    MaintenanceNotices notices;
    @Autowired
    NightlyVerification nightly;

    Api api;
    TestAccounts fixtures;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
        fixtures = new TestAccounts(jdbc, hasher);
    }

    // ---- credentials reach their holder (§14.3) -----------------------------------------------------------

    @Test
    void aNewAgentActivatesTheAccountFromTheMailedLinkAndThenConsults() {
        String login = unique("niort.agent");
        String email = login.replace('.', '-') + "@niort.example";
        Reply created = createUser(login, email);
        Reply beforeActivation = api.get("/api/v1/moi").as(login, CHOSEN).send();

        ReceivedMail mail = awaitMail(email, "choisissez votre mot de passe");
        String link = linkIn(mail);
        ConsoleHttp browser = new ConsoleHttp();
        HttpResponse<String> opened = browser.get(link);
        HttpResponse<String> openedAgain = browser.get(link);
        HttpResponse<String> weak = browser.post(link, "motDePasse", "court", "confirmation", "court");
        HttpResponse<String> mismatch = browser.post(link, "motDePasse", CHOSEN, "confirmation", CHOSEN + "x");
        HttpResponse<String> chosen = browser.post(link, "motDePasse", CHOSEN, "confirmation", CHOSEN);
        HttpResponse<String> reused = new ConsoleHttp().get(link);
        ConsoleHttp other = new ConsoleHttp();
        other.get("http://localhost:" + consolePort + "/mot-de-passe-oublie"); // a session and its CSRF token
        HttpResponse<String> reusedPost = other.post(link, "motDePasse", CHOSEN + "2", "confirmation", CHOSEN + "2");
        fixtures.grant(idOf(login), NIORT, "T2", java.time.LocalDate.now().minusDays(1), null);
        Reply consulted = api.get("/api/v1/dossiers/1000042/quotient-familial").as(login, CHOSEN)
                .motif("RESTAURATION_SCOLAIRE").send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("statut").asText()).isEqualTo("EN_ATTENTE_ACTIVATION");
        assertThat(beforeActivation.status()).isEqualTo(401);
        assertThat(beforeActivation.code()).isEqualTo("credentials-invalid");
        assertThat(link).startsWith("http://localhost:" + consolePort + "/activation/");
        assertThat(mail.texte()).contains(login).contains("72 heures");
        assertThat(mail.html()).contains(link);
        nothingSecretIn(mail);
        assertThat(opened.statusCode()).as("opening a link never consumes it").isEqualTo(200);
        assertThat(openedAgain.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Activer mon compte").contains(login);
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("Erreur");
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location").orElse("")).endsWith("/connexion?active");
        assertThat(reused.statusCode()).as("a link serves once").isEqualTo(410);
        assertThat(reused.body()).contains("déjà servi");
        assertThat(reusedPost.statusCode()).isEqualTo(410);
        assertThat(api.get("/api/v1/moi").as(login, CHOSEN + "2").send().status()).isEqualTo(401);
        assertThat(consulted.status()).as(consulted.toString()).isEqualTo(200);
        assertThat(user(login).path("statut").asText()).isEqualTo("ACTIF");
        assertThat(traceCount(login, "ACTIVATION_COMPTE", 200)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from lien_compte l join utilisateur u on u.id = l.utilisateur_id "
                + "where u.login = :l and l.empreinte like :token").param("l", login)
                .param("token", "%" + tokenOf(link) + "%").query(Integer.class).single())
                .as("only a digest of the token is stored").isZero();
    }

    @Test
    void aForgedOrUnknownLinkGetsAPageThatSaysSoAndChangesNothing() {
        ConsoleHttp browser = new ConsoleHttp();
        String base = "http://localhost:" + consolePort + "/activation/";
        browser.get("http://localhost:" + consolePort + "/mot-de-passe-oublie"); // a session and its CSRF token
        HttpResponse<String> malformed = browser.get(base + "..%2F..%2Fadmin");
        HttpResponse<String> shortToken = browser.get(base + "abc");
        HttpResponse<String> unknown = browser.get(base + "A".repeat(43));
        HttpResponse<String> posted = browser.post(base + "B".repeat(43), "motDePasse", CHOSEN, "confirmation", CHOSEN);

        assertThat(List.of(malformed.statusCode(), shortToken.statusCode(), unknown.statusCode(), posted.statusCode()))
                .allMatch(status -> status == 404 || status == 400);
        assertThat(unknown.body()).contains("pas reconnu");
        assertThat(posted.body()).contains("pas reconnu").doesNotContain("Exception");
    }

    @Test
    void anExpiredLinkIsRefusedAndANewOneCanBeAsked() {
        String login = unique("niort.expire");
        String email = login.replace('.', '-') + "@niort.example";
        createUser(login, email);
        String link = linkIn(awaitMail(email, "choisissez votre mot de passe"));
        jdbc.sql("update lien_compte set expire_le = :past where utilisateur_id = :id")
                .param("past", Instant.now().minus(Duration.ofMinutes(1)).atOffset(java.time.ZoneOffset.UTC))
                .param("id", idOf(login)).update();

        ConsoleHttp browser = new ConsoleHttp();
        browser.get("http://localhost:" + consolePort + "/mot-de-passe-oublie"); // a session and its CSRF token
        HttpResponse<String> expired = browser.get(link);
        HttpResponse<String> tried = browser.post(link, "motDePasse", CHOSEN, "confirmation", CHOSEN);
        Reply resent = api.post(ADMIN + "/utilisateurs/" + login + "/activation", null).as("niort.gestion", DEMO).send();
        List<ReceivedMail> mails = awaitMails(email, "choisissez votre mot de passe", 2);
        String fresh = linkIn(mails.get(1));

        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("plus valable");
        assertThat(tried.statusCode()).isEqualTo(410);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(fresh).isNotEqualTo(link);
        assertThat(new ConsoleHttp().get(fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void aResentActivationKillsTheEarlierLinkAndOnlyForAnAccountThatWaits() {
        String login = unique("niort.renvoi");
        String email = login.replace('.', '-') + "@niort.example";
        createUser(login, email);
        String first = linkIn(awaitMail(email, "choisissez votre mot de passe"));
        Reply resent = api.post(ADMIN + "/utilisateurs/" + login + "/activation", null).as("niort.gestion", DEMO).send();
        String second = linkIn(awaitMails(email, "choisissez votre mot de passe", 2).get(1));
        Reply otherConvention = api.post(ADMIN + "/utilisateurs/" + login + "/activation", null)
                .as("cherbourg.admin", DEMO).send();
        Reply agent = api.post(ADMIN + "/utilisateurs/" + login + "/activation", null).as("niort.agent1", DEMO).send();
        Reply active = api.post(ADMIN + "/utilisateurs/niort.agent1/activation", null).as("niort.gestion", DEMO).send();

        assertThat(resent.status()).isEqualTo(200);
        assertThat(new ConsoleHttp().get(first).statusCode()).as("the earlier link died").isEqualTo(410);
        assertThat(new ConsoleHttp().get(second).statusCode()).isEqualTo(200);
        assertThat(otherConvention.status()).isEqualTo(404);
        assertThat(agent.status()).isEqualTo(403);
        assertThat(active.status()).isEqualTo(409);
        assertThat(traceCount(null, "ENVOI_LIEN_ACTIVATION", 200)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aResetStopsTheOldPasswordAtOnceAndTheHolderChoosesTheNextOne() {
        String login = unique("niort.reinit");
        fixtures.person(login, NIORT, "791");
        Reply before = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        Reply reset = api.post(ADMIN + "/utilisateurs/" + login + "/reinitialisation-mot-de-passe", null)
                .as("niort.gestion", DEMO).send();
        Reply oldPassword = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send();
        ReceivedMail mail = awaitMail(login + "@test.example", "nouveau mot de passe");
        ConsoleHttp browser = new ConsoleHttp();
        browser.get(linkIn(mail));
        HttpResponse<String> chosen = browser.post(linkIn(mail), "motDePasse", CHOSEN, "confirmation", CHOSEN);

        assertThat(before.status()).isEqualTo(200);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(oldPassword.status()).as("the old password stops at once").isEqualTo(401);
        assertThat(mail.texte()).contains("L'ancien ne fonctionne plus");
        nothingSecretIn(mail);
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/moi").as(login, CHOSEN).send().status()).isEqualTo(200);
    }

    @Test
    void aManagerNeverChoosesAPassword() {
        String login = unique("niort.choisi");
        Reply created = api.post(ADMIN + "/conventions/" + NIORT + "/utilisateurs", """
                {"login":"%s","nom":"ROUX","prenom":"Jeanne","email":"jeanne.roux@niort.example","type":"PERSONNE",
                 "role":"UTILISATEUR","motDePasseInitial":"Initial-Niort-2026-x"}""".formatted(login))
                .as("niort.gestion", DEMO).send();
        Reply reset = api.post(ADMIN + "/utilisateurs/niort.agent2/reinitialisation-mot-de-passe",
                "{\"motDePasseInitial\":\"Initial-Niort-2026-x\"}").as("niort.gestion", DEMO).send();

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.code()).isEqualTo("invalid-request");
        assertThat(created.json().path("detail").asText()).contains("art. 9.1");
        assertThat(reset.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/moi").as("niort.agent2", DEMO).send().status()).isEqualTo(200);
    }

    @Test
    void aForgottenPasswordRevealsNothingAndMailsOnlyAnActivePerson() {
        String login = unique("niort.oubli");
        fixtures.person(login, NIORT, "791");
        String suspended = unique("niort.oubli-suspendu");
        fixtures.person(suspended, NIORT, "791");
        fixtures.suspend(suspended);
        int before = mailsOfCause("MOT_DE_PASSE_OUBLIE");

        Reply known = api.post("/api/v1/mot-de-passe-oublie", "{\"login\":\"" + login + "\"}").send();
        Reply unknown = api.post("/api/v1/mot-de-passe-oublie", "{\"login\":\"personne." + UUID.randomUUID()
                .toString().substring(0, 8) + "\"}").send();
        Reply ofSuspended = api.post("/api/v1/mot-de-passe-oublie", "{\"login\":\"" + suspended + "\"}").send();
        Reply malformed = api.post("/api/v1/mot-de-passe-oublie", "{\"identifiant\":1}").send();
        ReceivedMail mail = awaitMail(login + "@test.example", "nouveau mot de passe");

        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(ofSuspended.status()).isEqualTo(202);
        assertThat(unknown.body()).as("the same answer whatever the login").isEqualTo(known.body());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(mailsOfCause("MOT_DE_PASSE_OUBLIE") - before).as("a link only for the active person").isEqualTo(1);
        assertThat(mail.texte()).contains("L'ancien fonctionne");
        assertThat(api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send().status())
                .as("asking for a link must not lock anyone out").isEqualTo(200);
        assertThat(traceCount(login, "MOT_DE_PASSE_OUBLIE", 202)).isEqualTo(1);
    }

    @Test
    void forgottenPasswordRequestsAreLimitedPerLoginWhetherItExistsOrNot() {
        String absent = "personne." + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(api.post("/api/v1/mot-de-passe-oublie", "{\"login\":\"" + absent + "\"}").send().status());
        }
        Reply limited = api.post("/api/v1/mot-de-passe-oublie", "{\"login\":\"" + absent + "\"}").send();

        assertThat(statuses).containsExactly(202, 202, 202, 429);
        assertThat(limited.code()).isEqualTo("rate-limited");
        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @Test
    void theConsoleAsksForAForgottenPasswordWithTheSamePageWhateverTheLogin() {
        ConsoleHttp browser = new ConsoleHttp();
        String page = "http://localhost:" + consolePort + "/mot-de-passe-oublie";
        HttpResponse<String> form = browser.get(page);
        HttpResponse<String> unknown = browser.post(page, "identifiant", "personne.inconnue");
        HttpResponse<String> noToken = new ConsoleHttp().post(page, "identifiant", "niort.agent1");

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("Si cet identifiant désigne un compte actif");
        assertThat(noToken.statusCode()).as("CSRF on every form").isEqualTo(403);
    }

    // ---- a lock reveals nothing (§14.4) -----------------------------------------------------------------------

    @Test
    void aLockedAccountAnswersExactlyLikeAnUnknownLoginAndItsPeopleAreToldOnce() {
        String login = unique("niort.verrou");
        fixtures.person(login, NIORT, "791");
        lockOut(login);
        String lockedId = "verrou-" + UUID.randomUUID();
        Reply locked = api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).requestId(lockedId).send();
        Reply unknown = api.get("/api/v1/moi").as("personne." + UUID.randomUUID().toString().substring(0, 8),
                TestAccounts.PASSWORD).send();
        for (int i = 0; i < 3; i++) {
            api.get("/api/v1/moi").as(login, "encore-" + i).send();
        }

        assertThat(locked.status()).isEqualTo(unknown.status()).isEqualTo(401);
        assertThat(fields(locked.json())).isEqualTo(fields(unknown.json()));
        assertThat(locked.json().path("title").asText()).isEqualTo(unknown.json().path("title").asText());
        assertThat(locked.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText());
        assertThat(locked.json().path("convention").isNull()).isTrue();
        assertThat(headerNames(locked)).isEqualTo(headerNames(unknown));
        assertThat(locked.header("WWW-Authenticate")).isEqualTo(unknown.header("WWW-Authenticate"));
        assertThat(jdbc.sql("select code from trace where request_id = :id").param("id", lockedId)
                .query(String.class).single()).as("the trace keeps the real reason").isEqualTo("account-locked");
        ReceivedMail toHolder = awaitMail(login + "@test.example", "verrouillé");
        ReceivedMail toManager = awaitMail("nadia.fontaine@niort.example", "verrouillé : " + login, login);
        nothingSecretIn(toHolder);
        nothingSecretIn(toManager);
        assertThat(toManager.texte()).contains("/utilisateurs/" + login);
        assertThat(mailsOfCauseTo("VERROUILLAGE", login + "@test.example")).as("once per lock").isEqualTo(1);
        assertThat(alerts("caf79.admin", "VERROUILLAGE")).anyMatch(a -> login.equals(a.path("utilisateur").asText()));
    }

    @Test
    void aLockedAccountTakesAsLongToRefuseAsAnUnknownLogin() {
        String login = unique("niort.duree");
        fixtures.person(login, NIORT, "791");
        lockOut(login);
        List<Long> locked = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            locked.add(timed(login));
            unknown.add(timed("personne.absente" + i));
        }

        long lockedMedian = median(locked);
        long unknownMedian = median(unknown);
        // both spend one password verification's time and nothing else: the medians of calls interleaved on the
        // same machine are within a factor of two of each other, whatever the machine's speed
        assertThat(lockedMedian).as("locked %d µs, unknown %d µs", lockedMedian, unknownMedian)
                .isBetween(unknownMedian / 2, unknownMedian * 2);
    }

    // ---- security alerts (§14.5) ------------------------------------------------------------------------------

    @Test
    void anAlertIsReadInItsScopeAndItsConclusionAppliesItsAction() {
        String login = unique("niort.alerte");
        fixtures.person(login, NIORT, "791");
        lockOut(login);
        long id = alerts("niort.admin", "VERROUILLAGE").stream()
                .filter(a -> login.equals(a.path("utilisateur").asText())).findFirst().orElseThrow()
                .path("id").asLong();
        ReceivedMail toSecurityOfficer = awaitMail("olivier.mercier@niort.example", "Alerte de sécurité", login);

        Reply ofCherbourg = api.get(ADMIN + "/alertes").as("cherbourg.admin", DEMO).send();
        Reply byManager = api.get(ADMIN + "/alertes").as("niort.gestion", DEMO).send();
        Reply byAgent = api.get(ADMIN + "/alertes").as("niort.agent1", DEMO).send();
        Reply badFilter = api.get(ADMIN + "/alertes?statut=PEUT-ETRE").as("niort.admin", DEMO).send();
        Reply otherScope = api.post(ADMIN + "/alertes/" + id + "/conclusion", "{\"conclusion\":\"FAUX_POSITIF\"}")
                .as("cherbourg.admin", DEMO).send();
        Reply badConclusion = api.post(ADMIN + "/alertes/" + id + "/conclusion", "{\"conclusion\":\"OUBLIER\"}")
                .as("niort.admin", DEMO).send();
        Reply concluded = api.post(ADMIN + "/alertes/" + id + "/conclusion",
                "{\"conclusion\":\"COMPTE_SUSPENDU\",\"commentaire\":\"Tentatives depuis un poste inconnu.\"}")
                .as("niort.admin", DEMO).send();
        Reply again = api.post(ADMIN + "/alertes/" + id + "/conclusion", "{\"conclusion\":\"FAUX_POSITIF\"}")
                .as("caf79.admin", DEMO).send();

        assertThat(toSecurityOfficer.texte()).contains(login);
        nothingSecretIn(toSecurityOfficer);
        assertThat(ofCherbourg.status()).isEqualTo(200);
        assertThat(ofCherbourg.json().findValuesAsText("utilisateur")).doesNotContain(login);
        assertThat(byManager.status()).isEqualTo(403);
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(otherScope.status()).isEqualTo(404);
        assertThat(badConclusion.status()).isEqualTo(400);
        assertThat(concluded.status()).as(concluded.toString()).isEqualTo(200);
        assertThat(concluded.json().path("statut").asText()).isEqualTo("CLOSE");
        assertThat(concluded.json().path("concluePar").asText()).isEqualTo("niort.admin");
        assertThat(user(login).path("statut").asText()).as("the conclusion applied its action").isEqualTo("SUSPENDU");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void anImposedPasswordChangeMailsTheHolderALink() {
        String login = unique("niort.impose");
        fixtures.person(login, NIORT, "791");
        lockOut(login);
        api.post(ADMIN + "/utilisateurs/" + login + "/deverrouillage", null).as("niort.gestion", DEMO).send();
        long id = alerts("caf79.admin", "VERROUILLAGE").stream()
                .filter(a -> login.equals(a.path("utilisateur").asText())).findFirst().orElseThrow()
                .path("id").asLong();

        Reply concluded = api.post(ADMIN + "/alertes/" + id + "/conclusion",
                "{\"conclusion\":\"CHANGEMENT_MOT_DE_PASSE_FORCE\"}").as("caf79.admin", DEMO).send();

        assertThat(concluded.status()).as(concluded.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send().status()).isEqualTo(401);
        assertThat(linkIn(awaitMail(login + "@test.example", "nouveau mot de passe"))).isNotBlank();
    }

    @Test
    void sharingOneAccountRaisesAnAlertAndARepeatWithinThirtyDaysReachesTheCaf() {
        String login = unique("niort.partage");
        long userId = fixtures.person(login, NIORT, "791");
        fixtures.grant(userId, NIORT, "T2", java.time.LocalDate.now().minusDays(1), null);
        jdbc.sql("""
                insert into alerte (type, caf, convention, utilisateur, jour, premiere_fois, derniere_fois, occurrences,
                                    statut, cle)
                values ('PARTAGE_SUSPECTE', '791', :c, :l, :day, :at, :at, 1, 'CLOSE', :key)""")
                .param("c", NIORT).param("l", login).param("day", java.time.LocalDate.now().minusDays(5))
                .param("at", Instant.now().minus(Duration.ofDays(5)).atOffset(java.time.ZoneOffset.UTC))
                .param("key", "ancienne-" + login).update();

        api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).header("X-Forwarded-For", "203.0.113.10").send();
        api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).header("X-Forwarded-For", "203.0.113.20").send();

        assertThat(alerts("niort.admin", "PARTAGE_SUSPECTE")).anyMatch(a -> login.equals(a.path("utilisateur")
                .asText()) && "OUVERTE".equals(a.path("statut").asText()));
        assertThat(awaitMail("bernard.roussel@caf79.example", "partage de compte", login)).isNotNull();
    }

    @Test
    void failedLoginsEnMasseOnAConventionRaiseAnAlert() {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String login = unique("niort.masse");
            fixtures.person(login, NIORT, "791");
            logins.add(login);
        }
        for (String login : logins) {
            for (int i = 0; i < 9; i++) { // never 10 in a row: no account locks
                api.get("/api/v1/moi").as(login, "essai-" + i).send();
            }
        }

        assertThat(alerts("caf79.admin", "ECHECS_EN_MASSE")).anyMatch(a -> NIORT.equals(a.path("convention").asText()));
        assertThat(awaitMail("olivier.mercier@niort.example", "échecs de connexion en masse", "convention " + NIORT))
                .isNotNull();
    }

    @Test
    void aBrokenTraceChainFoundAtNightAlertsEveryCafsSecurityOfficer() {
        api.get("/api/v1/moi").as("niort.agent1", DEMO).send();
        Map<String, Object> last = jdbc.sql("select sequence, utilisateur from trace where utilisateur = 'niort.agent1' "
                + "order by sequence desc limit 1").query().singleRow();
        long sequence = ((Number) last.get("sequence")).longValue();
        boolean intact;
        boolean broken;
        jdbc.sql("update trace set utilisateur = 'quelqu.un' where sequence = :s").param("s", sequence).update();
        try {
            broken = !nightly.verify();
        } finally {
            jdbc.sql("update trace set utilisateur = :u where sequence = :s").param("u", last.get("utilisateur"))
                    .param("s", sequence).update();
        }
        intact = nightly.verify();

        assertThat(broken).isTrue();
        assertThat(intact).isTrue();
        assertThat(alerts("caf79.admin", "ANOMALIE_TRACES")).isNotEmpty();
        assertThat(alerts("caf50.admin", "ANOMALIE_TRACES")).isNotEmpty();
        assertThat(awaitMail("bernard.roussel@caf79.example", "anomalie", "CAF 791")).isNotNull();
        assertThat(awaitMail("armelle.quesnel@caf50.example", "anomalie", "CAF 501")).isNotNull();
    }

    // ---- maintenance notices (§14.6) --------------------------------------------------------------------------

    @Test
    void aDeclaredWindowIsMailedToTheCafsPartnersWarnedWhenShortAndInTheCalendar() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant later = Instant.now().plus(Duration.ofDays(12)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        int toCherbourg = mailsTo("yann.legoff@cherbourg.example");
        Reply shortNotice = announce(soon, "Bascule du serveur de la CAF, courte.");
        Reply planned = announce(later, "Migration annuelle, prévue de longue date.");
        long id = shortNotice.json().path("id").asLong();

        ReceivedMail toServices = awaitMail("helene.vasseur@niort.example", "Maintenance programmée",
                "Bascule du serveur de la CAF, courte.");
        awaitMail("pascale.renaud@dep79.example", "Maintenance programmée", "Bascule du serveur de la CAF, courte.");
        String ics = api.get("/api/v1/statut/maintenances.ics?caf=791").send().body();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        String otherCaf = api.get("/api/v1/statut/maintenances.ics?caf=501").send().body();
        Reply badCaf = api.get("/api/v1/statut/maintenances.ics?caf=abc").send();
        Reply cancelled = api.delete(ADMIN + "/maintenances/" + id).as("caf79.admin", DEMO).send();

        assertThat(shortNotice.status()).as(shortNotice.toString()).isEqualTo(201);
        assertThat(shortNotice.json().path("avertissement").asText()).contains("moins de 7 jours");
        assertThat(planned.json().path("avertissement").isNull()).isTrue();
        assertThat(toServices.texte()).contains("Bascule du serveur de la CAF, courte.");
        assertThat(mailsTo("yann.legoff@cherbourg.example")).as("another CAF's partners are not told")
                .isEqualTo(toCherbourg);
        assertThat(events).extracting(e -> e.getUid().orElseThrow().getValue())
                .contains("maintenance-" + id + "@cdap-gateway");
        assertThat(events).anyMatch(e -> e.getDescription().getValue()
                .contains("Bascule du serveur de la CAF, courte."));
        assertThat(otherCaf).doesNotContain("maintenance-" + id + "@");
        assertThat(badCaf.status()).isEqualTo(400);
        assertThat(cancelled.status()).isEqualTo(204);
        assertThat(awaitMail("helene.vasseur@niort.example", "Maintenance annulée",
                "Bascule du serveur de la CAF, courte.")).isNotNull();
    }

    @Test
    void aWindowStartingWithin24HoursIsRemindedOnce() {
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Reply declared = announce(start, "Rappel attendu : intervention réseau.");

        int first = notices.remind();
        int second = notices.remind();

        assertThat(declared.status()).isEqualTo(201);
        assertThat(first).isGreaterThanOrEqualTo(1);
        assertThat(second).isZero();
        assertThat(awaitMail("helene.vasseur@niort.example", "Rappel", "Rappel attendu : intervention réseau."))
                .isNotNull();
        api.delete(ADMIN + "/maintenances/" + declared.json().path("id").asLong()).as("caf79.admin", DEMO).send();
    }

    // ---- the outbox (§14.1) ------------------------------------------------------------------------------------

    @Test
    void anSmtpOutageLosesNoMailAndSendsNoneTwice() {
        List<String> emails = new ArrayList<>();
        mailbox.stop();
        try {
            for (int i = 0; i < 3; i++) {
                String login = unique("niort.panne");
                String email = login.replace('.', '-') + "@niort.example";
                emails.add(email);
                createUser(login, email);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> emails.stream().allMatch(e -> jdbc.sql(
                    "select count(*) from courriel where destinataire = :e and statut = 'EN_ATTENTE' and tentatives >= 1")
                    .param("e", e).query(Integer.class).single() == 1));
        } finally {
            mailbox.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> emails.stream().allMatch(e -> jdbc.sql(
                "select count(*) from courriel where destinataire = :e and statut = 'ENVOYE'")
                .param("e", e).query(Integer.class).single() == 1));

        for (String email : emails) {
            assertThat(mailbox.receivedBy(email)).as("delivered exactly once: " + email).hasSize(1);
            assertThat(jdbc.sql("select count(*) from courriel where destinataire = :e and texte is null and html is null")
                    .param("e", email).query(Integer.class).single()).as("the body is erased once sent").isEqualTo(1);
        }
    }

    @Test
    void aMailTriedInVainForThreeDaysIsGivenUpAndOneNeverTriedIsNot() {
        String tried = unique("abandon") + "@niort.example";
        String neverTried = unique("jamais") + "@niort.example";
        Instant fourDaysAgo = Instant.now().minus(Duration.ofDays(4));
        for (String to : List.of(tried, neverTried)) {
            // not due before next year: the delivery job only judges them, it never sends them during the test
            jdbc.sql("""
                    insert into courriel (destinataire, sujet, cause, texte, html, statut, tentatives, prochain_essai,
                                          cree_le)
                    values (:to, 'Test', 'TEST', 'corps', '<p>corps</p>', 'EN_ATTENTE', :attempts, :next, :created)""")
                    .param("to", to).param("attempts", to.equals(tried) ? 3 : 0)
                    .param("next", fr.cdapgateway.config.SqlTime.utc(Instant.now().plus(Duration.ofDays(365))))
                    .param("created", fr.cdapgateway.config.SqlTime.utc(fourDaysAgo)).update();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "ECHEC".equals(status(tried)));

        assertThat(jdbc.sql("select count(*) from courriel where destinataire = :to and texte is null and html is null")
                .param("to", tried).query(Integer.class).single()).as("a given-up mail keeps no body").isEqualTo(1);
        assertThat(status(neverTried)).as("a mail never tried gets its attempt first (an outage of the gateway "
                + "itself loses no mail)").isEqualTo("EN_ATTENTE");
        jdbc.sql("delete from courriel where destinataire in (:to)").param("to", List.of(tried, neverTried)).update();
    }

    private String status(String to) {
        return jdbc.sql("select statut from courriel where destinataire = :to").param("to", to).query(String.class)
                .single();
    }

    @Test
    void theCafFollowsItsOwnMailsWithoutTheirBodies() {
        String login = unique("niort.suivi");
        String email = login.replace('.', '-') + "@niort.example";
        createUser(login, email);
        awaitMail(email, "choisissez votre mot de passe");

        Reply ofCaf79 = api.get(ADMIN + "/courriels?statut=ENVOYE").as("caf79.admin", DEMO).send();
        Reply ofCaf50 = api.get(ADMIN + "/courriels").as("caf50.admin", DEMO).send();
        Reply byPartner = api.get(ADMIN + "/courriels").as("niort.admin", DEMO).send();
        Reply badFilter = api.get(ADMIN + "/courriels?statut=PERDU").as("caf79.admin", DEMO).send();

        assertThat(ofCaf79.status()).isEqualTo(200);
        assertThat(ofCaf79.json().findValuesAsText("destinataire")).contains(email);
        assertThat(ofCaf79.json().findValuesAsText("statut")).containsOnly("ENVOYE");
        assertThat(ofCaf79.body()).doesNotContain("/activation/").doesNotContain("texte").doesNotContain("html");
        assertThat(ofCaf50.json().findValuesAsText("destinataire")).doesNotContain(email);
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(badFilter.status()).isEqualTo(400);
    }

    // ---- the convention's contacts (§14.2) ----------------------------------------------------------------------

    @Test
    void theContactsAreReadInScopeWithTheMissingMandatoryRoles() {
        Reply niort = api.get(ADMIN + "/conventions/" + NIORT + "/interlocuteurs").as("niort.gestion", DEMO).send();
        Reply cherbourg = api.get(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs?historique=true")
                .as("caf50.admin", DEMO).send();
        Reply otherConvention = api.get(ADMIN + "/conventions/" + NIORT + "/interlocuteurs")
                .as("cherbourg.admin", DEMO).send();
        Reply agent = api.get(ADMIN + "/conventions/" + NIORT + "/interlocuteurs").as("niort.agent1", DEMO).send();

        assertThat(niort.status()).isEqualTo(200);
        assertThat(niort.json().path("manquants").size()).isZero();
        assertThat(niort.json().path("interlocuteurs").findValuesAsText("role"))
                .doesNotContain("ADMINISTRATEUR_SUPPLEANT", "DPO");
        assertThat(niort.json().has("historique")).isFalse();
        assertThat(cherbourg.json().path("manquants").findValuesAsText("role")).contains("RESPONSABLE_SERVICES");
        JsonNode initial = cherbourg.json().path("historique").get(cherbourg.json().path("historique").size() - 1);
        assertThat(initial.path("avenant").asText()).isEqualTo("convention initiale");
        List<String> partnerRoles = new ArrayList<>();
        initial.path("interlocuteurs").forEach(c -> {
            if ("PARTENAIRE".equals(c.path("cote").asText())) {
                partnerRoles.add(c.path("role").asText());
            }
        });
        assertThat(partnerRoles).as("the seed's blanks stay blank").containsExactly("ADMINISTRATEUR_PRINCIPAL");
        assertThat(otherConvention.status()).isEqualTo(404);
        assertThat(agent.status()).isEqualTo(403);
    }

    @Test
    void theCafSetsTheContactsByAvenantAndThePartnerProposesThem() {
        String avenant = "avenant-" + UUID.randomUUID().toString().substring(0, 6);
        String contacts = """
                [{"cote":"CAF","role":"GUICHET","nom":"Guichet unique","email":"guichet.partenaires@caf50.example"},
                 {"cote":"CAF","role":"RESPONSABLE_SECURITE","nom":"QUESNEL","prenom":"Armelle",
                  "email":"armelle.quesnel@caf50.example"},
                 {"cote":"PARTENAIRE","role":"ADMINISTRATEUR_PRINCIPAL","nom":"LE GOFF","prenom":"Yann",
                  "email":"yann.legoff@cherbourg.example","login":"cherbourg.admin"},
                 {"cote":"PARTENAIRE","role":"RESPONSABLE_SECURITE","nom":"MARIE","prenom":"Paul",
                  "email":"paul.marie@cherbourg.example","telephone":"02 33 00 00 01"}]""";
        Reply byPartner = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs",
                "{\"avenant\":\"" + avenant + "\",\"interlocuteurs\":" + contacts + "}")
                .as("cherbourg.admin", DEMO).send();
        Reply byCaf = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs",
                "{\"avenant\":\"" + avenant + "\",\"interlocuteurs\":" + contacts + "}").as("caf50.admin", DEMO).send();
        Reply otherCaf = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs",
                "{\"avenant\":\"x\",\"interlocuteurs\":[]}").as("caf79.admin", DEMO).send();
        Reply generic = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs", """
                {"avenant":"x","interlocuteurs":[{"cote":"PARTENAIRE","role":"RESPONSABLE_SECURITE","nom":"X",
                 "email":"contact@cherbourg.example"}]}""").as("caf50.admin", DEMO).send();
        Reply twice = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs", """
                {"avenant":"x","interlocuteurs":[{"cote":"CAF","role":"GUICHET","nom":"A","email":"a.b@caf50.example"},
                 {"cote":"CAF","role":"GUICHET","nom":"B","email":"b.c@caf50.example"}]}""")
                .as("caf50.admin", DEMO).send();
        Reply wrongRole = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs", """
                {"avenant":"x","interlocuteurs":[{"cote":"PARTENAIRE","role":"GUICHET","nom":"A",
                 "email":"a.b@cherbourg.example"}]}""").as("caf50.admin", DEMO).send();
        Reply foreignLogin = api.put(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs", """
                {"avenant":"x","interlocuteurs":[{"cote":"PARTENAIRE","role":"DPO","nom":"A",
                 "email":"a.b@cherbourg.example","login":"niort.admin"}]}""").as("caf50.admin", DEMO).send();

        Reply filed = api.post(ADMIN + "/conventions/" + CHERBOURG + "/demandes",
                "{\"type\":\"INTERLOCUTEURS\",\"avenant\":\"" + avenant + "-bis\",\"interlocuteurs\":" + contacts + "}")
                .as("cherbourg.admin", DEMO).send();
        Reply filedByAgent = api.post(ADMIN + "/conventions/" + CHERBOURG + "/demandes",
                "{\"type\":\"INTERLOCUTEURS\",\"avenant\":\"y\",\"interlocuteurs\":[]}").as("cherbourg.agent1", DEMO)
                .send();
        Reply unknownType = api.post(ADMIN + "/conventions/" + CHERBOURG + "/demandes", "{\"type\":\"AUTRE\"}")
                .as("cherbourg.admin", DEMO).send();
        long demande = filed.json().path("demande").path("id").asLong();
        Reply refusedByPartner = api.post(ADMIN + "/demandes/" + demande + "/decision",
                "{\"decision\":\"ACCEPTEE\"}").as("cherbourg.admin", DEMO).send();
        Reply accepted = api.post(ADMIN + "/demandes/" + demande + "/decision", "{\"decision\":\"ACCEPTEE\"}")
                .as("caf50.admin", DEMO).send();
        Reply after = api.get(ADMIN + "/conventions/" + CHERBOURG + "/interlocuteurs?historique=true")
                .as("cherbourg.admin", DEMO).send();

        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(byCaf.status()).as(byCaf.toString()).isEqualTo(200);
        assertThat(byCaf.json().path("avenant").asText()).isEqualTo(avenant);
        assertThat(byCaf.json().path("manquants").findValuesAsText("role")).containsExactly("RESPONSABLE_SERVICES");
        assertThat(otherCaf.status()).isEqualTo(404);
        assertThat(generic.status()).isEqualTo(400);
        assertThat(generic.code()).isEqualTo("generic-mailbox-refused");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(wrongRole.status()).isEqualTo(400);
        assertThat(foreignLogin.status()).isEqualTo(400);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(filed.json().path("demande").path("nature").asText()).isEqualTo("INTERLOCUTEURS");
        assertThat(filedByAgent.status()).isEqualTo(403);
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(refusedByPartner.status()).isEqualTo(403);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(after.json().path("avenant").asText()).isEqualTo(avenant + "-bis");
        assertThat(after.json().path("historique").findValuesAsText("avenant")).contains(avenant, avenant + "-bis");
    }

    // ---- bad input ----------------------------------------------------------------------------------------------

    @Test
    void badInputOnTheNewEndpointsGetsAProblemNeverA500() {
        List<Reply> replies = List.of(
                api.post(ADMIN + "/alertes/abc/conclusion", "{\"conclusion\":\"AUTRE\"}").as("caf79.admin", DEMO).send(),
                api.post(ADMIN + "/alertes/99999999/conclusion", "{").as("caf79.admin", DEMO).send(),
                api.post(ADMIN + "/alertes/99999999/conclusion", "{\"conclusion\":\"AUTRE\"}").as("caf79.admin", DEMO)
                        .send(),
                api.post("/api/v1/mot-de-passe-oublie", "pas du json").send(),
                api.post("/api/v1/mot-de-passe-oublie", "{\"login\":\"" + "x".repeat(300) + "\"}").send(),
                api.put(ADMIN + "/conventions/" + NIORT + "/interlocuteurs", "[]").as("caf79.admin", DEMO).send(),
                api.put(ADMIN + "/conventions/" + NIORT + "/interlocuteurs", "{\"avenant\":\"x\"}").as("caf79.admin", DEMO)
                        .send(),
                api.post(ADMIN + "/utilisateurs/personne.inconnue/activation", null).as("niort.gestion", DEMO).send(),
                api.get("/api/v1/statut/maintenances.ics?caf=7%FF1").send(),
                api.get(ADMIN + "/courriels?statut=").as("caf79.admin", DEMO).send());

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.json().path("requestId").asText()).isNotBlank();
            assertThat(reply.header("X-Request-ID")).isNotBlank();
        });
        ConsoleHttp browser = new ConsoleHttp();
        browser.get("http://localhost:" + consolePort + "/mot-de-passe-oublie");
        HttpResponse<String> emptyForm = browser.post("http://localhost:" + consolePort + "/mot-de-passe-oublie");
        assertThat(emptyForm.statusCode()).isEqualTo(400);
        assertThat(emptyForm.body()).contains("Indiquez votre identifiant");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Reply createUser(String login, String email) {
        return api.post(ADMIN + "/conventions/" + NIORT + "/utilisateurs", """
                {"login":"%s","nom":"PRUNIER","prenom":"Alice","email":"%s","fonction":"Agent de facturation",
                 "type":"PERSONNE","role":"UTILISATEUR"}""".formatted(login, email)).as("niort.gestion", DEMO).send();
    }

    private Reply announce(Instant start, String message) {
        return api.post(ADMIN + "/maintenances", """
                {"debut":"%s","fin":"%s","message":"%s"}""".formatted(start, start.plus(Duration.ofHours(2)), message))
                .as("caf79.admin", DEMO).send();
    }

    private void lockOut(String login) {
        for (int i = 0; i < 10; i++) {
            assertThat(api.get("/api/v1/moi").as(login, "faux-" + i).send().status()).isEqualTo(401);
        }
    }

    private long timed(String login) {
        long start = System.nanoTime();
        assertThat(api.get("/api/v1/moi").as(login, TestAccounts.PASSWORD).send().status()).isEqualTo(401);
        return (System.nanoTime() - start) / 1_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private List<JsonNode> alerts(String reader, String type) {
        Reply reply = api.get(ADMIN + "/alertes?type=" + type).as(reader, DEMO).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        reply.json().forEach(found::add);
        return found;
    }

    private JsonNode user(String login) {
        return api.get(ADMIN + "/utilisateurs/" + login).as("niort.gestion", DEMO).send().json();
    }

    private ReceivedMail awaitMail(String address, String subjectPart) {
        return awaitMails(address, subjectPart, "", 1).get(0);
    }

    /** The mail to this address whose subject and text say these things (shared mailboxes receive many). */
    private ReceivedMail awaitMail(String address, String subjectPart, String textPart) {
        return awaitMails(address, subjectPart, textPart, 1).get(0);
    }

    private List<ReceivedMail> awaitMails(String address, String subjectPart, int count) {
        return awaitMails(address, subjectPart, "", count);
    }

    private List<ReceivedMail> awaitMails(String address, String subjectPart, String textPart, int count) {
        List<List<ReceivedMail>> found = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<ReceivedMail> mails = mailbox.receivedBy(address).stream()
                    .filter(m -> m.sujet().toLowerCase(java.util.Locale.FRANCE)
                            .contains(subjectPart.toLowerCase(java.util.Locale.FRANCE)))
                    .filter(m -> m.texte() != null && m.texte().contains(textPart))
                    .toList();
            found.clear();
            found.add(mails);
            return mails.size() >= count;
        });
        return found.get(0);
    }

    private int mailsTo(String address) {
        return mailbox.receivedBy(address).size();
    }

    private int mailsOfCause(String cause) {
        return jdbc.sql("select count(*) from courriel where cause = :c").param("c", cause).query(Integer.class)
                .single();
    }

    private int mailsOfCauseTo(String cause, String address) {
        return jdbc.sql("select count(*) from courriel where cause = :c and destinataire = :a").param("c", cause)
                .param("a", address).query(Integer.class).single();
    }

    private int traceCount(String login, String action, int status) {
        return jdbc.sql("select count(*) from trace where action = :a and statut = :s"
                        + (login == null ? "" : " and utilisateur = :l"))
                .param("a", action).param("s", status).params(login == null ? Map.of() : Map.of("l", login))
                .query(Integer.class).single();
    }

    private long idOf(String login) {
        return jdbc.sql("select id from utilisateur where login = :l").param("l", login).query(Long.class).single();
    }

    private static String linkIn(ReceivedMail mail) {
        Matcher link = LINK.matcher(mail.texte());
        assertThat(link.find()).as("a link in: " + mail.texte()).isTrue();
        return link.group();
    }

    private static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static void nothingSecretIn(ReceivedMail mail) {
        for (String body : new String[] {mail.texte(), mail.html()}) {
            assertThat(body).doesNotContain(DEMO).doesNotContain(TestAccounts.PASSWORD).doesNotContain(CHOSEN)
                    .doesNotContainIgnoringCase("argon2");
            assertThat(DOSSIER.matcher(body).find()).as("no dossier number in: " + body).isFalse();
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> names = new ArrayList<>();
        problem.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> headerNames(Reply reply) {
        return reply.response().headers().map().keySet().stream().map(n -> n.toLowerCase(java.util.Locale.ROOT))
                .sorted().toList();
    }

    private static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
