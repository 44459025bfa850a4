package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.id;
import static fr.cdapgateway.admin.routes.AdminCalls.request;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.AlertAdmin;
import fr.cdapgateway.admin.MailAdmin;
import fr.cdapgateway.edge.RequestUri;

/** {@code /api/v1/admin/alertes} and {@code /api/v1/admin/courriels}: adapters over {@link AlertAdmin}, {@link MailAdmin}. */
@Component("adminAlerts")
public class AlertRoutes {

    private final AlertAdmin alerts;
    private final MailAdmin mails;
    private final AdminCalls calls;

    AlertRoutes(AlertAdmin alerts, MailAdmin mails, AdminCalls calls) {
        this.alerts = alerts;
        this.mails = mails;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, alerts.list(caller(exchange), query(exchange, "type"), query(exchange, "statut")));
    }

    public void conclude(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, alerts.conclude(caller, id(exchange, "alertes"), calls.body(exchange, AlertAdmin.Body.class,
                "{\"conclusion\":\"FAUX_POSITIF\",\"commentaire\":\"...\"}"), request(exchange)));
    }

    public void mails(Exchange exchange) {
        calls.ok(exchange, mails.list(caller(exchange), query(exchange, "statut")));
    }

    private static String query(Exchange exchange, String name) {
        var values = RequestUri.of(exchange).queryValues(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
