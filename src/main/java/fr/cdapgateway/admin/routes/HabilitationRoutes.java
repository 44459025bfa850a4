package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.id;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.HabilitationAdmin;
import fr.cdapgateway.admin.HabilitationAdmin.GrantBody;

/** {@code /api/v1/admin/.../habilitations}: adapters over {@link HabilitationAdmin}. */
@Component("adminHabilitations")
public class HabilitationRoutes {

    private static final String EXPECTED = "{\"utilisateur\": login | \"groupe\": id, \"service\":\"CDAP\","
            + "\"profil\":\"T2\",\"dateDebut\",\"dateFin\"}";

    private final HabilitationAdmin habilitations;
    private final AdminCalls calls;

    HabilitationRoutes(HabilitationAdmin habilitations, AdminCalls calls) {
        this.habilitations = habilitations;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, habilitations.list(caller(exchange), segment(exchange, "conventions"), request(exchange)));
    }

    public void grant(Exchange exchange) {
        var caller = caller(exchange);
        calls.outcome(exchange, habilitations.grant(caller, segment(exchange, "conventions"),
                calls.body(exchange, GrantBody.class, EXPECTED), request(exchange)), 201);
    }

    public void end(Exchange exchange) {
        calls.outcome(exchange, habilitations.end(caller(exchange), id(exchange, "habilitations"), request(exchange)),
                204);
    }

    public void suspend(Exchange exchange) {
        calls.ok(exchange, habilitations.suspension(caller(exchange), id(exchange, "habilitations"), true,
                request(exchange)));
    }

    public void reinstate(Exchange exchange) {
        calls.ok(exchange, habilitations.suspension(caller(exchange), id(exchange, "habilitations"), false,
                request(exchange)));
    }
}
