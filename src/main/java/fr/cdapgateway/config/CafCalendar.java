package fr.cdapgateway.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

/**
 * Today as the CAF counts days (its time zone, {@code gateway.zone}), from the one injected clock: periods,
 * habilitation dates and RSA rights all agree on what "today" is, and tests move the clock instead of sleeping.
 */
@Component
public class CafCalendar {

    /** A day of the CAF's calendar and the instants it spans, [start, end) in epoch milliseconds. */
    private record Day(LocalDate date, long start, long end) {
    }

    private final Clock clock;
    /** The last day asked for: several rules ask "today" on every request, and a day lasts 86,400,000 ms. */
    private volatile Day last;

    public CafCalendar(Clock clock, GatewayProperties properties) {
        this.clock = clock.withZone(properties.zone());
    }

    public LocalDate today() {
        long now = clock.millis();
        Day day = last;
        if (day == null || now < day.start() || now >= day.end()) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(now), clock.getZone());
            day = new Day(date, date.atStartOfDay(clock.getZone()).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(clock.getZone()).toInstant().toEpochMilli());
            last = day;
        }
        return day.date();
    }

    /** The CAF's day of an instant. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }

    /** The CAF's time zone. */
    public java.time.ZoneId zone() {
        return clock.getZone();
    }

    public Instant now() {
        return clock.instant();
    }
}
