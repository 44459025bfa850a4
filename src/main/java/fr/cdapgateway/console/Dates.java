package fr.cdapgateway.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import org.springframework.stereotype.Component;

import fr.cdapgateway.config.CafCalendar;

/** Dates and times as the pages show them: French day first, in the CAF's time zone ({@code ${@dates...}}). */
@Component("dates")
class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

    private final CafCalendar calendar;

    Dates(CafCalendar calendar) {
        this.calendar = calendar;
    }

    /** A day typed in a form ({@code AAAA-MM-JJ}, what a date field posts), or a refusal naming the field. */
    static LocalDate parse(String value, String field) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new fr.cdapgateway.api.ProblemException(fr.cdapgateway.api.Problem.INVALID_REQUEST,
                    field + " : une date (AAAA-MM-JJ).");
        }
    }

    /** A day, an instant or a date-time, or "—" when there is none. */
    public String show(Object value) {
        if (value instanceof Instant instant) {
            return MOMENT.format(instant.atZone(calendar.zone()));
        }
        if (value instanceof java.sql.Date day) {
            return show(day.toLocalDate());
        }
        if (value instanceof java.util.Date date) {
            return show(date.toInstant());
        }
        if (value instanceof java.time.OffsetDateTime moment) {
            return show(moment.toInstant());
        }
        if (value instanceof LocalDate day) {
            return DAY.format(day);
        }
        if (value instanceof TemporalAccessor other) {
            return MOMENT.format(other);
        }
        return value == null ? "—" : value.toString();
    }
}
