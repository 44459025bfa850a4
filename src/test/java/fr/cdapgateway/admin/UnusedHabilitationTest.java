package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class UnusedHabilitationTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void anHabilitationGrantedTodayIsNotUnused() {
        assertThat(UnusedHabilitation.unused(NOW.minusSeconds(60), LocalDate.of(2026, 12, 7), null, NOW, PARIS))
                .isFalse();
    }

    @Test
    void anHabilitationGrantedLongAgoButStartingRecentlyIsNotUnused() {
        assertThat(UnusedHabilitation.unused(NOW.minus(Duration.ofDays(400)), LocalDate.of(2026, 11, 1), null, NOW,
                PARIS)).isFalse();
    }

    @Test
    void anHabilitationNeverUsedSinceItWasGrantedNinetyDaysAgoIsUnused() {
        assertThat(UnusedHabilitation.unused(NOW.minus(Duration.ofDays(91)), LocalDate.of(2026, 9, 1), null, NOW,
                PARIS)).isTrue();
    }

    @Test
    void aRecentUseKeepsAnOldHabilitationInUse() {
        Instant old = NOW.minus(Duration.ofDays(500));
        assertThat(UnusedHabilitation.unused(old, LocalDate.of(2025, 1, 1), NOW.minus(Duration.ofDays(89)), NOW,
                PARIS)).isFalse();
        assertThat(UnusedHabilitation.unused(old, LocalDate.of(2025, 1, 1), NOW.minus(Duration.ofDays(90)), NOW,
                PARIS)).as("ninety days to the minute").isTrue();
    }

    @Test
    void theCountStartsFromTheLatestOfTheThree() {
        Instant granted = NOW.minus(Duration.ofDays(200));
        Instant used = NOW.minus(Duration.ofDays(100));
        assertThat(UnusedHabilitation.since(granted, LocalDate.of(2026, 10, 1), used, PARIS))
                .isEqualTo(LocalDate.of(2026, 10, 1).atStartOfDay(PARIS).toInstant());
        assertThat(UnusedHabilitation.since(granted, LocalDate.of(2026, 1, 1), used, PARIS)).isEqualTo(used);
    }
}
