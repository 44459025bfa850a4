package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.support.Refusals;

/** Who gives which role, and the annual review's rules, on typed inputs: no database, no Camel. */
class AccountAndReviewRulesTest {

    private static Caller caller(Role role) {
        return new Caller(new Account(1, "someone", "791", role == Role.CAF_ADMIN ? null : "79-2017-19", "N", "P",
                "e@x.example", "PERSONNE", role.name(), null, "h", false, 0, null, null, null, null, null, false), role);
    }

    private static ReverseReview.Attestation attestation(Object... pairs) {
        ReverseReview.Attestation.Item[] items = new ReverseReview.Attestation.Item[pairs.length / 2];
        for (int i = 0; i < pairs.length; i += 2) {
            items[i / 2] = new ReverseReview.Attestation.Item((Long) pairs[i], (String) pairs[i + 1]);
        }
        return new ReverseReview.Attestation(Arrays.asList(items));
    }

    @Test
    void aManagerGivesOnlyTheRolesBelowItsOwnAndOnlyTheCafNamesAdministrators() {
        assertThat(AccountRules.grantableRole(caller(Role.GESTIONNAIRE), "UTILISATEUR")).isEqualTo("UTILISATEUR");
        assertThat(Refusals.problemOf(() -> AccountRules.grantableRole(caller(Role.GESTIONNAIRE), "GESTIONNAIRE")))
                .isEqualTo(Problem.FORBIDDEN);
        assertThat(Refusals.problemOf(() -> AccountRules.grantableRole(caller(Role.ADMIN_PRINCIPAL),
                "ADMIN_SUPPLEANT"))).as("an administrator never names another").isEqualTo(Problem.FORBIDDEN);
        assertThat(AccountRules.grantableRole(caller(Role.CAF_ADMIN), "ADMIN_PRINCIPAL")).isEqualTo("ADMIN_PRINCIPAL");
        assertThat(Refusals.problemOf(() -> AccountRules.grantableRole(caller(Role.CAF_ADMIN), "CAF_ADMIN")))
                .as("not by this path").isEqualTo(Problem.FORBIDDEN);
        assertThat(Refusals.problemOf(() -> AccountRules.grantableRole(caller(Role.CAF_ADMIN), "ROOT")))
                .isEqualTo(Problem.INVALID_REQUEST);
        assertThat(Refusals.problemOf(() -> AccountRules.grantableRole(caller(Role.CAF_ADMIN), null)))
                .isEqualTo(Problem.INVALID_REQUEST);
    }

    @Test
    void aTechnicalAccountNeverManagesAnything() {
        assertThat(AccountRules.type(null, "UTILISATEUR")).isEqualTo("PERSONNE");
        assertThat(AccountRules.type("TECHNIQUE", "UTILISATEUR")).isEqualTo("TECHNIQUE");
        assertThat(Refusals.problemOf(() -> AccountRules.type("TECHNIQUE", "GESTIONNAIRE")))
                .isEqualTo(Problem.INVALID_REQUEST);
        assertThat(Refusals.problemOf(() -> AccountRules.type("ROBOT", "UTILISATEUR")))
                .isEqualTo(Problem.INVALID_REQUEST);
    }

    @Test
    void aReviewIsDueTwelveMonthsAfterTheLastAndLateTheDayAfter() {
        LocalDate last = LocalDate.of(2025, 12, 1);

        assertThat(ReviewRules.due(last, LocalDate.of(2026, 11, 22)))
                .isEqualTo(new ReviewViews.Due(LocalDate.of(2026, 12, 1), 9, false));
        assertThat(ReviewRules.due(last, LocalDate.of(2026, 12, 1)).enRetard()).isFalse();
        assertThat(ReviewRules.due(last, LocalDate.of(2026, 12, 2)))
                .isEqualTo(new ReviewViews.Due(LocalDate.of(2026, 12, 1), -1, true));
    }

    @Test
    void anAccountIsFlaggedNeverOrLongNotUsedSuspendedLocked() {
        Instant since = Instant.parse("2026-08-24T00:00:00Z");

        assertThat(ReviewRules.accountFlags(null, null, null, since)).containsExactly("JAMAIS_CONNECTE");
        assertThat(ReviewRules.accountFlags(since.minusSeconds(1), since, since, since))
                .containsExactly("INUTILISE_90_JOURS", "SUSPENDU", "VERROUILLE");
        assertThat(ReviewRules.accountFlags(since, null, null, since)).isEmpty();
    }

    @Test
    void anAttestationDecidesEachOpenHabilitationOnceAndNothingElse() {
        Set<Long> open = Set.of(1L, 2L);

        assertThat(ReviewRules.decisions(attestation(2L, "RETIRER", 1L, "CONSERVER"), open))
                .isEqualTo(Map.of(1L, "CONSERVER", 2L, "RETIRER"));
        for (ReverseReview.Attestation refused : List.of(
                attestation(1L, "CONSERVER"),
                attestation(1L, "CONSERVER", 2L, "CONSERVER", 3L, "RETIRER"),
                attestation(1L, "CONSERVER", 1L, "RETIRER", 2L, "CONSERVER"),
                attestation(1L, "GARDER", 2L, "CONSERVER"),
                attestation(null, "CONSERVER", 2L, "CONSERVER"),
                new ReverseReview.Attestation(null))) {
            assertThat(Refusals.problemOf(() -> ReviewRules.decisions(refused, open))).as(String.valueOf(refused))
                    .isEqualTo(Problem.INVALID_REQUEST);
        }
    }
}
