package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.cdapgateway.api.NumeroAllocataire;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

class NumeroAllocataireTest {

    @Test
    void acceptsExactlySevenDigits() {
        assertThat(new NumeroAllocataire("1000042").value()).isEqualTo("1000042");
        assertThat(new NumeroAllocataire("0000000").value()).isEqualTo("0000000");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123456", "12345678", "100004a", " 1000042", "1000042\n", "１０００００４", "1000042/..",
            "10000-2", "+100004"})
    void refusesAnythingElse(String value) {
        assertThatThrownBy(() -> new NumeroAllocataire(value))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_NUMERO_ALLOCATAIRE));
    }
}
