package fr.cdapgateway.admin;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.ConventionStore;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Finds the objects an admin call names, within the caller's scope. Outside it an object does not exist: 404,
 * never 403, so another convention's accounts and habilitations do not leak (SPEC §8).
 */
@Component
class AdminScope {

    private final ConventionStore conventions;
    private final UserStore users;

    AdminScope(ConventionStore conventions, UserStore users) {
        this.conventions = conventions;
        this.users = users;
    }

    /** The convention named {@code numero}, recorded in the request's trace. */
    ConventionRecord convention(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = numero == null ? null : conventions.find(numero)
                .filter(c -> caller.sees(c.numero(), c.caf())).orElse(null);
        if (convention == null) {
            throw notFound("Convention inconnue.");
        }
        request.convention(convention.numero());
        return convention;
    }

    /** The account named {@code login}, recorded in the request's trace. */
    UserRecord user(Caller caller, String login, GatewayRequest request) {
        UserRecord user = login == null ? null : users.find(login).filter(u -> sees(caller, u)).orElse(null);
        if (user == null) {
            throw notFound("Utilisateur inconnu.");
        }
        request.convention(user.convention());
        request.objet("utilisateur:" + user.login());
        return user;
    }

    boolean sees(Caller caller, UserRecord user) {
        if (caller.cafAdmin()) {
            return caller.account().caf().equals(user.caf());
        }
        return user.convention() != null && user.convention().equals(caller.account().convention());
    }

    /**
     * Whether the caller may change this account: the CAF admin in its CAF (another CAF admin of the same CAF
     * included), or a manager ranked above it; never the caller's own account.
     */
    void requireManageable(Caller caller, UserRecord user) {
        caller.require(!user.login().equals(caller.login()),
                "Personne ne gère son propre compte : demandez-le à un autre administrateur.");
        if (caller.cafAdmin()) {
            return;
        }
        caller.require(caller.role().outranks(Role.of(user.role())),
                "Vous ne pouvez gérer que des comptes de rang inférieur au vôtre.");
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.NOT_FOUND, detail);
    }
}
