package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.ConventionAdmin;
import fr.cdapgateway.admin.ConventionAdmin.ConventionBody;
import fr.cdapgateway.admin.ConventionAdmin.ConventionPatch;

/** {@code /api/v1/admin/conventions}: adapters over {@link ConventionAdmin}. */
@Component("adminConventions")
public class ConventionRoutes {

    private static final String EXPECTED = "{\"numero\",\"caf\",\"partenaire\":{\"nom\",\"siret\"},\"mode\","
            + "\"services\":{\"CDAP\":{\"T2\":10}},\"motifs\":[...]}";

    private final ConventionAdmin conventions;
    private final AdminCalls calls;

    ConventionRoutes(ConventionAdmin conventions, AdminCalls calls) {
        this.conventions = conventions;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, conventions.list(caller(exchange)));
    }

    public void read(Exchange exchange) {
        calls.ok(exchange, conventions.read(caller(exchange), segment(exchange, "conventions"), request(exchange)));
    }

    public void create(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, conventions.create(caller, calls.body(exchange, ConventionBody.class, EXPECTED),
                request(exchange)));
    }

    public void update(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, conventions.update(caller, segment(exchange, "conventions"), calls.body(exchange,
                ConventionPatch.class, "{\"mode\",\"services\",\"motifs\",\"dateFin\"} (au moins un)"),
                request(exchange)));
    }
}
