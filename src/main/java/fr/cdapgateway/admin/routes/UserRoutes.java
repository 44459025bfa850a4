package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.UserAdmin;
import fr.cdapgateway.admin.UserAdmin.CreateUser;
import fr.cdapgateway.admin.UserAdmin.PasswordReset;
import fr.cdapgateway.admin.UserAdmin.UpdateUser;

/** {@code /api/v1/admin/.../utilisateurs} and {@code /cafs/{caf}/administrateurs}: adapters over {@link UserAdmin}. */
@Component("adminUsers")
public class UserRoutes {

    private static final String EXPECTED = "{\"login\",\"nom\",\"prenom\",\"email\",\"fonction\",\"type\",\"role\","
            + "\"numeroInstructeur\",\"motDePasseInitial\"}";

    private final UserAdmin users;
    private final AdminCalls calls;

    UserRoutes(UserAdmin users, AdminCalls calls) {
        this.users = users;
        this.calls = calls;
    }

    public void list(Exchange exchange) {
        calls.ok(exchange, users.list(caller(exchange), segment(exchange, "conventions"), request(exchange)));
    }

    public void read(Exchange exchange) {
        calls.ok(exchange, users.read(caller(exchange), segment(exchange, "utilisateurs"), request(exchange)));
    }

    public void create(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, users.create(caller, segment(exchange, "conventions"),
                calls.body(exchange, CreateUser.class, EXPECTED), request(exchange)));
    }

    public void listCafAdministrators(Exchange exchange) {
        calls.ok(exchange, users.listCafAdministrators(caller(exchange), segment(exchange, "cafs")));
    }

    public void createCafAdministrator(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, users.createCafAdministrator(caller, segment(exchange, "cafs"),
                calls.body(exchange, CreateUser.class, EXPECTED), request(exchange)));
    }

    public void update(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, users.update(caller, segment(exchange, "utilisateurs"), calls.body(exchange,
                UpdateUser.class, "{\"nom\",\"prenom\",\"email\",\"fonction\",\"role\",\"numeroInstructeur\"} "
                        + "(au moins un)"), request(exchange)));
    }

    public void devalidate(Exchange exchange) {
        users.devalidate(caller(exchange), segment(exchange, "utilisateurs"), request(exchange));
        calls.noContent(exchange);
    }

    public void suspend(Exchange exchange) {
        calls.ok(exchange, users.suspension(caller(exchange), segment(exchange, "utilisateurs"), true,
                request(exchange)));
    }

    public void reinstate(Exchange exchange) {
        calls.ok(exchange, users.suspension(caller(exchange), segment(exchange, "utilisateurs"), false,
                request(exchange)));
    }

    public void unlock(Exchange exchange) {
        calls.ok(exchange, users.unlock(caller(exchange), segment(exchange, "utilisateurs"), request(exchange)));
    }

    public void resetPassword(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, users.resetPassword(caller, segment(exchange, "utilisateurs"),
                calls.optionalBody(exchange, PasswordReset.class, "{\"motDePasseInitial\"}"), request(exchange)));
    }

    public void resendActivation(Exchange exchange) {
        calls.ok(exchange, users.resendActivation(caller(exchange), segment(exchange, "utilisateurs"),
                request(exchange)));
    }

    public void history(Exchange exchange) {
        calls.ok(exchange, users.history(caller(exchange), segment(exchange, "utilisateurs"), request(exchange)));
    }
}
