package fr.cdapgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;

import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.support.TestAccounts;

/**
 * The web console's security rules and pages, through the application's real filter chain (Spring Session in the
 * database, Spring Security, MVC, Thymeleaf): every rule of the API holds for people as well, and every action is
 * traced. Run on H2 ({@link ConsoleH2IT}) and on a real PostgreSQL ({@link ConsolePostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// these scenarios create accounts the old way (a manager-chosen initial password, for sites without mail); the
// default — an activation link mailed to the holder — is walked by MailScenarios and the mail's browser walk
@org.springframework.test.context.TestPropertySource(properties = "gateway.accounts.manager-passwords=true")
@AutoConfigureMockMvc
abstract class ConsoleScenarios {

    static final String DEMO = "Demo-Cdap-2026!";
    static final String NIORT = "79-2017-19";
    static final String DEPARTEMENT = "79-DEMO-RSA";
    static final String STRONG = "Lanterne-Rouge-Marais-Poitevin";

    @Autowired
    MockMvc mvc;
    @org.springframework.beans.factory.annotation.Value("${gateway.api.port}")
    int apiPort;
    @org.springframework.boot.test.web.server.LocalServerPort
    int consolePort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    SessionRepository<? extends Session> sessions;

    TestAccounts fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new TestAccounts(jdbc, hasher);
    }

    ConsoleClient browser() {
        return new ConsoleClient(mvc);
    }

    ConsoleClient signedIn(String login, String password) throws Exception {
        ConsoleClient browser = browser();
        MockHttpServletResponse response = browser.signIn(login, password);
        assertThat(response.getRedirectedUrl()).as("sign-in of " + login).doesNotContain("erreur");
        return browser;
    }

    // ---- signing in ------------------------------------------------------------------------------------------

    @Test
    void withoutASessionEveryPageLeadsToTheSignInPage() throws Exception {
        for (String path : new String[] {"/", "/conventions/" + NIORT, "/utilisateurs/niort.agent1", "/caf",
            "/mon-compte", "/mot-de-passe"}) {
            MockHttpServletResponse response = browser().get(path);
            assertThat(response.getStatus()).as(path).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).as(path).endsWith("/connexion");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // the pages of issue 22, each as the roles that reach it see it, and who does not reach it
        "niort.gestion   | /conventions/79-2017-19/interlocuteurs | 200",
        "niort.admin     | /conventions/79-2017-19/interlocuteurs | 200",
        "caf79.admin     | /conventions/79-2017-19/interlocuteurs | 200",
        "cherbourg.admin | /conventions/2024-12/interlocuteurs    | 200",
        "cherbourg.admin | /conventions/79-2017-19/interlocuteurs | 404",
        "niort.admin     | /alertes                               | 200",
        "caf79.admin     | /alertes                               | 200",
        "caf79.admin     | /alertes?statut=CLOSE                  | 200",
        "niort.gestion   | /alertes                               | 403",
        "caf79.admin     | /caf/courriels                         | 200",
        "niort.admin     | /caf/courriels                         | 403",
        "niort.agent1    | /demo/courriels                        | 200",
        "caf79.admin     | /caf                                   | 200",
        "niort.gestion   | /conventions/79-2017-19                | 200",
    })
    void thePagesOfPeopleBeingToldRenderForWhoMayReadThem(String login, String path, int status) throws Exception {
        MockHttpServletResponse page = signedIn(login, DEMO).get(path);

        assertThat(page.getStatus()).as(path).isEqualTo(status);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Erreur inattendue");
    }

    @Test
    void thePagesReachedFromAMailNeedNoSessionAndSayWhatALinkIs() throws Exception {
        MockHttpServletResponse unknown = browser().get("/activation/" + "A".repeat(43));
        MockHttpServletResponse forgotten = browser().get("/mot-de-passe-oublie");

        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString(StandardCharsets.UTF_8)).contains("Ce lien ne peut pas servir");
        assertThat(forgotten.getStatus()).isEqualTo(200);
        assertThat(forgotten.getContentAsString(StandardCharsets.UTF_8)).contains("Mot de passe oublié");
    }

    @Test
    void theSignInPageIsInFrenchAndHardened() throws Exception {
        MockHttpServletResponse response = browser().get("/connexion");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("<html lang=\"fr\"")
                .contains("<label for=\"identifiant\">").contains("name=\"_csrf\"").doesNotContain("<script>");
        assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void signInRenewsTheSessionIdAndSetsAStrictHttpOnlyCookie() throws Exception {
        ConsoleClient browser = browser();
        MockHttpServletResponse form = browser.get("/connexion");
        String before = browser.sessionId();
        assertThat(before).as("the sign-in form's CSRF token lives in a session").isNotNull();
        String cookieHeader = String.join("\n", form.getHeaders("Set-Cookie"));
        assertThat(cookieHeader).contains("HttpOnly").contains("SameSite=Strict");
        MockHttpServletResponse signedIn = browser.post("/connexion", "identifiant", "niort.gestion",
                "motDePasse", DEMO);
        assertThat(signedIn.getRedirectedUrl()).endsWith("/");
        assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(sessions.findById(before)).as("the pre-sign-in session is gone").isNull();
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhyAndTracedWithTheLoginAttempted() throws Exception {
        String login = TestAccounts.uniqueLogin("console.faux");
        fixtures.person(login, NIORT, "791");
        MockHttpServletResponse response = browser().signIn(login, "pas-le-bon-mot-de-passe");
        assertThat(response.getRedirectedUrl()).endsWith("/connexion?erreur=credentials-invalid");
        assertThat(browser().signIn("personne.inconnue", "pas-le-bon-mot-de-passe").getRedirectedUrl())
                .endsWith("/connexion?erreur=credentials-invalid");
        assertThat(traces(login, "CONSOLE_CONNEXION", 401)).isEqualTo(1);
        assertThat(traces("personne.inconnue", "CONSOLE_CONNEXION", 401)).isGreaterThanOrEqualTo(1);
        ConsoleClient browser = browser();
        browser.get("/connexion?erreur=credentials-invalid");
        assertThat(browser.page()).contains("Identifiant ou mot de passe incorrect.");
    }

    @Test
    void tenConsecutiveFailuresLockTheAccountForTheConsoleAndTheApiAlike() throws Exception {
        String login = TestAccounts.uniqueLogin("console.verrou");
        fixtures.person(login, NIORT, "791");
        lockOut(login);
        assertThat(browser().signIn(login, TestAccounts.PASSWORD).getRedirectedUrl())
                .endsWith("/connexion?erreur=credentials-invalid");
        assertThat(jdbc.sql("select count(*) from trace where utilisateur = :l and action = 'CONSOLE_CONNEXION' "
                + "and code = 'account-locked'").param("l", login).query(Integer.class).single())
                .as("the sign-in page says what it says for a wrong password; the trace keeps the lock").isEqualTo(1);
        assertThat(new fr.cdapgateway.support.Api(apiPort).get("/api/v1/moi").as(login, TestAccounts.PASSWORD)
                .send().status()).isEqualTo(401);
        assertThat(jdbc.sql("select verrouille_le from utilisateur where login = :l").param("l", login)
                .query(Instant.class).optional()).isPresent();
    }

    @Test
    void technicalSuspendedAndDevalidatedAccountsCannotSignIn() throws Exception {
        assertThat(browser().signIn("niort.robot", DEMO).getRedirectedUrl())
                .endsWith("erreur=automation-without-user-identity");
        String suspended = TestAccounts.uniqueLogin("console.suspendu");
        fixtures.person(suspended, NIORT, "791");
        fixtures.suspend(suspended);
        assertThat(browser().signIn(suspended, TestAccounts.PASSWORD).getRedirectedUrl())
                .endsWith("erreur=account-suspended");
        String devalidated = TestAccounts.uniqueLogin("console.devalide");
        fixtures.person(devalidated, NIORT, "791");
        fixtures.devalidate(devalidated);
        assertThat(browser().signIn(devalidated, TestAccounts.PASSWORD).getRedirectedUrl())
                .endsWith("erreur=account-devalidated");
    }

    @Test
    void anInitialPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        String login = TestAccounts.uniqueLogin("console.initial");
        fixtures.withRole(login, NIORT, "791", "GESTIONNAIRE");
        fixtures.requirePasswordChange(login);
        ConsoleClient browser = browser();
        assertThat(browser.signIn(login, TestAccounts.PASSWORD).getRedirectedUrl()).endsWith("/mot-de-passe");
        assertThat(browser.get("/conventions/" + NIORT).getRedirectedUrl()).endsWith("/mot-de-passe");
        browser.get("/mot-de-passe");
        assertThat(browser.page()).contains("12 à 128 caractères");
        MockHttpServletResponse weak = browser.post("/mot-de-passe", "ancien", TestAccounts.PASSWORD,
                "nouveau", "motdepasse123", "confirmation", "motdepasse123");
        assertThat(weak.getStatus()).isEqualTo(200);
        assertThat(browser.page()).contains("class=\"erreur\"");
        browser.post("/mot-de-passe", "ancien", TestAccounts.PASSWORD, "nouveau", STRONG, "confirmation", STRONG);
        assertThat(browser.get("/conventions/" + NIORT).getStatus()).isEqualTo(200);
        assertThat(traces(login, "CHANGEMENT_MOT_DE_PASSE", 204)).isEqualTo(1);
    }

    @Test
    void anAdministratorsYearOldPasswordMustBeRenewed() throws Exception {
        String login = TestAccounts.uniqueLogin("console.vieux");
        fixtures.withRole(login, NIORT, "791", "ADMIN_SUPPLEANT");
        fixtures.passwordChangedDaysAgo(login, 400);
        assertThat(browser().signIn(login, TestAccounts.PASSWORD).getRedirectedUrl()).endsWith("/mot-de-passe");
    }

    // ---- sessions ----------------------------------------------------------------------------------------------

    @Test
    void signingOutEndsTheSessionForGood() throws Exception {
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        String id = browser.sessionId();
        String cookie = browser.cookie();
        browser.get("/conventions/" + NIORT);
        assertThat(browser.post("/deconnexion").getRedirectedUrl()).endsWith("/connexion?deconnecte");
        assertThat(sessions.findById(id)).isNull();
        ConsoleClient replay = browser();
        replay.cookie(cookie);
        assertThat(replay.get("/conventions/" + NIORT).getRedirectedUrl()).contains("/connexion");
        assertThat(traces("niort.gestion", "CONSOLE_DECONNEXION", 200)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anIdleSessionExpiresAndLeadsToTheSignInPage() throws Exception {
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        change(browser.sessionId(), session -> session.setLastAccessedTime(Instant.now().minus(Duration.ofMinutes(16))));
        assertThat(browser.get("/conventions/" + NIORT).getRedirectedUrl()).endsWith("/connexion?expiree");
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLimitEvenWhenActive() throws Exception {
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        String id = browser.sessionId();
        change(id, session -> session.setAttribute(ConsoleSecurity.SIGNED_IN_AT,
                Instant.now().minus(Duration.ofHours(9)).toEpochMilli()));
        assertThat(browser.get("/conventions/" + NIORT).getRedirectedUrl()).endsWith("/connexion?expiree");
        assertThat(sessions.findById(id)).isNull();
    }

    @Test
    void aSuspensionEndsTheSuspendedPersonsSessionAtTheNextClick() throws Exception {
        String login = TestAccounts.uniqueLogin("console.session");
        fixtures.withRole(login, NIORT, "791", "GESTIONNAIRE");
        ConsoleClient browser = signedIn(login, TestAccounts.PASSWORD);
        assertThat(browser.get("/conventions/" + NIORT).getStatus()).isEqualTo(200);
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/utilisateurs/" + login);
        caf.post("/utilisateurs/" + login + "/suspension");
        caf.post("/utilisateurs/" + login + "/suspension", "confirme", "oui", "motif", "Départ du service.");
        assertThat(browser.get("/conventions/" + NIORT).getRedirectedUrl()).endsWith("/connexion?fin");
    }

    // ---- scope and roles ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "cherbourg.admin | /utilisateurs/niort.agent1                 | 404",
        "cherbourg.admin | /conventions/79-2017-19                    | 404",
        "cherbourg.admin | /conventions/79-2017-19/utilisateurs       | 404",
        "cherbourg.admin | /conventions/79-2017-19/habilitations      | 404",
        "cherbourg.admin | /conventions/79-2017-19/groupes            | 404",
        "cherbourg.admin | /conventions/79-2017-19/revue              | 404",
        "cherbourg.admin | /conventions/79-2017-19/traces             | 404",
        "niort.gestion   | /utilisateurs/cherbourg.agent1             | 404",
        "niort.gestion   | /utilisateurs/caf79.admin                  | 404",
        "niort.gestion   | /groupes/999999                            | 404",
        "niort.gestion   | /conventions/79-2017-19/revues/999999      | 403",
        "niort.gestion   | /pas/une/page                              | 404",
        "niort.gestion   | /caf                                       | 403",
        "niort.gestion   | /caf/maintenances                          | 403",
        "niort.gestion   | /conventions/79-2017-19/traces             | 403",
        "niort.gestion   | /conventions/79-2017-19/revue              | 403",
        "niort.agent1    | /conventions/79-2017-19                    | 403",
        "niort.agent1    | /conventions/79-2017-19/utilisateurs       | 403",
        "niort.agent1    | /utilisateurs/niort.agent2                 | 403",
        "niort.agent1    | /caf                                       | 403",
        "caf50.admin     | /conventions/79-2017-19                    | 404",
        "caf50.admin     | /utilisateurs/niort.agent1                 | 404",
    })
    void anotherConventionsObjectsDoNotExistAndRolesAreEnforced(String login, String path, int status)
            throws Exception {
        ConsoleClient browser = signedIn(login, DEMO);
        MockHttpServletResponse response = browser.get(path);
        assertThat(response.getStatus()).isEqualTo(status);
        if (response.getForwardedUrl() != null) {
            assertThat(jdbc.sql("select count(*) from trace where utilisateur = :l and objet = :p and statut = :s")
                    .param("l", login).param("p", path).param("s", status).query(Long.class).single())
                    .as("the refusal is traced").isPositive();
        } else if (!browser.page().isEmpty()) {
            assertThat(jdbc.sql("select count(*) from trace where utilisateur = :l and request_id = :id and statut = :s")
                    .param("l", login).param("id", requestId(browser.page())).param("s", status).query(Long.class)
                    .single()).as("the refusal is traced once, with the request id the page shows").isEqualTo(1);
        }
        if (response.getForwardedUrl() != null) {
            // refused before any controller (the role's URL rules): the container renders the page forwarded to
            assertThat(response.getForwardedUrl()).isEqualTo("/erreur");
        } else if (!browser.page().isEmpty()) {
            assertThat(browser.page()).contains("<html lang=\"fr\"").contains("Référence de cette page")
                    .doesNotContain("Exception").doesNotContain("at fr.");
        } else {
            // an unknown path: the container's error dispatch renders the page (ConsoleErrors#container)
            assertThat(status).isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "broken bytes in the path      | GET /\u00ff\u00fe HTTP/1.1",
        "a malformed escape            | GET /conventions/%zz HTTP/1.1",
        "an escaped NUL                | GET /conventions/%00 HTTP/1.1",
        "not HTTP at all               | BONJOUR",
        "a raw < in the query          | GET /connexion?erreur=<script> HTTP/1.1",
    })
    void whatTomcatCannotReadGetsAFrenchPageWithAReference(String what, String requestLine) {
        byte[] head = (requestLine + "\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        fr.cdapgateway.support.RawHttp.Response response = fr.cdapgateway.support.RawHttp.send(consolePort, head, null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<html lang=\"fr\"").contains("Demande incorrecte")
                .contains(response.headers().get("x-request-id")).doesNotContain("Tomcat").doesNotContain("<script>");
        assertThat(response.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
        assertThat(response.headers().get("cache-control")).isEqualTo("no-store");
    }

    @ParameterizedTest(name = "{0} GET {1}")
    @CsvSource(delimiter = '|', value = {
        "niort.gestion   | /                                       | /conventions/79-2017-19",
        "caf79.admin     | /                                       | /caf",
        "niort.agent1    | /                                       | /mon-compte",
    })
    void homeDependsOnTheRole(String login, String path, String target) throws Exception {
        assertThat(signedIn(login, DEMO).get(path).getRedirectedUrl()).endsWith(target);
    }

    @ParameterizedTest(name = "{0} GET {1}")
    @CsvSource(delimiter = '|', value = {
        "niort.gestion   | /conventions/79-2017-19                  | Habilitations utilisées et autorisées",
        "niort.gestion   | /conventions/79-2017-19/utilisateurs     | compte(s)",
        "niort.gestion   | /conventions/79-2017-19/utilisateurs?filtre=jamais&q=niort | compte(s)",
        "niort.gestion   | /conventions/79-2017-19/utilisateurs/nouveau | Mot de passe initial",
        "niort.gestion   | /utilisateurs/niort.agent1               | Historique",
        "niort.gestion   | /conventions/79-2017-19/groupes          | Créer un groupe",
        "niort.gestion   | /conventions/79-2017-19/habilitations    | Quotas fixés par la CAF",
        "niort.gestion   | /mon-compte                              | Mes traces",
        "niort.suppleant | /conventions/79-2017-19/revue            | Décisions",
        "niort.suppleant | /conventions/79-2017-19/traces           | trace(s)",
        "caf79.admin     | /caf                                     | Revues annuelles",
        "caf79.admin     | /caf/maintenances                        | Ce que voient les partenaires",
        "caf79.admin     | /conventions/79-DEMO-RSA/habilitations   | Quotas fixés par la CAF",
        "caf79.admin     | /conventions/79-2017-19/traces?utilisateur=niort.agent1&du=2026-01-01 | trace(s)",
        "niort.agent1    | /mon-compte                              | Mes traces",
        "niort.agent1    | /mot-de-passe                            | Les règles d'un mot de passe",
    })
    void eachPageRendersForItsRole(String login, String path, String text) throws Exception {
        ConsoleClient browser = signedIn(login, DEMO);
        assertThat(browser.get(path).getStatus()).isEqualTo(200);
        assertThat(browser.page()).contains(text).contains("<html lang=\"fr\"");
        assertThat(jdbc.sql("select count(*) from trace where request_id = :id and utilisateur = :l")
                .param("id", requestId(browser.page())).param("l", login).query(Long.class).single())
                .as("the page is traced once, with the request id it shows").isEqualTo(1);
    }

    private static String requestId(String page) {
        Matcher m = Pattern.compile("Référence de cette page pour le support : <span>([^<]+)</span>").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    // ---- forms -------------------------------------------------------------------------------------------------

    @Test
    void aTechnicalAccountCannotJoinAGroupFromTheConsoleEither() throws Exception {
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        String name = "Sondes " + TestAccounts.uniqueLogin("g");
        browser.get("/conventions/" + NIORT + "/groupes");
        browser.post("/conventions/" + NIORT + "/groupes", "nom", name);
        long group = jdbc.sql("select id from groupe where nom = :n").param("n", name).query(Long.class).single();
        browser.get("/groupes/" + group);
        browser.post("/groupes/" + group + "/membres", "login", "niort.robot");
        browser.get("/groupes/" + group);

        assertThat(browser.page()).contains("Un compte technique ne devient pas membre d&#39;un groupe");
        assertThat(jdbc.sql("select count(*) from groupe_membre where groupe_id = :g").param("g", group)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndTraced() throws Exception {
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        MockHttpServletResponse response = browser.postWithoutCsrf("/conventions/" + NIORT + "/groupes",
                "nom", "Groupe sans jeton");
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getForwardedUrl()).isEqualTo("/erreur");
        browser.get("/conventions/" + NIORT + "/groupes");
        assertThat(browser.postWithoutCsrf("/conventions/" + NIORT + "/groupes", "nom", "Groupe sans jeton")
                .getStatus()).as("with a token in the session but none in the form").isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from groupe where nom = 'Groupe sans jeton'").query(Long.class)
                .single()).isZero();
        assertThat(traces("niort.gestion", "CONSOLE_FORMULAIRE_REFUSE", 403)).isGreaterThanOrEqualTo(1);
        MockHttpServletResponse forged = browser.postWithoutCsrf("/conventions/" + NIORT + "/groupes",
                "nom", "Groupe faux jeton", "_csrf", "jeton-invente");
        assertThat(forged.getStatus()).isEqualTo(403);
    }

    @Test
    void creatingAnAccountExplainsEveryRefusalInFrench() throws Exception {
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        String login = TestAccounts.uniqueLogin("agent");
        browser.get("/conventions/" + NIORT + "/utilisateurs/nouveau");
        browser.post("/conventions/" + NIORT + "/utilisateurs", "login", login, "prenom", "Jeanne", "nom", "ROUX",
                "email", "accueil@niort.example", "role", "UTILISATEUR", "motDePasseInitial", STRONG);
        assertThat(browser.page()).contains("adresse générique").doesNotContain(STRONG).contains(login)
                .as("the error sits at its field, the page's title says so")
                .contains("<title>Erreur : créer un compte").contains("id=\"erreur-email\"")
                .contains("href=\"#email\"").contains("aria-describedby=\"erreur-email\"");
        browser.post("/conventions/" + NIORT + "/utilisateurs", "login", login, "prenom", "Jeanne", "nom", "ROUX",
                "email", "jeanne.roux@niort.example", "role", "UTILISATEUR", "motDePasseInitial", "motdepasse123");
        assertThat(browser.page()).contains("Il y a un problème").contains("courants");
        browser.post("/conventions/" + NIORT + "/utilisateurs", "login", login, "prenom", "Jeanne", "nom", "ROUX",
                "email", "jeanne.roux@niort.example", "role", "ADMIN_PRINCIPAL", "motDePasseInitial", STRONG);
        assertThat(browser.page()).contains("Seule la CAF");
        browser.post("/conventions/" + NIORT + "/utilisateurs", "login", "niort.agent1", "prenom", "Jeanne",
                "nom", "ROUX", "email", "jeanne.roux@niort.example", "role", "UTILISATEUR", "motDePasseInitial",
                STRONG);
        assertThat(browser.page()).contains("déjà pris").contains("id=\"erreur-login\"")
                .contains("value=\"ROUX\"").as("what was typed is kept");
        MockHttpServletResponse created = browser.post("/conventions/" + NIORT + "/utilisateurs", "login", login,
                "prenom", "Jeanne", "nom", "ROUX", "email", "jeanne.roux@niort.example", "role", "UTILISATEUR",
                "motDePasseInitial", STRONG);
        assertThat(created.getRedirectedUrl()).endsWith("/utilisateurs/" + login);
        assertThat(traces("niort.gestion", "ADMIN_CREATION_UTILISATEUR", 201, "utilisateur:" + login)).isEqualTo(1);
        assertThat(traces("niort.gestion", "ADMIN_CREATION_UTILISATEUR", 400, "utilisateur:" + login))
                .as("refusals are traced too").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRefusedGrantIsSaidAtItsFieldAndKeepsWhatWasChosen() throws Exception {
        String login = TestAccounts.uniqueLogin("console.choix");
        fixtures.person(login, NIORT, "791");
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        browser.get("/conventions/" + NIORT + "/habilitations");
        browser.post("/conventions/" + NIORT + "/habilitations", "titulaire", "u:" + login, "profil", "T2",
                "dateDebut", "2026-12-10", "dateFin", "2026-12-01");
        browser.get("/conventions/" + NIORT + "/habilitations");

        assertThat(browser.page()).contains("<title>Erreur : habilitations").contains("Il y a un problème")
                .contains("href=\"#dateFin\"").contains("id=\"erreur-dateFin\"")
                .contains("La date de fin ne peut précéder la date de début.")
                .as("the holder, profile and dates chosen are kept")
                .containsPattern("value=\"u:" + java.util.regex.Pattern.quote(login) + "\"\\s+selected")
                .contains("value=\"2026-12-10\"");
        browser.get("/conventions/" + NIORT + "/habilitations");
        assertThat(browser.page()).as("an error is told once").doesNotContain("Il y a un problème");
    }

    @Test
    void aRefusedMaintenanceOrGroupIsSaidAtItsFieldWithWhatWasTyped() throws Exception {
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/caf/maintenances");
        String day = LocalDate.now().plusDays(40).toString();
        caf.post("/caf/maintenances", "debut", day + "T22:00", "fin", day + "T20:00", "message", "Fenêtre à l'envers");
        caf.get("/caf/maintenances");
        assertThat(caf.page()).contains("<title>Erreur : maintenances").contains("href=\"#fin\"")
                .contains("id=\"erreur-fin\"").contains("la fin après le début")
                .contains("value=\"" + day + "T22:00\"").contains("Fenêtre à l&#39;envers");

        ConsoleClient gestion = signedIn("niort.gestion", DEMO);
        gestion.get("/conventions/" + NIORT + "/groupes");
        String name = "Doublon " + TestAccounts.uniqueLogin("g");
        gestion.post("/conventions/" + NIORT + "/groupes", "nom", name);
        gestion.get("/conventions/" + NIORT + "/groupes");
        gestion.post("/conventions/" + NIORT + "/groupes", "nom", name);
        gestion.get("/conventions/" + NIORT + "/groupes");
        assertThat(gestion.page()).contains("<title>Erreur : groupes").contains("id=\"erreur-nom\"")
                .contains("value=\"" + name + "\"");
    }

    @Test
    void grantingShowsTheQuotaGoUpAndEndingBringsItDown() throws Exception {
        String login = TestAccounts.uniqueLogin("console.t2");
        fixtures.person(login, NIORT, "791");
        ConsoleClient browser = signedIn("niort.gestion", DEMO);
        browser.get("/conventions/" + NIORT + "/habilitations");
        int before = quota(browser.page(), "T2");
        browser.post("/conventions/" + NIORT + "/habilitations", "titulaire", "u:" + login, "profil", "T2");
        browser.get("/conventions/" + NIORT + "/habilitations");
        assertThat(quota(browser.page(), "T2")).isEqualTo(before + 1);
        long id = jdbc.sql("select h.id from habilitation h join utilisateur u on u.id = h.utilisateur_id "
                + "where u.login = :l").param("l", login).query(Long.class).single();
        browser.post("/habilitations/" + id + "/fin", "convention", NIORT);
        assertThat(browser.page()).contains("Mettre fin à l&#39;habilitation n° " + id).contains("Motif (facultatif)");
        browser.post("/habilitations/" + id + "/fin", "convention", NIORT, "confirme", "oui");
        browser.get("/conventions/" + NIORT + "/habilitations");
        assertThat(quota(browser.page(), "T2")).isEqualTo(before);
        assertThat(traces("niort.gestion", "ADMIN_ATTRIBUTION_HABILITATION", 201, "habilitation:" + id)).isEqualTo(1);
        assertThat(traces("niort.gestion", "ADMIN_FIN_HABILITATION", 204, "habilitation:" + id)).isEqualTo(1);
    }

    @Test
    void inACentralisedConventionAGrantIsARequestTheCafDecides() throws Exception {
        String login = TestAccounts.uniqueLogin("console.rsa");
        fixtures.person(login, DEPARTEMENT, "791");
        ConsoleClient departement = signedIn("dep79.admin", DEMO);
        departement.get("/conventions/" + DEPARTEMENT + "/habilitations");
        assertThat(departement.page()).contains("gérée par la CAF");
        departement.post("/conventions/" + DEPARTEMENT + "/habilitations", "titulaire", "u:" + login, "profil", "T1");
        departement.get("/conventions/" + DEPARTEMENT + "/habilitations");
        assertThat(departement.page()).contains("attribution du profil T1 lui a été transmise");
        long demande = jdbc.sql("select id from demande where utilisateur = :l").param("l", login)
                .query(Long.class).single();
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/caf");
        assertThat(caf.page()).contains("Accepter la demande " + demande);
        caf.post("/demandes/" + demande + "/decision", "decision", "ACCEPTEE");
        assertThat(jdbc.sql("select statut from demande where id = :id").param("id", demande).query(String.class)
                .single()).isEqualTo("ACCEPTEE");
        assertThat(jdbc.sql("select count(*) from habilitation h join utilisateur u on u.id = h.utilisateur_id "
                + "where u.login = :l and h.profil = 'T1'").param("l", login).query(Long.class).single()).isEqualTo(1);
        assertThat(traces("caf79.admin", "ADMIN_DECISION_DEMANDE", 200, "demande:" + demande)).isEqualTo(1);
    }

    @Test
    void theAnnualReviewRemovesWhatIsDecidedAndPrintsItsAttestation() throws Exception {
        String convention = newConvention();
        String admin = TestAccounts.uniqueLogin("console.admin");
        fixtures.withRole(admin, convention, "791", "ADMIN_PRINCIPAL");
        long agentA = fixtures.person(TestAccounts.uniqueLogin("console.a"), convention, "791");
        long agentB = fixtures.person(TestAccounts.uniqueLogin("console.b"), convention, "791");
        long kept = fixtures.grant(agentA, convention, "T2", LocalDate.now().minusMonths(6), null);
        long removed = fixtures.grant(agentB, convention, "T2", LocalDate.now().minusMonths(6), null);
        long agentC = fixtures.person(TestAccounts.uniqueLogin("console.c"), convention, "791");
        long sameDay = fixtures.grant(agentC, convention, "T2", LocalDate.now(), null);

        ConsoleClient browser = signedIn(admin, TestAccounts.PASSWORD);
        browser.get("/conventions/" + convention + "/revue?preselection=inutilisees");
        assertThat(browser.page()).contains("Inutilisée depuis 90 jours").contains("Accordée le")
                .contains("id=\"retirer-" + removed + "\" name=\"decision-" + removed + "\" value=\"RETIRER\" checked")
                .as("a grant of today is never preselected for removal")
                .contains("id=\"garder-" + sameDay + "\" name=\"decision-" + sameDay + "\" value=\"CONSERVER\" checked");
        MockHttpServletResponse recap = browser.post("/conventions/" + convention + "/revue",
                "decision-" + kept, "CONSERVER", "decision-" + removed, "RETIRER", "decision-" + sameDay, "CONSERVER");
        assertThat(recap.getStatus()).isEqualTo(200);
        assertThat(browser.page()).contains("Attester la revue annuelle").contains("n° " + removed);
        assertThat(jdbc.sql("select terminee_le from habilitation where id = :id").param("id", removed)
                .query(Instant.class).optional()).as("nothing applied before the recap is confirmed").isEmpty();
        MockHttpServletResponse attested = browser.post("/conventions/" + convention + "/revue",
                "decision-" + kept, "CONSERVER", "decision-" + removed, "RETIRER", "decision-" + sameDay, "CONSERVER",
                "confirme", "oui");
        assertThat(attested.getRedirectedUrl()).contains("/conventions/" + convention + "/revues/");
        browser.get(attested.getRedirectedUrl());
        assertThat(browser.page()).contains("Attestation de revue annuelle").contains("Retirer").contains("Conserver")
                .contains("data-imprimer");
        assertThat(jdbc.sql("select terminee_le from habilitation where id = :id").param("id", removed)
                .query(Instant.class).optional()).isPresent();
        MockHttpServletResponse csv = browser.get(attested.getRedirectedUrl() + ".csv");
        byte[] bytes = csv.getContentAsByteArray();
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).contains(";" + removed + ";").contains("RETIRER");
        assertThat(traces(admin, "ADMIN_REVUE_ATTESTATION", 201)).isEqualTo(1);
    }

    @Test
    void readingTracesIsItselfTracedAndTheExportOpensInASpreadsheet() throws Exception {
        ConsoleClient browser = signedIn("niort.suppleant", DEMO);
        browser.get("/conventions/" + NIORT + "/traces?utilisateur=niort.gestion");
        assertThat(browser.page()).contains("trace(s)");
        browser.get("/conventions/" + NIORT + "/traces?numeroAllocataire=abc");
        assertThat(browser.page()).contains("7 chiffres");
        MockHttpServletResponse csv = browser.get("/conventions/" + NIORT + "/traces.csv?utilisateur=niort.gestion");
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).startsWith("\uFEFFsequence;");
        assertThat(traces("niort.suppleant", "ADMIN_LECTURE_TRACES", 200, "filtres:convention=" + NIORT
                + ",utilisateur=niort.gestion")).isGreaterThanOrEqualTo(2);
        MockHttpServletResponse mine = signedIn("niort.agent1", DEMO).get("/mon-compte/traces.csv");
        assertThat(mine.getContentAsString(StandardCharsets.UTF_8)).startsWith("\uFEFFsequence;");
        assertThat(traces("niort.agent1", "EXPORT_MES_TRACES", 200)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theCafAnnouncesAndCancelsAMaintenanceAndSeesWhatPartnersSee() throws Exception {
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/caf/maintenances");
        LocalDate day = LocalDate.now().plusDays(20);
        caf.post("/caf/maintenances", "debut", day + "T20:00", "fin", day + "T23:00", "message",
                "Maintenance de test de la console");
        caf.get("/caf/maintenances");
        assertThat(caf.page()).contains("Maintenance de test de la console");
        long id = jdbc.sql("select id from maintenance where message = 'Maintenance de test de la console'")
                .query(Long.class).single();
        MockHttpServletResponse recap = caf.post("/caf/maintenances/" + id + "/annulation");
        assertThat(recap.getStatus()).isEqualTo(200);
        assertThat(caf.page()).contains("Annuler la maintenance n° " + id).contains("Maintenance de test de la console");
        caf.get("/caf/maintenances");
        assertThat(caf.page()).as("nothing cancelled before the recap is confirmed")
                .contains("Maintenance de test de la console");
        caf.post("/caf/maintenances/" + id + "/annulation", "confirme", "oui");
        caf.get("/caf/maintenances");
        assertThat(caf.page()).doesNotContain("Maintenance de test de la console");
        assertThat(traces("caf79.admin", "ADMIN_ANNONCE_MAINTENANCE", 201, "maintenance:" + id)).isEqualTo(1);
    }

    @Test
    void aManagerCannotActOnAnotherConventionsAccountEvenByPosting() throws Exception {
        ConsoleClient cherbourg = signedIn("cherbourg.admin", DEMO);
        cherbourg.get("/mon-compte");
        MockHttpServletResponse response = cherbourg.post("/utilisateurs/niort.agent1/suspension");
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("select suspendu_le from utilisateur where login = 'niort.agent1'").query(Instant.class)
                .optional()).isEmpty();
        assertThat(jdbc.sql("select count(*) from trace where utilisateur = 'cherbourg.admin' and statut = 404 "
                + "and objet like '%niort.agent1%'").query(Long.class).single()).as("the refusal is traced")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAccountsLifeUnlockResetSuspendReinstateDevalidate() throws Exception {
        String login = TestAccounts.uniqueLogin("console.vie");
        fixtures.person(login, NIORT, "791");
        lockOut(login);
        ConsoleClient admin = signedIn("niort.admin", DEMO);
        admin.get("/utilisateurs/" + login);
        assertThat(admin.page()).contains("Verrouillé").contains("Déverrouiller");
        admin.post("/utilisateurs/" + login + "/deverrouillage");
        admin.get("/utilisateurs/" + login);
        assertThat(admin.page()).contains("Le compte est déverrouillé.");
        assertThat(browser().signIn(login, TestAccounts.PASSWORD).getRedirectedUrl()).endsWith("/");

        admin.post("/utilisateurs/" + login + "/reinitialisation", "motDePasseInitial", "court");
        admin.get("/utilisateurs/" + login);
        assertThat(admin.page()).contains("class=\"erreur\"");
        admin.post("/utilisateurs/" + login + "/reinitialisation", "motDePasseInitial", STRONG);
        assertThat(browser().signIn(login, STRONG).getRedirectedUrl()).endsWith("/mot-de-passe");

        admin.get("/utilisateurs/" + login);
        MockHttpServletResponse recap = admin.post("/utilisateurs/" + login + "/suspension");
        assertThat(admin.page()).contains("Suspendre le compte de Camille TESTEUR").contains(login)
                .contains("Motif (obligatoire)");
        assertThat(recap.getStatus()).isEqualTo(200);
        assertThat(browser().signIn(login, STRONG).getRedirectedUrl()).as("not before the recap is confirmed")
                .endsWith("/mot-de-passe");
        MockHttpServletResponse noReason = admin.post("/utilisateurs/" + login + "/suspension", "confirme", "oui");
        assertThat(noReason.getStatus()).isEqualTo(400);
        assertThat(admin.page()).contains("<title>Erreur : Suspendre le compte").contains("aria-invalid=\"true\"");
        admin.post("/utilisateurs/" + login + "/suspension", "confirme", "oui", "motif", "Poste partagé constaté.");
        assertThat(browser().signIn(login, STRONG).getRedirectedUrl()).endsWith("erreur=account-suspended");
        admin.get("/utilisateurs/" + login);
        assertThat(admin.page()).as("the reason is shown to those who manage the account")
                .contains("Poste partagé constaté.");
        admin.get("/utilisateurs/" + login);
        admin.post("/utilisateurs/" + login + "/levee-suspension");
        assertThat(browser().signIn(login, STRONG).getRedirectedUrl()).endsWith("/mot-de-passe");

        admin.get("/utilisateurs/" + login);
        admin.post("/utilisateurs/" + login + "/devalidation");
        admin.post("/utilisateurs/" + login + "/devalidation", "confirme", "oui", "motif", "Fin de contrat.");
        admin.get("/utilisateurs/" + login);
        assertThat(admin.page()).contains("Dévalidé").doesNotContain("Suspendre le compte");
        assertThat(browser().signIn(login, STRONG).getRedirectedUrl()).endsWith("erreur=account-devalidated");
        for (String action : new String[] {"ADMIN_DEVERROUILLAGE", "ADMIN_REINITIALISATION_MOT_DE_PASSE",
            "ADMIN_SUSPENSION_UTILISATEUR", "ADMIN_LEVEE_SUSPENSION_UTILISATEUR", "ADMIN_DEVALIDATION_UTILISATEUR"}) {
            assertThat(jdbc.sql("select count(*) from trace where utilisateur = 'niort.admin' and action = :a "
                    + "and statut = 200 and objet like :o").param("a", action).param("o", "utilisateur:" + login + "%")
                    .query(Long.class).single()).as(action).isPositive();
        }
    }

    @Test
    void aManagerCannotSuspendNorManageItsOwnRankAndIsToldWhy() throws Exception {
        ConsoleClient gestion = signedIn("niort.gestion", DEMO);
        gestion.get("/utilisateurs/niort.agent2");
        assertThat(gestion.page()).doesNotContain("Suspendre le compte");
        MockHttpServletResponse suspension = gestion.post("/utilisateurs/niort.agent2/suspension");
        assertThat(suspension.getStatus()).as("refused before any recap is offered").isEqualTo(403);
        assertThat(suspension.getContentAsString(StandardCharsets.UTF_8)).contains("La suspension relève de la CAF")
                .doesNotContain("Motif (obligatoire)");
        assertThat(jdbc.sql("select suspendu_le from utilisateur where login = 'niort.agent2'").query(Instant.class)
                .optional()).isEmpty();
        gestion.get("/utilisateurs/niort.suppleant");
        gestion.post("/utilisateurs/niort.suppleant/reinitialisation");
        gestion.get("/utilisateurs/niort.suppleant");
        assertThat(gestion.page()).contains("rang inférieur");
        assertThat(jdbc.sql("select count(*) from trace where utilisateur = 'niort.gestion' and statut = 403 "
                + "and objet like '%niort.agent2/suspension%'").query(Long.class).single()).as("the refusal is traced")
                .isPositive();
    }

    @Test
    void groupsTheirMembersAndTheirHabilitations() throws Exception {
        String member = TestAccounts.uniqueLogin("console.membre");
        fixtures.person(member, NIORT, "791");
        ConsoleClient gestion = signedIn("niort.gestion", DEMO);
        gestion.get("/conventions/" + NIORT + "/groupes");
        String name = "Périscolaire " + member.substring(member.length() - 8);
        MockHttpServletResponse created = gestion.post("/conventions/" + NIORT + "/groupes", "nom", name);
        assertThat(created.getRedirectedUrl()).contains("/groupes/");
        gestion.get(created.getRedirectedUrl());
        assertThat(gestion.page()).contains(name).contains("Aucun membre.");
        gestion.post(created.getRedirectedUrl() + "/membres", "login", member);
        gestion.get(created.getRedirectedUrl());
        assertThat(gestion.page()).contains(member + " est membre du groupe.");
        gestion.post(created.getRedirectedUrl() + "/membres/" + member + "/retrait");
        assertThat(gestion.page()).contains("Retirer " + member + " du groupe " + name);
        gestion.post(created.getRedirectedUrl() + "/membres/" + member + "/retrait", "confirme", "oui");
        gestion.get(created.getRedirectedUrl());
        assertThat(gestion.page()).contains("Aucun membre.");
        gestion.get("/conventions/" + NIORT + "/groupes");
        gestion.post("/conventions/" + NIORT + "/groupes", "nom", name);
        gestion.get("/conventions/" + NIORT + "/groupes");
        assertThat(gestion.page()).contains("Un groupe porte déjà ce nom.");
        assertThat(traces("niort.gestion", "ADMIN_AJOUT_MEMBRE", 200)).isPositive();
        assertThat(traces("niort.gestion", "ADMIN_RETRAIT_MEMBRE", 200)).isPositive();
        assertThat(signedIn("cherbourg.admin", DEMO).get(created.getRedirectedUrl()).getStatus()).isEqualTo(404);
    }

    @Test
    void theCafRevokesAndRestoresADelegationAndSuspendsAHabilitation() throws Exception {
        String convention = newConvention();
        long agent = fixtures.person(TestAccounts.uniqueLogin("console.deleg"), convention, "791");
        long habilitation = fixtures.grant(agent, convention, "T2", LocalDate.now(), null);
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/conventions/" + convention);
        assertThat(caf.page()).contains("Retirer la délégation");
        caf.post("/conventions/" + convention + "/mode", "mode", "CENTRALISE");
        assertThat(caf.page()).contains("Retirer la délégation").contains("Motif (obligatoire)");
        assertThat(mode(convention)).isEqualTo("DELEGUE");
        caf.post("/conventions/" + convention + "/mode", "mode", "CENTRALISE", "confirme", "oui", "motif",
                "Gestion déléguée non respectée.");
        caf.get("/conventions/" + convention);
        assertThat(caf.page()).contains("Délégation retirée").contains("Rétablir la délégation");
        assertThat(mode(convention)).isEqualTo("CENTRALISE");
        caf.post("/conventions/" + convention + "/mode", "mode", "DELEGUE");
        assertThat(mode(convention)).isEqualTo("DELEGUE");
        caf.get("/conventions/" + convention + "/habilitations");
        caf.post("/habilitations/" + habilitation + "/suspension", "convention", convention, "suspendre", "true");
        caf.post("/habilitations/" + habilitation + "/suspension", "convention", convention, "suspendre", "true",
                "confirme", "oui", "motif", "Contrôle en cours.");
        caf.get("/conventions/" + convention + "/habilitations");
        assertThat(caf.page()).contains("Lever la suspension");
        assertThat(traces("caf79.admin", "ADMIN_MODIFICATION_CONVENTION", 200)).isGreaterThanOrEqualTo(2);
        assertThat(traces("caf79.admin", "ADMIN_SUSPENSION_HABILITATION", 200, "habilitation:" + habilitation
                + " — motif : Contrôle en cours.")).as("the reason is traced with the act").isEqualTo(1);
        ConsoleClient partner = signedIn("niort.admin", DEMO);
        partner.get("/conventions/" + NIORT);
        assertThat(partner.page()).doesNotContain("Retirer la délégation");
        assertThat(partner.post("/conventions/" + NIORT + "/mode", "mode", "CENTRALISE").getStatus()).isEqualTo(403);
        assertThat(mode(NIORT)).isEqualTo("DELEGUE");
    }

    @Test
    void theReviewReportDownloadsForTheCafAndTheAttestationIsNotForManagers() throws Exception {
        MockHttpServletResponse csv = signedIn("caf79.admin", DEMO).get("/conventions/" + NIORT + "/revue.csv");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).startsWith("\uFEFFconvention;login;");
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/conventions/" + NIORT + "/revue");
        assertThat(caf.page()).contains("pouvez la consulter").doesNotContain("Attester la revue");
        assertThat(caf.post("/conventions/" + NIORT + "/revue").getStatus()).isEqualTo(403);
    }

    @Test
    void longListsArePagedAndKeepTheirSearch() throws Exception {
        String convention = newConvention();
        for (int i = 0; i < 30; i++) {
            fixtures.person(String.format("page.%s.%02d", convention.toLowerCase().substring(8), i), convention, "791");
        }
        ConsoleClient caf = signedIn("caf79.admin", DEMO);
        caf.get("/conventions/" + convention + "/utilisateurs?q=page.");
        assertThat(caf.page()).contains("30</span> compte(s)").contains("Page <span>1</span> sur <span>2</span>")
                .contains("/conventions/" + convention + "/utilisateurs?q=page.&amp;page=2")
                .contains(".00<").doesNotContain(".29<");
        caf.get("/conventions/" + convention + "/utilisateurs?q=page.&page=2");
        assertThat(caf.page()).contains(".29<").doesNotContain(".00<").contains("Page précédente");
    }

    /** Ten wrong passwords typed in the console's sign-in form. */
    private void lockOut(String login) throws Exception {
        for (int i = 0; i < 10; i++) {
            browser().signIn(login, "mauvais-mot-de-passe-" + i);
        }
    }

    private String newConvention() {
        String convention = "CONSOLE-" + TestAccounts.uniqueLogin("c").substring(2, 10).toUpperCase();
        jdbc.sql("insert into convention (numero, caf, partenaire_nom, mode, date_debut, ouverte_le, cree_le) values "
                + "(:n, '791', 'Commune de test', 'DELEGUE', :d, :d, :now)").param("n", convention)
                .param("d", LocalDate.now().minusYears(2)).param("now", Instant.now().atOffset(java.time.ZoneOffset.UTC))
                .update();
        jdbc.sql("insert into convention_quota (convention, service, profil, maximum) values (:n, 'CDAP', 'T2', 5)")
                .param("n", convention).update();
        return convention;
    }

    private String mode(String convention) {
        return jdbc.sql("select mode from convention where numero = :n").param("n", convention).query(String.class)
                .single();
    }

    /** Changes a stored session as time would (its last access, its sign-in time). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void change(String id, java.util.function.Consumer<Session> change) {
        SessionRepository repository = sessions;
        Session session = (Session) repository.findById(id);
        change.accept(session);
        repository.save(session);
    }

    private static int quota(String page, String profil) {
        Matcher m = Pattern.compile("id=\"quota-" + profil + "\">([0-9]+)<").matcher(page);
        assertThat(m.find()).as("quota of " + profil + " shown").isTrue();
        return Integer.parseInt(m.group(1));
    }

    long traces(String login, String action, int statut) {
        return jdbc.sql("select count(*) from trace where utilisateur = :l and action = :a and statut = :s "
                + "and indicateurs like '%console%'").param("l", login).param("a", action).param("s", statut)
                .query(Long.class).single();
    }

    long traces(String login, String action, int statut, String objet) {
        return jdbc.sql("select count(*) from trace where utilisateur = :l and action = :a and statut = :s "
                + "and objet = :o and indicateurs like '%console%'").param("l", login).param("a", action)
                .param("s", statut).param("o", objet).query(Long.class).single();
    }
}
