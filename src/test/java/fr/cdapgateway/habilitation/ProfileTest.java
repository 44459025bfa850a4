package fr.cdapgateway.habilitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Profile.Precondition;
import fr.cdapgateway.api.Profile;

class ProfileTest {

    private static Profile profile(String code, Precondition precondition) {
        List<String> champs = new java.util.ArrayList<>(List.of("numeroAllocataire"));
        champs.addAll(precondition.fieldsRead());
        return new Profile(code, code, "test", champs, precondition, 24);
    }

    @Test
    void aProfileThatCannotSayWhoseDossierItReadsIsRefused() {
        assertThatThrownBy(() -> new Profile("T9", "T9", "test", List.of("caf"), Precondition.NONE, 24))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeroAllocataire");
    }

    @Test
    void aProfileWhoseAllowListLacksWhatItsPreconditionReadsIsRefused() {
        assertThat(Precondition.DROIT_RSA_RECENT.fieldsRead()).containsExactly("rsa.dateDebutDroit", "rsa.dateFinDroit");
        assertThatThrownBy(() -> new Profile("T18", "T18", "test", List.of("numeroAllocataire", "rsa.dateDebutDroit"),
                Precondition.DROIT_RSA_RECENT, 24))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rsa.dateFinDroit");
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
