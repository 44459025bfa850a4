package fr.cdapgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    static Path profile;
    static int shot;

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }

    @BeforeAll
    static void browser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CONSOLE_BROWSER_REQUIRED"))) {
            throw new IllegalStateException("Chromium and its driver are required (apt-get install chromium "
                    + "chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed: the browser tests are skipped");
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no network beyond loopback: nothing Chromium would fetch by itself
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,1000", "--lang=fr-FR",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
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

        // niort.admin performs the annual review, removing one habilitation, and prints the attestation
        signIn("niort.admin", DEMO);
        open("/conventions/79-2017-19/revue");
        page("revue-annuelle");
        long removed = habilitationOf("niort.agent7");
        driver.findElement(By.id("retirer-" + removed)).click();
        submit("Attester la revue et appliquer les retraits");
        assertThat(driver.getCurrentUrl()).contains("/conventions/79-2017-19/revues/");
        assertThat(text()).contains("Attestation de revue annuelle").contains("Retirer");
        assertThat(driver.findElement(By.cssSelector("[data-imprimer]")).isDisplayed()).isTrue();
        page("attestation");
        assertThat(jdbc.sql("select terminee_le is not null from habilitation where id = :id").param("id", removed)
                .query(Boolean.class).single()).isTrue();
        open("/conventions/79-2017-19/traces");
        page("traces");
        open("/conventions/79-2017-19/interlocuteurs");
        page("interlocuteurs");
        open("/alertes");
        page("alertes");
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
        open("/caf/maintenances");
        page("maintenances");
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

    private void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks the button with this text, as a person would (keyboard users press Enter on the same button). */
    private void submit(String label) {
        navigate(driver.findElements(By.tagName("button")).stream().filter(b -> b.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no button " + label + " on " + driver.getTitle())));
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

    /** A screenshot of the page, then axe-core: no serious or critical violation of WCAG 2.1 A/AA. */
    private void page(String name) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as(name + ": " + serious.stream().map(v -> v.getId() + " " + v.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }
}
