package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.cdapgateway.api.Period;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

class PeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void defaultsToTheCurrentMonth() {
        assertThat(Period.resolve(null, null, TODAY)).isEqualTo(new Period(2026, 11));
    }

    @Test
    void acceptsUpToTwentyFourMonthsBack() {
        assertThat(Period.resolve("2024", "11", TODAY)).isEqualTo(new Period(2024, 11));
        assertThat(Period.resolve("2026", "09", TODAY)).isEqualTo(new Period(2026, 9));
    }

    @ParameterizedTest
    @CsvSource(value = {"2024,10", "2026,12", "2027,1", "2026,13", "2026,0", "2026,", ",5", "26,5", "2026,1x",
            "abcd,5", "2026,-1", "2026,123"}, nullValues = "")
    void refusesWhatIsNotAMonthOfTheLastTwoYears(String annee, String mois) {
        assertThatThrownBy(() -> Period.resolve(annee, mois, TODAY))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_PERIOD));
    }
}
