package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;

/** The annual reverse review. Run by {@link AdminH2IT} and {@link AdminPostgresIT}. */
interface ReviewScenarios extends AdminSteps {

    // ---- the annual reverse review ----------------------------------------------------------------------------

    @Test
    default void theReverseReviewIsReportedAttestedAppliedAndExported() {
        String numero = newConvention("{\"T2\":5}");
        String admin = staff("admin", numero, "ADMIN_PRINCIPAL");
        String keep = person(numero);
        String drop = person(numero);
        long kept = grant("caf79.admin", numero, keep, "T2").json().path("id").asLong();
        long dropped = grant("caf79.admin", numero, drop, "T2").json().path("id").asLong();
        assertThat(consultQf(keep, TestAccounts.PASSWORD, "CENTRE_LOISIRS").status()).isEqualTo(200);
        boolean overdueBefore = overdue().contains(numero);

        Reply report = api().get(ADMIN + "/conventions/" + numero + "/revue").as(admin, TestAccounts.PASSWORD).send();
        Reply csv = api().get(ADMIN + "/conventions/" + numero + "/revue?format=csv").as(admin, TestAccounts.PASSWORD).send();
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
    default void theReviewFlagsAnHabilitationUnusedOnlyNinetyDaysAfterItWasGrantedStartedOrLastUsed() {
        String numero = newConvention("{\"T2\":5}");
        String admin = staff("admin", numero, "ADMIN_PRINCIPAL");
        String fresh = person(numero);
        String old = person(numero);
        grant("caf79.admin", numero, fresh, "T2");
        fixtures().grant(idOf(old), numero, "T2", LocalDate.now().minusMonths(6), null);

        JsonNode accounts = api().get(ADMIN + "/conventions/" + numero + "/revue").as(admin, TestAccounts.PASSWORD)
                .send().json().path("comptes");

        assertThat(find(accounts, fresh).path("habilitations").get(0).path("indicateurs").toString())
                .doesNotContain("INUTILISEE_90_JOURS");
        assertThat(find(accounts, old).path("habilitations").get(0).path("indicateurs").toString())
                .contains("INUTILISEE_90_JOURS");
    }
}
