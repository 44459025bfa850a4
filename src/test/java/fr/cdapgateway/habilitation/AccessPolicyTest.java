package fr.cdapgateway.habilitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.support.ProfilesFromConfig;
import fr.cdapgateway.support.Refusals;

class AccessPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Convention NIORT = new Convention("79-2017-19", "791", "Mairie de Niort", null, "DELEGUE",
            List.of("CENTRE_LOISIRS", "RESTAURATION_SCOLAIRE"), Map.of(), LocalDate.of(2017, 1, 1), null,
            LocalDate.of(2017, 1, 1), Convention.OtherCaf.AUTORISER);
    private static final Convention NO_MOTIFS = new Convention("X-1", "791", "Sans motifs", null, "DELEGUE",
            List.of(), Map.of(), null, null, null, Convention.OtherCaf.AUTORISER);

    private final AccessPolicy policy = new AccessPolicy(catalog());

    private static ProfileCatalog catalog() {
        Map<String, ProfileDefinitions.Definition> definitions = new java.util.HashMap<>();
        ProfilesFromConfig.load().forEach((code, p) -> definitions.put(code, new ProfileDefinitions.Definition(
                p.libelle(), p.finalite(), p.champs(), p.precondition(), p.rsaMonths())));
        return new ProfileCatalog(new ProfileDefinitions(definitions,
                new ProfileDefinitions.Dossier(ProfilesFromConfig.objets())));
    }

    private static Habilitation habilitation(String convention, String profil, LocalDate debut, LocalDate fin) {
        return new Habilitation(1, convention, "CDAP", profil, debut, fin, null, null);
    }

    private static AccessPolicy.Demand qf(String motif) {
        return new AccessPolicy.Demand(true, null, motif, null);
    }

    @Test
    void grantsAnActiveHabilitationWithADeclaredPurpose() {
        var grant = policy.decide(null, NIORT, List.of(habilitation("79-2017-19", "T2", TODAY, null)),
                qf("CENTRE_LOISIRS"), TODAY);

        assertThat(grant.profile().code()).isEqualTo("T2");
        assertThat(grant.motif()).isEqualTo("CENTRE_LOISIRS");
    }

    @Test
    void refusesWithoutAnActiveHabilitationOfTheUsersConvention() {
        LocalDate yesterday = TODAY.minusDays(1);
        List<List<Habilitation>> inactive = List.of(
                List.of(),
                List.of(habilitation("79-2017-19", "T2", TODAY.minusYears(1), yesterday)),
                List.of(habilitation("79-2017-19", "T2", TODAY.plusDays(1), null)),
                List.of(new Habilitation(1, "79-2017-19", "CDAP", "T2", yesterday, null, Instant.EPOCH, null)),
                List.of(new Habilitation(1, "79-2017-19", "CDAP", "T2", yesterday, null, null, Instant.EPOCH)),
                List.of(new Habilitation(1, "79-2017-19", "AUTRE", "T2", yesterday, null, null, null)),
                List.of(habilitation("79-DEMO-RSA", "T2", yesterday, null)));
        for (List<Habilitation> habilitations : inactive) {
            assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, habilitations, qf("CENTRE_LOISIRS"), TODAY)))
                    .as(habilitations.toString()).isEqualTo(Problem.NO_HABILITATION);
        }
        assertThat(Refusals.problemOf(() -> policy.decide(null, null, List.of(habilitation("79-2017-19", "T2", TODAY, null)),
                qf("CENTRE_LOISIRS"), TODAY))).isEqualTo(Problem.NO_HABILITATION);
    }

    @Test
    void aHabilitationIsValidOnItsFirstAndLastDay() {
        var habilitation = habilitation("79-2017-19", "T2", TODAY, TODAY);

        assertThat(policy.decide(null, NIORT, List.of(habilitation), qf("CENTRE_LOISIRS"), TODAY)).isNotNull();
    }

    @Test
    void severalProfilesMustBeChosenBetween() {
        var both = List.of(habilitation("79-2017-19", "T1", TODAY, null), habilitation("79-2017-19", "T2", TODAY, null));

        assertThatThrownBy(() -> policy.decide(null, NIORT, both, qf("CENTRE_LOISIRS"), TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
                    assertThat(e.extensions()).containsEntry("profils", List.of("T1", "T2"));
                });
        assertThat(policy.decide(null, NIORT, both, new AccessPolicy.Demand(true, "T1", "CENTRE_LOISIRS", null), TODAY)
                .profile().code()).isEqualTo("T1");
        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, both,
                new AccessPolicy.Demand(true, "T4", "CENTRE_LOISIRS", null), TODAY))).isEqualTo(Problem.NO_HABILITATION);
        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, both,
                new AccessPolicy.Demand(true, "t2; drop", "CENTRE_LOISIRS", null), TODAY)))
                .isEqualTo(Problem.INVALID_REQUEST);
    }

    @Test
    void thePurposeIsRequiredWhenTheConventionDeclaresAny() {
        var t2 = List.of(habilitation("79-2017-19", "T2", TODAY, null));

        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, t2, qf(null), TODAY))).isEqualTo(Problem.MOTIF_REQUIRED);
        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, t2, qf(" "), TODAY))).isEqualTo(Problem.MOTIF_REQUIRED);
        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, t2, qf("INSTRUCTION_RSA"), TODAY)))
                .isEqualTo(Problem.MOTIF_NOT_ALLOWED);
        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, t2, qf("centre_loisirs"), TODAY)))
                .isEqualTo(Problem.MOTIF_NOT_ALLOWED);
        assertThat(policy.decide(null, NO_MOTIFS, List.of(habilitation("X-1", "T2", TODAY, null)), qf(null), TODAY)
                .motif()).isNull();
    }

    @Test
    void theQuotientNeedsAProfileThatSeesIt() {
        var t5 = List.of(habilitation("79-2017-19", "T5", TODAY, null));

        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, t5, qf("CENTRE_LOISIRS"), TODAY)))
                .isEqualTo(Problem.FORBIDDEN);
        assertThat(policy.decide(null, NIORT, t5, new AccessPolicy.Demand(false, null, "CENTRE_LOISIRS", null), TODAY)
                .profile().code()).isEqualTo("T5");
    }

    @Test
    void t4NeedsTheRegisteredInstructorNumber() {
        var t4 = List.of(habilitation("79-2017-19", "T4", TODAY, null));
        AccessPolicy.Demand right = new AccessPolicy.Demand(false, null, "CENTRE_LOISIRS", "INS-79-0042");
        AccessPolicy.Demand wrong = new AccessPolicy.Demand(false, null, "CENTRE_LOISIRS", "INS-79-0043");
        AccessPolicy.Demand none = new AccessPolicy.Demand(false, null, "CENTRE_LOISIRS", null);

        assertThat(policy.decide("INS-79-0042", NIORT, t4, right, TODAY).profile().code()).isEqualTo("T4");
        assertThat(Refusals.problemOf(() -> policy.decide("INS-79-0042", NIORT, t4, wrong, TODAY)))
                .isEqualTo(Problem.PROFILE_PRECONDITION_FAILED);
        assertThat(Refusals.problemOf(() -> policy.decide("INS-79-0042", NIORT, t4, none, TODAY)))
                .isEqualTo(Problem.PROFILE_PRECONDITION_FAILED);
        assertThat(Refusals.problemOf(() -> policy.decide(null, NIORT, t4, none, TODAY)))
                .isEqualTo(Problem.PROFILE_PRECONDITION_FAILED);
    }
}
