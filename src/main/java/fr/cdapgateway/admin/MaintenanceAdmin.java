package fr.cdapgateway.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.ops.MaintenanceCalendar;

/**
 * Planned maintenance: a CAF admin announces a planned maintenance window to the partners of its
 * own CAF, lists them, and cancels one of its CAF's windows. Another CAF's window does not exist for it (404).
 */
@Component
public class MaintenanceAdmin {

    /** Longest window one announcement may declare, and how far ahead it may be announced. */
    static final Duration LONGEST = Duration.ofDays(3);
    static final Duration FURTHEST = Duration.ofDays(366);

    public record Window(Instant debut, Instant fin, String message) {
    }

    private final MaintenanceCalendar calendar;
    private final HistoryLog history;
    private final java.time.Clock clock;

    MaintenanceAdmin(MaintenanceCalendar calendar, AdminKit kit) {
        this.calendar = calendar;
        this.history = kit.history();
        this.clock = kit.clock();
    }

    public List<Maintenance> list(Caller caller) {
        requireCafAdmin(caller);
        return calendar.upcoming().stream().filter(w -> w.concerns(caller.account().caf())).toList();
    }

    public Maintenance announce(Caller caller, Window window, GatewayRequest request) {
        requireCafAdmin(caller);
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
        request.objet("maintenance:" + id);
        return new Maintenance(id, window.debut(), window.fin(), message, caf);
    }

    /** Cancels a window of the caller's CAF that has not ended; the announcement stays in the history. */
    public void cancel(Caller caller, long id, GatewayRequest request) {
        requireCafAdmin(caller);
        request.objet("maintenance:" + id);
        if (!calendar.cancel(id, caller.account().caf(), caller.login())) {
            throw AdminScope.notFound("Aucune maintenance à venir de votre CAF ne porte ce numéro.");
        }
        history.record(caller.login(), null, HistoryLog.Kind.CONVENTION, "maintenance:" + id, "ANNULATION_MAINTENANCE",
                null);
    }

    private static void requireCafAdmin(Caller caller) {
        caller.require(caller.cafAdmin(), "Les maintenances sont annoncées par la CAF.");
    }
}
