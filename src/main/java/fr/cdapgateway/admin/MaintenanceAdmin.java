package fr.cdapgateway.admin;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.JsonBodies;
import fr.cdapgateway.ops.MaintenanceCalendar;

/** {@code /api/v1/admin/maintenances}: a CAF admin announces a planned maintenance window to every partner. */
@Component("adminMaintenances")
public class MaintenanceAdmin {

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
        Caller caller = Caller.of(exchange);
        caller.require(caller.cafAdmin(), "Les maintenances sont annoncées par la CAF.");
        answers.ok(exchange, calendar.upcoming());
    }

    public void announce(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        caller.require(caller.cafAdmin(), "Les maintenances sont annoncées par la CAF.");
        Window window = bodies.read(exchange, Window.class,
                "{\"debut\":\"2026-12-01T20:00:00Z\",\"fin\":\"2026-12-01T23:00:00Z\",\"message\":\"...\"}");
        ConventionAdmin.require(window.debut() != null && window.fin() != null && window.fin().isAfter(window.debut()),
                "debut et fin obligatoires (instants ISO 8601), fin après debut.");
        ConventionAdmin.require(window.fin().isAfter(clock.instant()), "Cette fenêtre est déjà passée.");
        String message = IdentityRules.optional(window.message(), 500, "message");
        ConventionAdmin.require(message != null, "message obligatoire : ce que les partenaires liront.");
        long id = calendar.announce(window.debut(), window.fin(), message, caller.login());
        history.record(caller.login(), null, HistoryLog.Kind.CONVENTION, "maintenance:" + id, "MAINTENANCE",
                window.debut() + " -> " + window.fin());
        GatewayRequest.of(exchange).objet("maintenance:" + id);
        Map<String, Object> announced = new java.util.LinkedHashMap<>();
        announced.put("id", id);
        announced.put("debut", window.debut());
        announced.put("fin", window.fin());
        announced.put("message", message);
        answers.answer(exchange, 201, announced);
    }
}
