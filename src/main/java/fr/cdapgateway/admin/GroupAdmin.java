package fr.cdapgateway.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.GroupStore.GroupRecord;
import fr.cdapgateway.admin.UserStore.UserRecord;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.RequestUri;

/** {@code /api/v1/admin/.../groupes}: groups whose habilitations apply to each member (counted per member). */
@Component("adminGroups")
public class GroupAdmin extends AdminResource {

    record GroupBody(String nom) {
    }

    private final GroupStore groups;
    private final UserStore users;
    private final Granting granting;
    private final HabilitationStore habilitations;
    private final DemandeStore demandes;

    GroupAdmin(GroupStore groups, UserStore users, Granting granting, HabilitationStore habilitations,
               DemandeStore demandes, AdminKit kit) {
        super(kit);
        this.groups = groups;
        this.users = users;
        this.granting = granting;
        this.habilitations = habilitations;
        this.demandes = demandes;
    }

    public void list(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        ConventionRecord convention = scope.convention(exchange, caller);
        answers.ok(exchange, groups.ofConvention(convention.numero()).stream().map(this::view).toList());
    }

    public void create(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        ConventionRecord convention = scope.convention(exchange, caller);
        String nom = IdentityRules.name(bodies.read(exchange, GroupBody.class, "{\"nom\"}").nom(), "nom");
        if (groups.nameTaken(convention.numero(), nom)) {
            throw new ProblemException(Problem.CONFLICT, "Un groupe porte déjà ce nom.");
        }
        long id = changes.apply(() -> {
            long created = groups.insert(convention.numero(), nom, caller.login(), clock.instant());
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.GROUPE, created, "CREATION", nom);
            return created;
        });
        GatewayRequest.of(exchange).objet("groupe:" + id);
        answers.answer(exchange, 201, view(groups.find(id).orElseThrow()));
    }

    /**
     * PUT a member. Joining a group that holds habilitations grants them: in a CENTRALISE convention a partner
     * manager cannot grant, so the addition is filed as a request ({@code ADHESION}, 202) that a CAF admin decides.
     */
    public void addMember(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        GroupRecord group = visibleGroup(exchange, caller);
        UserRecord user = member(exchange, group);
        ConventionRecord convention = scope.convention(exchange, caller, group.convention());
        if (convention.centralise() && !caller.cafAdmin()
                && !habilitations.openOfGroup(group.id(), calendar.today()).isEmpty()
                && !groups.members(group.id()).contains(user.login())) {
            long id = changes.apply(() -> {
                long filed = demandes.file(new DemandeStore.DemandeRecord(0, convention.numero(), "ADHESION",
                        user.login(), group.id(), null, null, null, null, null, "EN_ATTENTE", caller.login(), null,
                        null, null, null), clock.instant());
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.DEMANDE, filed, "DEPOT",
                        "adhésion de " + user.login() + " au groupe " + group.id());
                return filed;
            });
            GatewayRequest.of(exchange).objet("demande:" + id);
            answers.answer(exchange, 202, Map.of("demande", DemandeAdmin.view(demandes.find(id).orElseThrow())));
            return;
        }
        granting.addMember(group, user, caller.login());
        answers.ok(exchange, view(group));
    }

    public void removeMember(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        GroupRecord group = visibleGroup(exchange, caller);
        UserRecord user = member(exchange, group);
        changes.apply(() -> {
            if (groups.removeMember(group.id(), user.id())) {
                history.record(caller.login(), group.convention(), HistoryLog.Kind.GROUPE, group.id(),
                        "RETRAIT_MEMBRE", user.login());
            }
            return null;
        });
        answers.ok(exchange, view(group));
    }

    private GroupRecord visibleGroup(Exchange exchange, Caller caller) {
        long id = AdminIds.of(RequestUri.of(exchange).segmentAfter("groupes"));
        GroupRecord group = groups.find(id).orElseThrow(() -> AdminScope.notFound("Groupe inconnu."));
        scope.convention(exchange, caller, group.convention());
        GatewayRequest.of(exchange).objet("groupe:" + id);
        return group;
    }

    private UserRecord member(Exchange exchange, GroupRecord group) {
        String login = RequestUri.of(exchange).segmentAfter("membres");
        UserRecord user = login == null ? null : users.find(login)
                .filter(u -> group.convention().equals(u.convention())).orElse(null);
        if (user == null) {
            throw AdminScope.notFound("Utilisateur inconnu dans cette convention.");
        }
        ConventionAdmin.require(user.devalidatedAt() == null, "Ce compte est dévalidé.");
        return user;
    }

    private Map<String, Object> view(GroupRecord g) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", g.id());
        view.put("convention", g.convention());
        view.put("nom", g.nom());
        view.put("membres", groups.members(g.id()));
        return view;
    }
}
