package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ConventionYearsTest {

    private static final LocalDate SIGNED = LocalDate.of(2017, 10, 1);

    @Test
    void theNextAnniversaryIsTheTermsEndTacitlyRenewed() {
        assertThat(ConventionYears.nextAnniversary(SIGNED, LocalDate.of(2017, 10, 1))).isEqualTo("2018-10-01");
        assertThat(ConventionYears.nextAnniversary(SIGNED, LocalDate.of(2026, 9, 30))).isEqualTo("2026-10-01");
        assertThat(ConventionYears.nextAnniversary(SIGNED, LocalDate.of(2026, 10, 1))).isEqualTo("2026-10-01");
        assertThat(ConventionYears.nextAnniversary(SIGNED, LocalDate.of(2026, 10, 2))).isEqualTo("2027-10-01");
        assertThat(ConventionYears.nextAnniversary(null, LocalDate.of(2026, 10, 2))).isNull();
    }

    @Test
    void aConventionYearRunsFromOneAnniversaryToTheNext() {
        assertThat(ConventionYears.yearStart(SIGNED, 2025)).isEqualTo("2025-10-01");
        assertThat(ConventionYears.yearEnd(SIGNED, 2025)).isEqualTo("2026-10-01");
        LocalDate leap = LocalDate.of(2024, 2, 29);
        assertThat(ConventionYears.yearStart(leap, 2025)).isEqualTo("2025-02-28");
        assertThat(ConventionYears.yearEnd(leap, 2027)).isEqualTo("2028-02-29");
    }

    @Test
    void aResiliationsNoticeDependsOnItsType() {
        LocalDate letter = LocalDate.of(2026, 11, 30);
        assertThat(ConventionYears.earliestEffect("PREAVIS", letter)).isEqualTo("2027-02-28");
        assertThat(ConventionYears.earliestEffect("MANQUEMENT", letter)).isEqualTo("2026-12-30");
    }
}
