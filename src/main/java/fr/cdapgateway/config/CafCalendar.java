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

    private final Clock clock;

    public CafCalendar(Clock clock, GatewayProperties properties) {
        this.clock = clock.withZone(properties.zone());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
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
