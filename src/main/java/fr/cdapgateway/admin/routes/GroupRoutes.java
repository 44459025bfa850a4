package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.id;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.GroupAdmin;
import fr.cdapgateway.admin.GroupAdmin.GroupBody;

/** {@code /api/v1/admin/.../groupes}: adapters over {@link GroupAdmin}. */
@Component("adminGroups")
public class GroupRoutes {

    private final GroupAdmin groups;
    private final AdminCalls calls;

    GroupRoutes(GroupAdmin groups, AdminCalls calls) {
        this.groups = groups;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, groups.list(caller(exchange), segment(exchange, "conventions"), request(exchange)));
    }

    public void create(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, groups.create(caller, segment(exchange, "conventions"),
                calls.body(exchange, GroupBody.class, "{\"nom\"}"), request(exchange)));
    }

    public void addMember(Exchange exchange) {
        calls.outcome(exchange, groups.addMember(caller(exchange), id(exchange, "groupes"),
                segment(exchange, "membres"), request(exchange)), 200);
    }

    public void removeMember(Exchange exchange) {
        calls.ok(exchange, groups.removeMember(caller(exchange), id(exchange, "groupes"), segment(exchange, "membres"),
                request(exchange)));
    }
}
