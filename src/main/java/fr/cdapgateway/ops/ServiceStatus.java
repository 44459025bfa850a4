package fr.cdapgateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.GatewayProperties.Maintenance;

/** {@code GET /api/v1/statut}: public service status and the current and upcoming planned maintenance. */
@Component("serviceStatus")
public class ServiceStatus {

    private final MaintenanceCalendar maintenances;
    private final Answers answers;
    private final Clock clock;

    ServiceStatus(MaintenanceCalendar maintenances, Answers answers, Clock clock) {
        this.maintenances = maintenances;
        this.answers = answers;
        this.clock = clock;
    }

    /** During a planned maintenance window, consultations answer 503 maintenance with Retry-After. */
    public void refuseDuringMaintenance(Exchange exchange) {
        Optional<Maintenance> window = maintenances.current();
        if (window.isPresent()) {
            long seconds = Math.max(1, window.get().remainingAt(clock.instant()).toSeconds());
            GatewayRequest.of(exchange).responseHeaders().put("Retry-After", Long.toString(seconds));
            throw new ProblemException(Problem.MAINTENANCE, window.get().message());
        }
    }

    public void describe(Exchange exchange) {
        Instant now = clock.instant();
        List<Maintenance> windows = maintenances.upcoming();
        boolean inMaintenance = maintenances.current().isPresent();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("statut", inMaintenance ? "MAINTENANCE" : "DISPONIBLE");
        status.put("horodatage", now);
        status.put("maintenances", windows);
        answers.ok(exchange, status);
    }
}
