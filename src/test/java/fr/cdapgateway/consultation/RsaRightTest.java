package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The T18 precondition: RSA right open, or ended less than 24 months ago. */
class RsaRightTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest
    @CsvSource(value = {
        "2026-03-01, , true",            // open today
        "2022-01-01, 2025-05-22, true",  // ended 18 months ago
        "2022-01-01, 2024-11-23, true",  // ended one day less than 24 months ago
        "2022-01-01, 2024-11-22, false", // ended exactly 24 months ago
        "2021-01-01, 2024-05-22, false", // ended 30 months ago
        ", , false",                     // never had RSA
        "pas-une-date, , false"}, nullValues = "")
    void opensOnlyOnRecentRights(String debut, String fin, boolean expected) throws Exception {
        String rsa = "{\"rsa\":{\"dateDebutDroit\":" + quoted(debut) + ",\"dateFinDroit\":" + quoted(fin) + "}}";

        assertThat(RsaRight.openOrRecent(new ObjectMapper().readTree(rsa), TODAY, 24)).isEqualTo(expected);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
