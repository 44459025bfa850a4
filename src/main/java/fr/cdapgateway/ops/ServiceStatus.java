package fr.cdapgateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.trace.TraceWriter;

/**
 * {@code GET /api/v1/statut}: the public truth about the service — planned maintenance (current and upcoming,
 * with the CAF each concerns), whether CDAP answers (the circuit breaker) and whether traces can be written
 * (without them nothing is served).
 */
@Component("serviceStatus")
public class ServiceStatus {

    private final MaintenanceCalendar maintenances;
    private final Clock clock;
    private final CircuitBreaker cdapCircuitBreaker;
    private final TraceWriter traces;

    ServiceStatus(MaintenanceCalendar maintenances, Clock clock, CircuitBreaker cdapCircuitBreaker,
                  TraceWriter traces) {
        this.maintenances = maintenances;
        this.clock = clock;
        this.cdapCircuitBreaker = cdapCircuitBreaker;
        this.traces = traces;
    }

    /**
     * During a planned maintenance window of the caller's CAF (or of every CAF), consultations answer 503
     * maintenance with Retry-After. Runs once the caller is authenticated: windows belong to a CAF.
     */
    public void refuseDuringMaintenance(GatewayRequest request) {
        Account account = request.account();
        Optional<Maintenance> window = maintenances.current(account == null ? null : account.caf());
        if (window.isPresent()) {
            long seconds = Math.max(1, window.get().remainingAt(clock.instant()).toSeconds());
            request.responseHeaders().put("Retry-After", Long.toString(seconds));
            throw new ProblemException(Problem.MAINTENANCE, window.get().message());
        }
    }

    /** What {@code GET /api/v1/statut} shows now: the web console previews it for the CAF. */
    public Map<String, Object> status() {
        Instant now = clock.instant();
        List<Maintenance> windows = maintenances.upcoming();
        boolean cdapUp = cdapCircuitBreaker.getState() != CircuitBreaker.State.OPEN
                && cdapCircuitBreaker.getState() != CircuitBreaker.State.FORCED_OPEN;
        boolean tracesUp = traces.healthy();
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("cdap", cdapUp ? "DISPONIBLE" : "INDISPONIBLE");
        components.put("tracabilite", tracesUp ? "DISPONIBLE" : "INDISPONIBLE");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("statut", !tracesUp || !cdapUp ? "INDISPONIBLE"
                : maintenances.anyCurrent() ? "MAINTENANCE" : "DISPONIBLE");
        status.put("horodatage", now);
        status.put("composants", components);
        status.put("maintenances", windows);
        return status;
    }
}
