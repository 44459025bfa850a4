package fr.cdapgateway.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.habilitation.Profile.Precondition;

class ProfileTest {

    private static Profile profile(String code, Precondition precondition) {
        return new Profile(code, code, "test", List.of("numeroAllocataire"), precondition, 24);
    }

    @Test
    void eachPreconditionDeclaresWhenItIsChecked() {
        assertThat(Precondition.NONE.phase()).isEqualTo(Precondition.Phase.NONE);
        assertThat(Precondition.NUMERO_INSTRUCTEUR.phase()).isEqualTo(Precondition.Phase.BEFORE_BACKEND);
        assertThat(Precondition.DROIT_RSA_RECENT.phase()).isEqualTo(Precondition.Phase.ON_DOSSIER);
        assertThat(profile("T18", Precondition.DROIT_RSA_RECENT).checkedOnDossier()).isTrue();
        assertThat(profile("T4", Precondition.NUMERO_INSTRUCTEUR).checkedOnDossier()).isFalse();
    }

    @Test
    void anInstructorProfileIsGrantedOnlyToAnAccountWithARegisteredNumber() {
        Profile instructeur = profile("T4", Precondition.NUMERO_INSTRUCTEUR);
        assertThat(instructeur.grantRefusal(null)).hasValueSatisfying(r -> assertThat(r).contains("T4"));
        assertThat(instructeur.grantRefusal(" ")).isPresent();
        assertThat(instructeur.grantRefusal("INS-79-0042")).isEmpty();
        assertThat(profile("T2", Precondition.NONE).grantRefusal(null)).isEmpty();
        assertThat(profile("T18", Precondition.DROIT_RSA_RECENT).grantRefusal(null)).isEmpty();
    }

    @Test
    void theInstructorNumberDeclaredMustBeTheRegisteredOne() {
        Profile instructeur = profile("T4", Precondition.NUMERO_INSTRUCTEUR);
        assertThat(instructeur.refusalBeforeBackend("INS-1", "INS-1")).isEmpty();
        assertThat(instructeur.refusalBeforeBackend("INS-1", "INS-2")).isPresent();
        assertThat(instructeur.refusalBeforeBackend("INS-1", null)).isPresent();
        assertThat(instructeur.refusalBeforeBackend(null, null)).isPresent();
        assertThat(profile("T2", Precondition.NONE).refusalBeforeBackend(null, null)).isEmpty();
    }
}
