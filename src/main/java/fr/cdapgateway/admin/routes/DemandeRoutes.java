package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.id;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.DemandeAdmin;
import fr.cdapgateway.admin.DemandeAdmin.Decision;

/** Requests of CENTRALISE conventions: adapters over {@link DemandeAdmin}. */
@Component("adminDemandes")
public class DemandeRoutes {

    private final DemandeAdmin demandes;
    private final AdminCalls calls;

    DemandeRoutes(DemandeAdmin demandes, AdminCalls calls) {
        this.demandes = demandes;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, demandes.list(caller(exchange), segment(exchange, "conventions"), request(exchange)));
    }

    public void decide(Exchange exchange) {
        var caller = caller(exchange);
        long id = id(exchange, "demandes");
        calls.ok(exchange, demandes.decide(caller, id, calls.body(exchange, Decision.class,
                "{\"decision\":\"ACCEPTEE\"|\"REFUSEE\",\"motif\"}"), request(exchange)));
    }
}
