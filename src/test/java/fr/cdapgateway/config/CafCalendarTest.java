package fr.cdapgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.support.MutableClock;

class CafCalendarTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T22:59:59.999Z"));
    private final CafCalendar calendar = new CafCalendar(clock, new GatewayProperties(true, ZoneId.of("Europe/Paris"),
            new GatewayProperties.Api("127.0.0.1", 8080, List.of()), List.of()));

    @Test
    void todayChangesAtMidnightInTheCafsTimeZoneNotInUtc() {
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 12, 7));
        clock.set(Instant.parse("2026-12-07T23:00:00Z")); // midnight in Paris (UTC+1 in winter)
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 12, 8));
        clock.set(Instant.parse("2026-12-08T22:59:59.999Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 12, 8));
    }

    @Test
    void aClockMovedBackGivesTheEarlierDay() {
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 12, 7));
        clock.set(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 9, 1));
        clock.set(Instant.parse("2026-12-07T23:30:00Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 12, 8));
    }

    @Test
    void theDaysAroundTheClockChangesHaveTheirOwnLengths() {
        // 29 March 2026: 23 hours in Paris (02:00 -> 03:00); midnight is 23:00 UTC before, 22:00 UTC after
        clock.set(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 3, 29));
        clock.set(Instant.parse("2026-03-29T21:59:59.999Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 3, 29));
        clock.set(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 3, 30));
        // 25 October 2026: 25 hours (03:00 -> 02:00); midnight is 22:00 UTC before, 23:00 UTC after
        clock.set(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 10, 25));
        clock.set(Instant.parse("2026-10-25T22:59:59.999Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 10, 25));
        clock.set(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 10, 26));
    }

    @Test
    void theDayOfAnInstantIsInTheCafsTimeZone() {
        assertThat(calendar.dayOf(Instant.parse("2026-07-14T22:30:00Z"))).isEqualTo(LocalDate.of(2026, 7, 15));
    }
}
