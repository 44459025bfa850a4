package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.id;
import static fr.cdapgateway.admin.routes.AdminCalls.request;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.MaintenanceAdmin;
import fr.cdapgateway.admin.MaintenanceAdmin.Window;

/** {@code /api/v1/admin/maintenances}: adapters over {@link MaintenanceAdmin}. */
@Component("adminMaintenances")
public class MaintenanceRoutes {

    private final MaintenanceAdmin maintenances;
    private final AdminCalls calls;

    MaintenanceRoutes(MaintenanceAdmin maintenances, AdminCalls calls) {
        this.maintenances = maintenances;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, maintenances.list(caller(exchange)));
    }

    public void announce(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, maintenances.announce(caller, calls.body(exchange, Window.class,
                "{\"debut\":\"2026-12-01T20:00:00Z\",\"fin\":\"2026-12-01T23:00:00Z\",\"message\":\"...\"}"),
                request(exchange)));
    }

    public void cancel(Exchange exchange) {
        maintenances.cancel(caller(exchange), id(exchange, "maintenances"), request(exchange));
        calls.noContent(exchange);
    }
}
