package fr.cdapgateway.ops;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.GatewayProperties.Maintenance;

/**
 * {@code GET /api/v1/statut/maintenances.ics} (SPEC §14.6, public): the planned maintenance windows as an RFC 5545
 * calendar, so billing software and the agents' calendars subscribe to them; {@code ?caf=791} keeps one CAF's
 * windows (and those of every CAF). Lines end in CRLF and are folded at 75 octets; text is escaped.
 */
@Component("maintenanceCalendarFile")
public class MaintenanceIcs {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final MaintenanceCalendar calendar;
    private final Clock clock;

    MaintenanceIcs(MaintenanceCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * {@code GET /api/v1/maintenances.ics[?caf=791]}: the iCalendar of the planned windows, of every CAF or of one
     * ({@code cafs}: the query's values of {@code caf}, the first one counts).
     */
    public String calendarFor(List<String> cafs) {
        String caf = cafs.isEmpty() ? null : cafs.get(0);
        if (caf != null && !caf.matches("\\d{3}")) {
            throw new ProblemException(Problem.INVALID_REQUEST, "caf : le code à 3 chiffres d'une CAF (791).");
        }
        return document(caf);
    }

    String document(String caf) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//cdap-gateway//Maintenances programmees//FR");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "X-WR-CALNAME:" + text("Maintenances du service CDAP" + (caf == null ? "" : " (CAF " + caf + ")")));
        Instant stamp = clock.instant();
        for (Maintenance window : calendar.upcoming()) {
            if (caf != null && !window.concerns(caf)) {
                continue;
            }
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + uid(window) + "@cdap-gateway");
            line(ics, "DTSTAMP:" + UTC.format(stamp));
            line(ics, "DTSTART:" + UTC.format(window.debut()));
            line(ics, "DTEND:" + UTC.format(window.fin()));
            line(ics, "SUMMARY:" + text("Maintenance programmée du service CDAP"
                    + (window.caf() == null ? "" : " (CAF " + window.caf() + ")")));
            line(ics, "DESCRIPTION:" + text(window.message()));
            line(ics, "STATUS:CONFIRMED");
            line(ics, "TRANSP:OPAQUE");
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    private static String uid(Maintenance window) {
        return window.id() != null ? "maintenance-" + window.id()
                : "configuration-" + window.debut().getEpochSecond() + "-" + window.fin().getEpochSecond();
    }

    /** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** A content line, folded so that no line exceeds 75 octets (RFC 5545 §3.1), never inside a character. */
    static void line(StringBuilder ics, String content) {
        int octets = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                ics.append(current).append("\r\n ");
                current.setLength(0);
                octets = 1;
            }
            current.append(character);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append(current).append("\r\n");
    }
}
