package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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

import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.TestAccounts;
import fr.cdapgateway.support.TestConventions;

/**
 * What every admin scenario uses: the running gateway's API and database, the demo's accounts and conventions,
 * and the steps the scenarios share. Implemented by {@link AdminScenarios}.
 */
interface AdminSteps {

    String DEMO = "Demo-Cdap-2026!";
    String NIORT = "79-2017-19";
    String CHERBOURG = "2024-12";
    String DEPARTEMENT = "79-DEMO-RSA";
    String ADMIN = "/api/v1/admin";
    String NEW_PASSWORD = "Un-Mot-De-Passe-Solide-79";

    Api api();

    JdbcClient jdbc();

    TestAccounts fixtures();

    HistoryPurge purge();

    PasswordHasher hasher();

    // ---- helpers ---------------------------------------------------------------------------------------------

    default String overdue() {
        return api().get(ADMIN + "/revues?enRetard=true").as("caf79.admin", DEMO).send().body();
    }

    default Reply attest(String admin, String numero, String body) {
        return api().post(ADMIN + "/conventions/" + numero + "/revue", body).as(admin, TestAccounts.PASSWORD).send();
    }

    default JsonNode find(JsonNode accounts, String login) {
        for (JsonNode account : accounts) {
            if (account.path("login").asText().equals(login)) {
                return account;
            }
        }
        throw new AssertionError(login + " not in the report");
    }

    /** A new DELEGUE convention of the CAF 791, a year old, with one purpose and the given CDAP quotas. */
    default String newConvention(String quotas) {
        String numero = "79-T-" + suffix();
        Reply created = api().post(ADMIN + "/conventions", """
                {"numero":"%s","caf":"791","partenaire":{"nom":"CCAS de test","siret":"12345678901234"},
                 "mode":"DELEGUE","services":{"CDAP":%s},"motifs":["CENTRE_LOISIRS"],"dateDebut":"%s"}"""
                .formatted(numero, quotas, LocalDate.now().minusYears(2))).as("caf79.admin", DEMO).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        TestConventions.openWithContacts(api(), numero, "caf79.admin", DEMO, null);
        return numero;
    }

    default Reply grant(String caller, String convention, String login, String profil) {
        String password = caller.contains(".") && !caller.startsWith("gest.") && !caller.startsWith("admin.")
                ? DEMO : TestAccounts.PASSWORD;
        return api().post(ADMIN + "/conventions/" + convention + "/habilitations",
                "{\"utilisateur\":\"" + login + "\",\"profil\":\"" + profil + "\"}").as(caller, password).send();
    }

    /**
     * One thread per candidate, all released at once: the grants race for the same quota row. Never a 500: each
     * answer is the grant, a quota refusal, or a retryable 503 that is retried once things calm down.
     */
    default List<Reply> grantAllAtOnce(String manager, String convention, List<String> candidates) throws Exception {
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

    default Reply decide(String caller, long demande, String decision) {
        return api().post(ADMIN + "/demandes/" + demande + "/decision",
                "{\"decision\":\"" + decision + "\",\"motif\":\"vu\"}").as(caller, DEMO).send();
    }

    default Reply member(String method, String manager, long group, String login) {
        return api().call(method, ADMIN + "/groupes/" + group + "/membres/" + login, null)
                .as(manager, TestAccounts.PASSWORD).send();
    }

    default Reply consultQf(String login, String password) {
        return consultQf(login, password, "RESTAURATION_SCOLAIRE");
    }

    default Reply consultQf(String login, String password, String motif) {
        return api().get("/api/v1/dossiers/1000042/quotient-familial").as(login, password).motif(motif).send();
    }

    default Reply consult(String login, String motif) {
        return api().get("/api/v1/dossiers/1000042").as(login, TestAccounts.PASSWORD).motif(motif).send();
    }

    default String person(String convention) {
        String login = "agent." + suffix();
        fixtures().person(login, convention, CHERBOURG.equals(convention) ? "501" : "791");
        return login;
    }

    /** A new holder of a role in the convention (a Deux-Sèvres one), as {@link #person} makes an agent. */
    default String staff(String prefix, String convention, String role) {
        String login = prefix + "." + suffix();
        fixtures().withRole(login, convention, "791", role);
        return login;
    }

    default long idOf(String login) {
        return count("select id from utilisateur where login = :x", login);
    }

    default long count(String sql, Object value) {
        return jdbc().sql(sql).param("x", value).query(Long.class).single();
    }

    default String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    default Map<String, Object> trace(String requestId) {
        List<Map<String, Object>> rows = jdbc().sql("""
                select utilisateur, convention, action, statut, code, objet from trace where request_id = :id""")
                .param("id", requestId).query().listOfRows();
        assertThat(rows).as("exactly one trace for request " + requestId).hasSize(1);
        return rows.get(0);
    }
}
