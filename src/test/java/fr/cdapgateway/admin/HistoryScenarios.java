package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestAccounts;

/** Devalidation, the history kept six years, and its purge. Run by {@link AdminH2IT} and {@link AdminPostgresIT}. */
interface HistoryScenarios extends AdminSteps {

    // ---- devalidation, history, purge -------------------------------------------------------------------------

    @Test
    default void devalidationEndsEverythingButKeepsTheHistory() {
        String login = person(NIORT);
        Reply granted = grant("niort.gestion", NIORT, login, "T2");
        long habilitation = granted.json().path("id").asLong();
        Reply devalidated = api().delete(ADMIN + "/utilisateurs/" + login).as("niort.gestion", DEMO).send();
        Reply consult = consultQf(login, TestAccounts.PASSWORD);
        Reply account = api().get(ADMIN + "/utilisateurs/" + login).as("niort.admin", DEMO).send();
        Reply history = api().get(ADMIN + "/utilisateurs/" + login + "/historique").as("niort.admin", DEMO).send();
        JsonNode habilitations = api().get(ADMIN + "/conventions/" + NIORT + "/habilitations").as("niort.admin", DEMO)
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
    default void historyIsPurgedSixYearsAfterDevalidationAndThePurgeIsTraced() {
        String old = person(NIORT);
        String recent = person(NIORT);
        long oldHabilitation = fixtures().grant(idOf(old), NIORT, "T2", LocalDate.now().minusYears(8), null);
        jdbc().sql("update utilisateur set devalide_le = :at where login = :login")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(7 * 366)).atOffset(ZoneOffset.UTC))
                .param("login", old).update();
        jdbc().sql("update habilitation set terminee_le = :at where id = :id")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(7 * 366)).atOffset(ZoneOffset.UTC))
                .param("id", oldHabilitation).update();
        jdbc().sql("update utilisateur set devalide_le = :at where login = :login")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(5 * 365)).atOffset(ZoneOffset.UTC))
                .param("login", recent).update();
        jdbc().sql("""
                insert into historique (horodatage, acteur, convention, objet_type, objet_id, action)
                values (current_timestamp, 'test', :c, 'UTILISATEUR', :login, 'DEVALIDATION')""")
                .param("c", NIORT).param("login", old).update();

        purge().purge();

        assertThat(count("select count(*) from utilisateur where login = :x", old)).isZero();
        assertThat(count("select count(*) from historique where objet_id = :x", old)).isZero();
        assertThat(count("select count(*) from habilitation where id = :x", oldHabilitation)).isZero();
        assertThat(count("select count(*) from utilisateur where login = :x", recent)).isEqualTo(1);
        assertThat(count("select count(*) from trace where action = :x", "PURGE_HISTORIQUE")).isPositive();
    }

    @Test
    default void decidedRequestsOldReviewsAndEndedMembershipsArePurgedSixYearsOnButNotPendingOrCurrentOnes() {
        java.time.OffsetDateTime sevenYearsAgo = Instant.now().minus(java.time.Duration.ofDays(7 * 366))
                .atOffset(ZoneOffset.UTC);
        String agent = person(DEPARTEMENT);
        long decided = grant("dep79.admin", DEPARTEMENT, agent, "T1").json().path("demande").path("id").asLong();
        decide("caf79.admin", decided, "REFUSEE");
        long pending = grant("dep79.admin", DEPARTEMENT, person(DEPARTEMENT), "T1").json().path("demande").path("id")
                .asLong();
        jdbc().sql("update demande set decidee_le = :at, demandee_le = :at where id = :id")
                .param("at", sevenYearsAgo).param("id", decided).update();
        jdbc().sql("update demande set demandee_le = :at where id = :id").param("at", sevenYearsAgo).param("id", pending)
                .update();
        long review = jdbc().sql("insert into revue (convention, attestee_par, attestee_le) values (:c, 'x', :at)")
                .param("c", NIORT).param("at", sevenYearsAgo).update();
        String left = person(NIORT);
        String stays = person(NIORT);
        for (String[] entry : new String[][] {{left, "AJOUT_MEMBRE"}, {left, "RETRAIT_MEMBRE"}, {stays, "AJOUT_MEMBRE"}}) {
            jdbc().sql("""
                    insert into historique (horodatage, acteur, convention, objet_type, objet_id, action, detail)
                    values (:at, 'test', :c, 'GROUPE', '999999', :action, :login)""")
                    .param("at", sevenYearsAgo).param("c", NIORT).param("action", entry[1]).param("login", entry[0])
                    .update();
        }

        purge().purge();

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
}
