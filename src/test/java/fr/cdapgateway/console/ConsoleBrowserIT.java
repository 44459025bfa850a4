package fr.cdapgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestAccounts;
import fr.cdapgateway.support.TestPorts;

/**
 * The issue's "Done when", walked by a person in a real headless Chromium (Debian's chromium and chromium-driver,
 * installed by .ci/run): each page is saved as a screenshot under target/console-screenshots and checked by
 * axe-core for serious or critical accessibility violations. Without Chromium on the machine the test is
 * skipped, unless {@code CONSOLE_BROWSER_REQUIRED=true} (as in CI), where a missing browser fails it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleBrowserIT {

    static final String DEMO = "Demo-Cdap-2026!";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    static WebDriver driver;
    static int shot;

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    fr.cdapgateway.auth.PasswordHasher hasher;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }

    @BeforeAll
    static void browser() throws IOException {
        driver = chromium(true);
    }

    /** Debian's Chromium, headless, with or without JavaScript. */
    static WebDriver chromium(boolean javascript) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CONSOLE_BROWSER_REQUIRED"))) {
            throw new IllegalStateException("Chromium and its driver are required (apt-get install chromium "
                    + "chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed: the browser tests are skipped");
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory("console-chromium");
        // the browser's profile goes with the test JVM (its browsers are closed by then): a run leaves no trace in /tmp
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(profile)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no network beyond loopback: nothing Chromium would fetch by itself
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,1000", "--lang=fr-FR",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        if (!javascript) {
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        if (!javascript) {
            // the page's own scripts never run (the driver's commands still do, from outside the page)
            chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        }
        return chrome;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException gone) {
            // nothing left to delete
        }
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theDoneWhenOfTheConsoleIssue() {
        // niort.gestion creates an agent and grants it T2: the quota shown goes up by one
        signIn("niort.gestion", DEMO);
        assertThat(driver.getCurrentUrl()).endsWith("/conventions/79-2017-19");
        page("tableau-de-bord");
        open("/conventions/79-2017-19/habilitations");
        int before = quota("T2");
        open("/conventions/79-2017-19/utilisateurs/nouveau");
        page("creation-compte");
        type("login", "niort.agent7");
        type("prenom", "Jeanne");
        type("nom", "ROUX");
        type("email", "jeanne.roux@niort.example");
        assertThat(driver.findElements(By.id("motDePasseInitial"))).as("a manager never chooses a password").isEmpty();
        submit("Créer le compte");
        assertThat(driver.getCurrentUrl()).endsWith("/utilisateurs/niort.agent7");
        assertThat(text()).contains("Un lien d'activation est envoyé à jeanne.roux@niort.example");
        page("compte-cree");
        navigate(driver.findElement(By.linkText("Accorder une habilitation à ce compte")));
        new Select(driver.findElement(By.id("profil"))).selectByValue("T2");
        submit("Accorder");
        assertThat(text()).contains("Habilitation T2 accordée.");
        assertThat(quota("T2")).isEqualTo(before + 1);
        page("habilitations");
        open("/conventions/79-2017-19/utilisateurs");
        page("utilisateurs");
        // the demo mailbox shows what the embedded SMTP server received: the agent's activation link
        String link = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            open("/demo/courriels");
            return driver.findElements(By.cssSelector("article.courriel")).stream()
                    .filter(a -> a.getText().contains("jeanne.roux@niort.example"))
                    .flatMap(a -> a.findElements(By.cssSelector("a[href*='/activation/']")).stream())
                    .map(a -> a.getAttribute("href")).findFirst().orElse(null);
        });
        page("boite-aux-lettres-demo");
        signOut();

        // the agent follows the link, chooses a password (a weak one first), then signs in
        driver.get(link);
        assertThat(driver.getTitle()).startsWith("Choisir mon mot de passe");
        page("activation");
        type("motDePasse", "motdepasse12");
        type("confirmation", "motdepasse12");
        submit("Enregistrer mon mot de passe");
        assertThat(driver.getTitle()).startsWith("Erreur");
        page("activation-refusee");
        type("motDePasse", "Lanterne-Rouge-Marais-Poitevin");
        type("confirmation", "Lanterne-Rouge-Marais-Poitevin");
        submit("Enregistrer mon mot de passe");
        assertThat(driver.getCurrentUrl()).contains("/connexion?active");
        assertThat(text()).contains("Votre mot de passe est enregistré");
        driver.get(link);
        assertThat(driver.getTitle()).startsWith("Lien non valable");
        page("lien-deja-utilise");
        open("/mot-de-passe-oublie");
        page("mot-de-passe-oublie");
        signIn("niort.agent7", "Lanterne-Rouge-Marais-Poitevin");
        open("/mon-compte");
        page("mon-compte");
        open("/mot-de-passe");
        page("mot-de-passe");
        signOut();

        // niort.admin performs the annual review: the one-click preselection never proposes the same-day grant; the
        // review is attested through its recap, printed, and found again from the review page
        signIn("niort.admin", DEMO);
        open("/conventions/79-2017-19/revue");
        page("revue-annuelle");
        long sameDay = habilitationOf("niort.agent7");
        navigate(driver.findElement(By.partialLinkText("Retirer toutes")));
        assertThat(driver.findElement(By.id("garder-" + sameDay)).isSelected())
                .as("a grant of today is kept by the preselection").isTrue();
        assertThat(text()).contains("Accordée le");
        page("revue-preselection");
        submit("Attester la revue et appliquer les retraits");
        assertThat(driver.getTitle()).startsWith("Attester la revue annuelle");
        page("revue-recapitulatif");
        submit("Attester la revue");
        assertThat(driver.getCurrentUrl()).contains("/conventions/79-2017-19/revues/");
        String attestation = driver.getCurrentUrl();
        assertThat(text()).contains("Attestation de revue annuelle").contains("Conserver")
                .contains("CAF des Deux-Sèvres").contains("21790191700013").contains("Hélène VASSEUR");
        assertThat(driver.findElement(By.cssSelector("[data-imprimer]")).isDisplayed()).isTrue();
        page("attestation");
        assertThat(jdbc.sql("select terminee_le is null from habilitation where id = :id").param("id", sameDay)
                .query(Boolean.class).single()).isTrue();
        open("/conventions/79-2017-19/revue");
        navigate(driver.findElement(By.partialLinkText("attestée le")));
        assertThat(driver.getCurrentUrl()).isEqualTo(attestation);
        // a search with its dates the wrong way round is an error at its field, the values typed kept
        open("/conventions/79-2017-19/traces?du=2026-12-31&au=2026-01-01");
        assertThat(driver.getTitle()).startsWith("Erreur : Traces");
        assertThat(driver.findElement(By.id("au")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("du")).getAttribute("value")).isEqualTo("2026-12-31");
        page("traces-erreur");
        open("/conventions/79-2017-19/traces");
        page("traces");
        open("/conventions/79-2017-19/interlocuteurs");
        page("interlocuteurs");
        open("/alertes");
        page("alertes");
        signOut();

        // niort.gestion ends the agent's habilitation, through its recap
        signIn("niort.gestion", DEMO);
        open("/conventions/79-2017-19/habilitations");
        submit(driver.findElement(By.cssSelector("button[aria-label=\"Mettre fin à l'habilitation " + sameDay
                + "\"]")));
        assertThat(driver.getTitle()).startsWith("Mettre fin à l'habilitation n° " + sameDay);
        page("fin-habilitation-recapitulatif");
        submit("Mettre fin à l'habilitation");
        assertThat(text()).contains("L'habilitation est terminée.");
        signOut();

        // dep79.admin files a T1 grant in the centralised convention
        signIn("dep79.admin", DEMO);
        open("/conventions/79-DEMO-RSA/habilitations");
        assertThat(text()).contains("gérée par la CAF");
        new Select(driver.findElement(By.id("titulaire"))).selectByValue("u:dep79.suivi");
        new Select(driver.findElement(By.id("profil"))).selectByValue("T1");
        submit("Demander à la CAF");
        assertThat(text()).contains("une demande d'attribution du profil T1 lui a été transmise");
        page("demande-deposee");
        signOut();

        // caf79.admin sees it pending, accepts it, and sees which conventions are overdue for review
        signIn("caf79.admin", DEMO);
        assertThat(driver.getCurrentUrl()).endsWith("/caf");
        long demande = jdbc.sql("select max(id) from demande where utilisateur = 'dep79.suivi' and profil = 'T1'")
                .query(Long.class).single();
        page("supervision-caf");
        assertThat(text()).contains("En retard");
        navigate(driver.findElement(By.cssSelector("button[aria-label='Accepter la demande " + demande + "']")));
        assertThat(text()).contains("Demande n° " + demande + " acceptée");
        assertThat(jdbc.sql("select statut from demande where id = :id").param("id", demande).query(String.class)
                .single()).isEqualTo("ACCEPTEE");
        // the CAF declares a maintenance window in the form, then cancels it through its recap
        open("/caf/maintenances");
        String day = java.time.LocalDate.now().plusDays(20).toString();
        ((JavascriptExecutor) driver).executeScript("document.getElementById('debut').value = arguments[0];"
                + "document.getElementById('fin').value = arguments[1];", day + "T20:00", day + "T22:00");
        type("message", "Bascule annuelle du service, annoncée depuis la console.");
        submit("Annoncer");
        assertThat(text()).contains("La maintenance est annoncée aux partenaires de votre CAF");
        page("maintenances");
        long window = jdbc.sql("select max(id) from maintenance where message like 'Bascule annuelle%'")
                .query(Long.class).single();
        submit(driver.findElement(By.cssSelector("button[aria-label='Annuler la maintenance " + window + "']")));
        page("maintenance-annulation-recapitulatif");
        submit("Annuler la maintenance");
        assertThat(text()).contains("La maintenance n° " + window + " est annulée.");
        // the CAF suspends an account with a reason: without one, the recap says so at the field
        open("/utilisateurs/niort.agent1");
        submit("Suspendre le compte");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('motif').removeAttribute('required');");
        submit("Suspendre le compte");
        assertThat(driver.getTitle()).startsWith("Erreur : Suspendre le compte");
        assertThat(driver.findElement(By.id("motif")).getAttribute("aria-invalid")).isEqualTo("true");
        page("suspension-sans-motif");
        type("motif", "Vérification d'un usage partagé du poste.");
        submit("Suspendre le compte");
        assertThat(text()).contains("Le compte est suspendu").contains("Vérification d'un usage partagé du poste.");
        page("compte-suspendu");
        submit("Lever la suspension");
        open("/caf/courriels");
        assertThat(text()).contains("jeanne.roux@niort.example");
        page("courriels");
        // an account locks: the CAF reads the alert and concludes it
        fr.cdapgateway.support.Api api = new fr.cdapgateway.support.Api(apiPort);
        for (int i = 0; i < 10; i++) {
            assertThat(api.get("/api/v1/moi").as("niort.agent2", "faux-" + i).send().status()).isEqualTo(401);
        }
        open("/alertes");
        assertThat(text()).contains("Compte verrouillé").contains("niort.agent2");
        page("alertes-caf");
        new Select(driver.findElement(By.cssSelector("select[name=conclusion]"))).selectByValue("FAUX_POSITIF");
        driver.findElement(By.cssSelector("textarea[name=commentaire]")).sendKeys("L'agent s'était trompé.");
        submit("Conclure");
        assertThat(text()).contains("est close");
        page("alerte-close");
        open("/conventions/79-2017-19/interlocuteurs");
        assertThat(text()).contains("Enregistrer un avenant");
        page("interlocuteurs-caf");
        signOut();

        // dep79.admin follows its request: accepted
        signIn("dep79.admin", DEMO);
        open("/conventions/79-DEMO-RSA/demandes");
        assertThat(text()).contains("Acceptée").contains("dep79.suivi");
        page("demandes-partenaire");
        signOut();

        // cherbourg.admin gets a 404 on a Niort user's page; its own dashboard names the contacts still missing
        signIn("cherbourg.admin", DEMO);
        assertThat(text()).contains("Interlocuteurs obligatoires manquants");
        open("/utilisateurs/niort.agent1");
        assertThat(driver.getTitle()).startsWith("Page introuvable");
        page("introuvable");
        open("/pas/une/page");
        assertThat(driver.getTitle()).startsWith("Page introuvable");

        // a form posted without its CSRF token is refused
        open("/conventions/2024-12/groupes");
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelectorAll('input[name=_csrf]').forEach(function (e) { e.remove(); });");
        type("nom", "Groupe sans jeton");
        submit("Créer le groupe");
        assertThat(driver.getTitle()).startsWith("Formulaire refusé");
        page("formulaire-refuse");
        signOut();

        // each of these actions is in the traces
        for (String[] trace : new String[][] {
            {"niort.gestion", "CONSOLE_CONNEXION", "200"},
            {"niort.gestion", "ADMIN_CREATION_UTILISATEUR", "201"},
            {"niort.gestion", "ADMIN_ATTRIBUTION_HABILITATION", "201"},
            {"niort.gestion", "CONSOLE_DECONNEXION", "200"},
            {"niort.agent7", "ACTIVATION_COMPTE", "200"},
            {"niort.agent7", "ACTIVATION_COMPTE", "400"},
            {"niort.admin", "ADMIN_REVUE_ATTESTATION", "201"},
            {"niort.admin", "ADMIN_LECTURE_TRACES", "200"},
            {"dep79.admin", "ADMIN_ATTRIBUTION_HABILITATION", "201"},
            {"caf79.admin", "ADMIN_DECISION_DEMANDE", "200"},
            {"caf79.admin", "ADMIN_CONCLUSION_ALERTE", "200"},
            {"cherbourg.admin", "CONSOLE_FORMULAIRE_REFUSE", "403"},
        }) {
            assertThat(jdbc.sql("select count(*) from trace where utilisateur = :l and action = :a and statut = :s")
                    .param("l", trace[0]).param("a", trace[1]).param("s", Integer.parseInt(trace[2]))
                    .query(Long.class).single()).as(String.join(" ", trace)).isPositive();
        }
    }

    /**
     * Every act that cannot be undone in one click goes through its recap page, walked in a Chromium without
     * JavaScript: the act's button leads to the recap, the recap's button acts, "Annuler" changes nothing.
     */
    @Test
    void everyConfirmationWorksWithoutJavaScript() throws IOException {
        TestAccounts fixtures = new TestAccounts(jdbc, hasher);
        String agent = TestAccounts.uniqueLogin("nojs.agent");
        long agentId = fixtures.person(agent, "79-2017-19", "791");
        long habilitation = fixtures.grant(agentId, "79-2017-19", "T2", java.time.LocalDate.now(), null);
        String departing = TestAccounts.uniqueLogin("nojs.depart");
        fixtures.person(departing, "79-2017-19", "791");
        fixtures.withRole("nojs.gestion." + agentId, "79-2017-19", "791", "GESTIONNAIRE");
        fr.cdapgateway.support.Api api = new fr.cdapgateway.support.Api(apiPort);
        long demande = api.post("/api/v1/admin/conventions/79-DEMO-RSA/habilitations",
                "{\"utilisateur\":\"dep79.suivi\",\"service\":\"CDAP\",\"profil\":\"T1\"}").as("dep79.admin", DEMO)
                .send().json().path("demande").path("id").asLong();
        WebDriver withScript = driver;
        driver = chromium(false);
        try {
            // niort.admin suspends an account with a reason, then devalidates another
            signIn("niort.admin", DEMO);
            open("/utilisateurs/" + agent);
            submit("Suspendre le compte");
            assertThat(driver.getTitle()).startsWith("Suspendre le compte de Camille TESTEUR");
            check("sans-js-suspension", false);
            navigate(driver.findElement(By.linkText("Annuler et revenir sans rien changer")));
            assertThat(state(agent)).as("cancelled: nothing changed").isEqualTo("ACTIF");
            submit("Suspendre le compte");
            type("motif", "Poste partagé constaté.");
            submit("Suspendre le compte");
            assertThat(text()).contains("Le compte est suspendu").contains("Poste partagé constaté.");
            assertThat(state(agent)).isEqualTo("SUSPENDU");
            open("/utilisateurs/" + departing);
            submit("Dévalider le compte (fin de ses habilitations)");
            check("sans-js-devalidation", false);
            type("motif", "Départ de la collectivité.");
            submit("Dévalider le compte");
            assertThat(state(departing)).isEqualTo("DEVALIDE");
            // ends an habilitation (no reason needed) and attests the review
            open("/conventions/79-2017-19/habilitations");
            submit(driver.findElement(By.cssSelector("button[aria-label=\"Mettre fin à l'habilitation " + habilitation
                    + "\"]")));
            assertThat(driver.getTitle()).startsWith("Mettre fin à l'habilitation n° " + habilitation);
            check("sans-js-fin-habilitation", false);
            submit("Mettre fin à l'habilitation");
            assertThat(jdbc.sql("select terminee_le is not null from habilitation where id = :id")
                    .param("id", habilitation).query(Boolean.class).single()).isTrue();
            open("/conventions/79-2017-19/revue");
            submit("Attester la revue et appliquer les retraits");
            check("sans-js-revue", false);
            submit("Attester la revue");
            assertThat(text()).contains("Attestation de revue annuelle");
            assertThat(driver.findElement(By.cssSelector("[data-imprimer]")).isDisplayed())
                    .as("without JavaScript the print button stays hidden: the browser's own command is named").isFalse();
            signOut();

            // a manager removes a member from a group
            String group = "Sans script " + agentId;
            signIn("nojs.gestion." + agentId, TestAccounts.PASSWORD);
            open("/conventions/79-2017-19/groupes");
            type("nom", group);
            submit("Créer le groupe");
            new Select(driver.findElement(By.id("login"))).selectByValue("niort.agent1");
            submit("Ajouter");
            submit(driver.findElement(By.cssSelector("button[aria-label='Retirer niort.agent1 du groupe']")));
            check("sans-js-retrait-membre", false);
            submit("Retirer du groupe");
            assertThat(text()).contains("niort.agent1 n'est plus membre du groupe.");
            signOut();

            // the CAF withdraws and restores a delegation, refuses a request, cancels a maintenance
            signIn("caf79.admin", DEMO);
            open("/conventions/79-2017-19");
            submit("Retirer la délégation");
            check("sans-js-delegation", false);
            type("motif", "Contrôle de la gestion déléguée.");
            submit("Retirer la délégation");
            assertThat(text()).contains("Délégation retirée");
            submit("Rétablir la délégation");
            assertThat(text()).contains("Délégation rétablie");
            open("/caf");
            submit(driver.findElement(By.cssSelector("button[aria-label='Refuser la demande " + demande + "']")));
            check("sans-js-refus", false);
            type("motif", "Profil T1 non justifié pour le suivi RSA.");
            submit("Refuser la demande");
            assertThat(text()).contains("Demande n° " + demande + " refusée");
            java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(30));
            long window = api.post("/api/v1/admin/maintenances", "{\"debut\":\"" + start + "\",\"fin\":\""
                    + start.plus(Duration.ofHours(2)) + "\",\"message\":\"Fenêtre sans script\"}")
                    .as("caf79.admin", DEMO).send().json().path("id").asLong();
            open("/caf/maintenances");
            submit(driver.findElement(By.cssSelector("button[aria-label='Annuler la maintenance " + window + "']")));
            check("sans-js-annulation-maintenance", false);
            submit("Annuler la maintenance");
            assertThat(text()).contains("La maintenance n° " + window + " est annulée.");
            signOut();
        } finally {
            driver.quit();
            driver = withScript;
        }
        assertThat(jdbc.sql("select statut, motif_decision from demande where id = :id").param("id", demande)
                .query().singleRow()).containsEntry("statut", "REFUSEE")
                .containsEntry("motif_decision", "Profil T1 non justifié pour le suivi RSA.");
    }

    /**
     * Issue 24's done-when in a browser: the partner's substitute files the form of Annexe 3, the CAF accepts, the
     * new administrator activates from the mail and signs in, the replaced one is refused; then the annual bilan
     * with its charts, and its minutes.
     */
    @Test
    void anAdministratorChangeFromTheFormToTheNewAdministratorsFirstSignIn() {
        String numero = "79-B-" + TestAccounts.uniqueLogin("").substring(1, 9).toUpperCase();
        jdbc.sql("insert into convention (numero, caf, partenaire_nom, mode, date_debut, signee_le, ouverte_le, cree_le)"
                + " values (:n, '791', 'CCAS de Chauray', 'DELEGUE', :d, :d, :d, :now)").param("n", numero)
                .param("d", LocalDate.now().minusYears(1)).param("now", Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("insert into convention_quota (convention, service, profil, maximum) values (:n, 'CDAP', 'T2', 5)")
                .param("n", numero).update();
        TestAccounts fixtures = new TestAccounts(jdbc, hasher);
        String principal = TestAccounts.uniqueLogin("adm");
        fixtures.withRole(principal, numero, "791", "ADMIN_PRINCIPAL");
        String substitute = TestAccounts.uniqueLogin("sup");
        fixtures.withRole(substitute, numero, "791", "ADMIN_SUPPLEANT");
        String email = "sophie.perrin." + principal.substring(4) + "@chauray.example";

        signIn(substitute, TestAccounts.PASSWORD);
        open("/conventions/" + numero + "/changement-administrateur");
        page("changement-administrateur");
        new Select(driver.findElement(By.id("role"))).selectByValue("ADMIN_PRINCIPAL");
        type("nom", "PERRIN");
        type("prenom", "Sophie");
        type("fonction", "Directrice du CCAS");
        type("email", email);
        type("telephone", "05 49 00 00 01");
        type("remplace", "personne.inconnue");
        type("signataireNom", "Marc LEROUX");
        type("signataireQualite", "Vice-président du CCAS");
        submit("Transmettre à la CAF");
        assertThat(text()).contains("remplace : un administrateur actif de la convention");
        assertThat(driver.findElement(By.id("nom")).getAttribute("value")).as("what was typed is kept").isEqualTo("PERRIN");
        page("changement-administrateur-refuse");
        type("remplace", principal);
        submit("Transmettre à la CAF");
        assertThat(driver.getCurrentUrl()).endsWith("/conventions/" + numero + "/demandes");
        assertThat(text()).contains("Le formulaire est transmis à la CAF", "Changement d'administrateur (annexe 3)",
                "Sophie PERRIN", "remplace " + principal, "Marc LEROUX");
        page("changement-administrateur-depose");
        signOut();

        signIn("caf79.admin", DEMO);
        open("/conventions/" + numero + "/demandes");
        page("changement-administrateur-caf");
        submit(driver.findElement(By.cssSelector("button[aria-label^='Accepter la demande']")));
        assertThat(text()).contains("acceptée : elle est appliquée");
        String link = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            open("/demo/courriels");
            return driver.findElements(By.cssSelector("article.courriel")).stream()
                    .filter(a -> a.getText().contains(email))
                    .flatMap(a -> a.findElements(By.cssSelector("a[href*='/activation/']")).stream())
                    .map(a -> a.getAttribute("href")).findFirst().orElse(null);
        });
        signOut();

        driver.get(link);
        type("motDePasse", "Chauray-Sevre-Niortaise-79");
        type("confirmation", "Chauray-Sevre-Niortaise-79");
        submit("Enregistrer mon mot de passe");
        assertThat(driver.getCurrentUrl()).contains("/connexion?active");
        String newLogin = jdbc.sql("select login from utilisateur where email = :e").param("e", email)
                .query(String.class).single();
        signIn(newLogin, "Chauray-Sevre-Niortaise-79");
        assertThat(driver.getCurrentUrl()).endsWith("/conventions/" + numero);
        page("nouvel-administrateur");
        open("/conventions/" + numero + "/interlocuteurs");
        assertThat(text()).contains("Sophie PERRIN", email);
        signOut();
        signIn(principal, TestAccounts.PASSWORD);
        assertThat(driver.getCurrentUrl()).contains("/connexion");
        assertThat(text()).contains("dévalidé");
        page("administrateur-remplace-refuse");

        // the CAF records the convention's resiliation: a notice shorter than 3 months is refused at once
        signIn("caf79.admin", DEMO);
        open("/conventions/" + numero);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        date("lettre", today);
        date("effet", today.plusMonths(2));
        submit("Enregistrer la résiliation");
        assertThat(text()).contains("au moins 3 mois après la réception de la lettre");
        date("lettre", today);
        date("effet", today.plusMonths(3));
        submit("Enregistrer la résiliation");
        assertThat(text()).contains("La résiliation est enregistrée", "Résiliation en cours");
        page("resiliation-enregistree");

        // an incident declared by the CAF, with its escalation delay in view
        open("/incidents");
        new Select(driver.findElement(By.id("convention"))).selectByValue(numero);
        type("description", "Les consultations répondent lentement depuis 9 h.");
        submit("Déclarer l'incident");
        assertThat(text()).contains("est déclaré ; l'autre partie est prévenue", "niveau 1 le");
        page("incidents");

        // the annual bilan of the demo's Niort convention: charts drawn on the server, the figures in tables
        open("/conventions/79-2017-19/bilans");
        assertThat(driver.getTitle()).startsWith("Bilan annuel");
        assertThat(driver.findElements(By.cssSelector("svg.chart rect.barre"))).hasSizeGreaterThan(12);
        assertThat(driver.findElements(By.cssSelector("#table-mois tbody tr"))).hasSizeGreaterThanOrEqualTo(12);
        page("bilan-annuel");
        fullPage("bilan-annuel-complet");
        type("texte", "Réunion du bilan : usage conforme aux finalités déclarées, aucune remarque.");
        submit("Enregistrer le compte rendu");
        assertThat(text()).contains("Le compte rendu est enregistré", "usage conforme");
        signOut();
    }

    private String state(String login) {
        return jdbc.sql("select case when devalide_le is not null then 'DEVALIDE' when suspendu_le is not null "
                + "then 'SUSPENDU' else 'ACTIF' end from utilisateur where login = :l").param("l", login)
                .query(String.class).single();
    }

    private void signIn(String login, String password) {
        open("/connexion");
        if (shot == 0) {
            page("connexion");
        }
        type("identifiant", login);
        type("motDePasse", password);
        submit("Se connecter");
    }

    private void signOut() {
        submit("Se déconnecter");
        assertThat(driver.getCurrentUrl()).contains("/connexion?deconnecte");
    }

    private void open(String path) {
        driver.get("http://127.0.0.1:" + port + path);
    }

    /** A date field takes its value as a date (AAAA-MM-JJ), whatever the browser's way of typing one. */
    private void date(String id, LocalDate value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                driver.findElement(By.id(id)), value.toString());
    }

    private void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks the button with this text, as a person would (keyboard users press Enter on the same button). */
    private void submit(String label) {
        submit(driver.findElements(By.tagName("button")).stream().filter(b -> b.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no button " + label + " on " + driver.getTitle())));
    }

    private void submit(WebElement button) {
        navigate(button);
    }

    /** Clicks what leads to another page, and waits until that page has replaced this one. */
    private void navigate(WebElement element) {
        WebElement before = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(before));
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private int quota(String profil) {
        return Integer.parseInt(driver.findElement(By.id("quota-" + profil)).getText().trim());
    }

    private long habilitationOf(String login) {
        return jdbc.sql("select h.id from habilitation h join utilisateur u on u.id = h.utilisateur_id "
                + "where u.login = :l and h.terminee_le is null").param("l", login).query(Long.class).single();
    }

    /** Whether the page holding this element has been replaced (Chromium reports it in more than one way). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException replaced) {
            return true;
        }
    }

    /**
     * A screenshot of the page at 1280 px, then at 390 px (a phone): at each width axe-core finds no serious or
     * critical violation of WCAG 2.1 A/AA, and at 390 px the page is no wider than the screen (wide tables scroll in
     * their own box).
     */
    private void page(String name) {
        String step = String.format("%02d-%s", ++shot, name);
        check(step, true);
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            check(step + "-390", true);
            long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as(name + ": the page is wider than a 390 px screen").isLessThanOrEqualTo(0);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    /** The whole page in one image, as it would be projected or printed (for docs/console.md). */
    private void fullPage(String name) {
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 140, 8000)));
        try {
            check(String.format("%02d-%s", ++shot, name), false);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private void check(String file, boolean axe) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(file + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!axe) {
            return;
        }
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as(file + ": " + serious.stream().map(v -> v.getId() + " " + v.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }
}
