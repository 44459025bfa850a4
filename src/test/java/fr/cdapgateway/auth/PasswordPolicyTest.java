package fr.cdapgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(40);

    @Test
    void acceptsALongUncommonPasswordWithoutTheLogin() {
        assertThat(policy.refusal("niort.agent1", "Cantine-Niort-Sept-2026")).isEmpty();
        assertThat(policy.refusal("niort.agent1", "Cheval-Agrafe-Tournesol-Lampe-79")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaa!!", "azertyazertyazerty!", "abcabcabcabc!?", "x!x!x!x!x!x!x!x!",
            "123412341234Ab!"})
    void refusesLongButGuessablePasswordsWithTheReasonInFrench(String password) {
        assertThat(policy.refusal("login", password)).hasValueSatisfying(reason -> assertThat(reason)
                .containsAnyOf("trop facile à deviner", "les plus courants"));
    }

    @Test
    void aRepetitionIsExplained() {
        assertThat(policy.refusal("login", "x".repeat(6) + "Ab3!" + "y".repeat(118))).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("Ce mot de passe est trop facile à deviner (force estimée : ")
                        .contains("minimum 40").contains("répét"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Court-1!", "elevenchars", ""})
    void refusesTooShort(String password) {
        assertThat(policy.refusal("login", password)).contains("Le mot de passe doit compter de 12 à 128 caractères.");
    }

    @Test
    void refusesTooLong() {
        assertThat(policy.refusal("login", "a1!B".repeat(33))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "qwertyuiop12", "Password12345!", "!!Sunshine2026", "Azertyuiop-2026"})
    void refusesCommonPasswords(String password) {
        assertThat(policy.refusal("login", password)).contains(
                "Ce mot de passe figure parmi les mots de passe les plus courants.");
    }

    @Test
    void refusesAPasswordContainingTheLoginWhateverTheCase() {
        assertThat(policy.refusal("niort.agent1", "Mon-NIORT.AGENT1-2026")).contains(
                "Le mot de passe ne doit pas contenir l'identifiant.");
    }
}
