package fr.cdapgateway.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.ops.MaintenanceCalendar;
import fr.cdapgateway.ops.MaintenanceNotices;

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

    /** A window as declared, with a warning when it leaves partners less notice than the house rule. */
    public record Announced(Long id, Instant debut, Instant fin, String message, String caf, String avertissement) {
    }

    private final MaintenanceCalendar calendar;
    private final MaintenanceNotices notices;
    private final TransactionTemplate transactions;
    private final HistoryLog history;
    private final java.time.Clock clock;
    private final Duration notice;

    MaintenanceAdmin(MaintenanceCalendar calendar, MaintenanceNotices notices, TransactionTemplate transactions,
                     AdminKit kit, @Value("${gateway.maintenance.notice:7d}") Duration notice) {
        this.calendar = calendar;
        this.notices = notices;
        this.transactions = transactions;
        this.history = kit.history();
        this.clock = kit.clock();
        this.notice = notice;
    }

    public List<Maintenance> list(Caller caller) {
        requireCafAdmin(caller);
        return calendar.upcoming().stream().filter(w -> w.concerns(caller.account().caf())).toList();
    }

    /**
     * Declares a window for the partners of the caller's CAF and mails them, in one transaction. A window closer
     * than {@code gateway.maintenance.notice} (7 days) is accepted with a warning: the seeds set no minimum.
     */
    public Announced announce(Caller caller, Window window, GatewayRequest request) {
        requireCafAdmin(caller);
        Instant now = clock.instant();
        ConventionAdmin.require(window.debut() != null && window.fin() != null && window.fin().isAfter(window.debut()),
                "Indiquez le début et la fin de la maintenance, la fin après le début (dans l'API : debut et fin, "
                        + "des instants ISO 8601).");
        ConventionAdmin.require(window.fin().isAfter(now), "Cette fenêtre est déjà passée : choisissez une fin à venir.");
        ConventionAdmin.require(Duration.between(window.debut(), window.fin()).compareTo(LONGEST) <= 0,
                "Une fenêtre de maintenance dure au plus " + LONGEST.toDays() + " jours ; annoncez-en plusieurs.");
        ConventionAdmin.require(window.debut().isBefore(now.plus(FURTHEST)),
                "Une maintenance s'annonce au plus un an à l'avance.");
        String message = IdentityRules.optional(window.message(), 500, "message");
        ConventionAdmin.require(message != null, "message obligatoire : ce que les partenaires liront.");
        String caf = caller.account().caf();
        long id = transactions.execute(status -> {
            long created = calendar.announce(caf, window.debut(), window.fin(), message, caller.login());
            history.record(caller.login(), null, HistoryLog.Kind.CONVENTION, "maintenance:" + created, "MAINTENANCE",
                    "CAF " + caf + " " + window.debut() + " -> " + window.fin());
            notices.tell(new Maintenance(created, window.debut(), window.fin(), message, caf),
                    MaintenanceNotices.Kind.ANNONCE);
            return created;
        });
        // once committed: a scheduled reload between the insert and the commit would have read the table without it
        calendar.reload();
        request.objet("maintenance:" + id);
        String warning = window.debut().isBefore(now.plus(notice))
                ? "Préavis de moins de " + notice.toDays() + " jours : les partenaires ont été prévenus par courriel, "
                        + "mais ce délai est court pour réorganiser leurs facturations."
                : null;
        return new Announced(id, window.debut(), window.fin(), message, caf, warning);
    }

    /** Cancels a window of the caller's CAF that has not ended; the announcement stays in the history. */
    public void cancel(Caller caller, long id, GatewayRequest request) {
        cancel(caller, id, null, request);
    }

    public void cancel(Caller caller, long id, String motif, GatewayRequest request) {
        requireCafAdmin(caller);
        request.objet("maintenance:" + id);
        String reason = Reasons.of(motif);
        Reasons.trace(request, reason);
        Maintenance window = calendar.upcoming().stream().filter(w -> Long.valueOf(id).equals(w.id())).findFirst()
                .orElseThrow(() -> AdminScope.notFound("Aucune maintenance à venir de votre CAF ne porte ce numéro."));
        transactions.executeWithoutResult(status -> {
            if (!calendar.cancel(id, caller.account().caf(), caller.login())) {
                throw AdminScope.notFound("Aucune maintenance à venir de votre CAF ne porte ce numéro.");
            }
            history.record(caller.login(), null, HistoryLog.Kind.CONVENTION, "maintenance:" + id,
                    "ANNULATION_MAINTENANCE", Reasons.detail(null, reason));
            notices.tell(window, MaintenanceNotices.Kind.ANNULATION);
        });
        calendar.reload();
    }

    private static void requireCafAdmin(Caller caller) {
        caller.require(caller.cafAdmin(), "Les maintenances sont annoncées par la CAF.");
    }
}
