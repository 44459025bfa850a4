package fr.cdapgateway.admin;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.JsonBodies;
import fr.cdapgateway.api.RequestUri;
import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.ops.MaintenanceCalendar;

/**
 * {@code /api/v1/admin/maintenances}: a CAF admin announces a planned maintenance window to the partners of its
 * own CAF, lists them, and cancels one of its CAF's windows. Another CAF's window does not exist for it (404).
 */
@Component("adminMaintenances")
public class MaintenanceAdmin {

    /** Longest window one announcement may declare, and how far ahead it may be announced. */
    static final Duration LONGEST = Duration.ofDays(3);
    static final Duration FURTHEST = Duration.ofDays(366);

    record Window(Instant debut, Instant fin, String message) {
    }

    private final MaintenanceCalendar calendar;
    private final HistoryLog history;
    private final JsonBodies bodies;
    private final Answers answers;
    private final java.time.Clock clock;

    MaintenanceAdmin(MaintenanceCalendar calendar, AdminKit kit) {
        this.calendar = calendar;
        this.history = kit.history();
        this.bodies = kit.bodies();
        this.answers = kit.answers();
        this.clock = kit.clock();
    }

    public void list(Exchange exchange) {
        Caller caller = cafAdmin(exchange);
        answers.ok(exchange, calendar.upcoming().stream().filter(w -> w.concerns(caller.account().caf())).toList());
    }

    public void announce(Exchange exchange) {
        Caller caller = cafAdmin(exchange);
        Window window = bodies.read(exchange, Window.class,
                "{\"debut\":\"2026-12-01T20:00:00Z\",\"fin\":\"2026-12-01T23:00:00Z\",\"message\":\"...\"}");
        Instant now = clock.instant();
        ConventionAdmin.require(window.debut() != null && window.fin() != null && window.fin().isAfter(window.debut()),
                "debut et fin obligatoires (instants ISO 8601), fin après debut.");
        ConventionAdmin.require(window.fin().isAfter(now), "Cette fenêtre est déjà passée.");
        ConventionAdmin.require(Duration.between(window.debut(), window.fin()).compareTo(LONGEST) <= 0,
                "Une fenêtre de maintenance dure au plus " + LONGEST.toDays() + " jours ; annoncez-en plusieurs.");
        ConventionAdmin.require(window.debut().isBefore(now.plus(FURTHEST)),
                "Une maintenance s'annonce au plus un an à l'avance.");
        String message = IdentityRules.optional(window.message(), 500, "message");
        ConventionAdmin.require(message != null, "message obligatoire : ce que les partenaires liront.");
        String caf = caller.account().caf();
        long id = calendar.announce(caf, window.debut(), window.fin(), message, caller.login());
        history.record(caller.login(), null, HistoryLog.Kind.CONVENTION, "maintenance:" + id, "MAINTENANCE",
                "CAF " + caf + " " + window.debut() + " -> " + window.fin());
        GatewayRequest.of(exchange).objet("maintenance:" + id);
        answers.answer(exchange, 201, new Maintenance(id, window.debut(), window.fin(), message, caf));
    }

    /** DELETE: cancels a window of the caller's CAF that has not ended; the announcement stays in the history. */
    public void cancel(Exchange exchange) {
        Caller caller = cafAdmin(exchange);
        long id = AdminIds.of(RequestUri.of(exchange).segmentAfter("maintenances"));
        GatewayRequest.of(exchange).objet("maintenance:" + id);
        if (!calendar.cancel(id, caller.account().caf(), caller.login())) {
            throw AdminScope.notFound("Aucune maintenance à venir de votre CAF ne porte ce numéro.");
        }
        history.record(caller.login(), null, HistoryLog.Kind.CONVENTION, "maintenance:" + id, "ANNULATION_MAINTENANCE",
                null);
        answers.answer(exchange, 204, null);
    }

    private static Caller cafAdmin(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        caller.require(caller.cafAdmin(), "Les maintenances sont annoncées par la CAF.");
        return caller;
    }
}
