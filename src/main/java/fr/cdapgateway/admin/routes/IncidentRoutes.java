package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.IncidentAdmin;

/** {@code /api/v1/admin/incidents}: adapters over {@link IncidentAdmin}. */
@Component("adminIncidents")
public class IncidentRoutes {

    private final IncidentAdmin incidents;
    private final AdminCalls calls;

    IncidentRoutes(IncidentAdmin incidents, AdminCalls calls) {
        this.incidents = incidents;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, incidents.list(caller(exchange)));
    }

    public void declare(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, incidents.declare(caller, calls.body(exchange, IncidentAdmin.Declaration.class,
                "{\"convention\":\"...\",\"nature\":\"DYSFONCTIONNEMENT\"|\"SECURITE\",\"description\":\"...\","
                        + "\"requestIds\":[...]}"), request(exchange)));
    }

    public void close(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, incidents.close(caller, AdminCalls.id(exchange, "incidents"),
                calls.optionalBody(exchange, IncidentAdmin.Closing.class, "{\"conclusion\":\"...\"} ou rien"),
                request(exchange)));
    }
}
