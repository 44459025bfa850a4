package fr.cdapgateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.DemandeStore;
import fr.cdapgateway.admin.store.GroupStore.GroupRecord;
import fr.cdapgateway.admin.store.GroupStore;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** Groups whose habilitations apply to each member (counted per member). */
@Component
public class GroupAdmin extends AdminResource {

    public record GroupBody(String nom) {
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

    public List<GroupView> list(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        return groups.ofConvention(convention.numero()).stream().map(this::view).toList();
    }

    public GroupView read(Caller caller, long id, GatewayRequest request) {
        return view(visibleGroup(caller, id, request));
    }

    public GroupView create(Caller caller, String numero, GroupBody body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        String nom = IdentityRules.name(body.nom(), "nom");
        if (groups.nameTaken(convention.numero(), nom)) {
            throw new ProblemException(Problem.CONFLICT, "Un groupe porte déjà ce nom.");
        }
        long id = changes.apply(() -> {
            long created = groups.insert(convention.numero(), nom, caller.login(), clock.instant());
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.GROUPE, created, "CREATION", nom);
            return created;
        });
        request.objet("groupe:" + id);
        return view(groups.find(id).orElseThrow());
    }

    /**
     * PUT a member. Joining a group that holds habilitations grants them: in a CENTRALISE convention a partner
     * manager cannot grant, so the addition is filed as a request ({@code ADHESION}, 202) that a CAF admin decides.
     */
    public Outcome addMember(Caller caller, long groupId, String login, GatewayRequest request) {
        GroupRecord group = visibleGroup(caller, groupId, request);
        UserRecord user = member(login, group);
        // a technical account never consults: a group would give it the group's habilitations and count it in quotas
        ConventionAdmin.require("PERSONNE".equals(user.type()), "Un compte technique ne devient pas membre d'un "
                + "groupe : il ne reçoit aucune habilitation de consultation.");
        ConventionRecord convention = scope.convention(caller, group.convention(), request);
        if (convention.centralise() && !caller.cafAdmin()
                && !habilitations.openOfGroup(group.id(), calendar.today()).isEmpty()
                && !groups.members(group.id()).contains(user.login())) {
            long id = changes.apply(() -> {
                long filed = demandes.file(new DemandeStore.DemandeRecord(0, convention.numero(), "ADHESION",
                        user.login(), group.id(), null, null, null, null, null, "EN_ATTENTE", caller.login(), null,
                        null, null, null, null), clock.instant());
                history.record(caller.login(), convention.numero(), HistoryLog.Kind.DEMANDE, filed, "DEPOT",
                        "adhésion de " + user.login() + " au groupe " + group.id());
                return filed;
            });
            request.objet("demande:" + id);
            return Outcome.filed(DemandeAdmin.view(demandes.find(id).orElseThrow()));
        }
        granting.addMember(group, user, caller.login());
        return Outcome.done(view(group));
    }

    public GroupView removeMember(Caller caller, long groupId, String login, GatewayRequest request) {
        return removeMember(caller, groupId, login, null, request);
    }

    public GroupView removeMember(Caller caller, long groupId, String login, String motif,
                                            GatewayRequest request) {
        GroupRecord group = visibleGroup(caller, groupId, request);
        UserRecord user = member(login, group);
        String reason = Reasons.of(motif);
        Reasons.trace(request, reason);
        changes.apply(() -> {
            if (groups.removeMember(group.id(), user.id())) {
                history.record(caller.login(), group.convention(), HistoryLog.Kind.GROUPE, group.id(),
                        "RETRAIT_MEMBRE", Reasons.detail(user.login(), reason));
            }
            return null;
        });
        return view(group);
    }

    private GroupRecord visibleGroup(Caller caller, long id, GatewayRequest request) {
        GroupRecord group = groups.find(id).orElseThrow(() -> AdminScope.notFound("Groupe inconnu."));
        scope.convention(caller, group.convention(), request);
        request.objet("groupe:" + id);
        return group;
    }

    private UserRecord member(String login, GroupRecord group) {
        UserRecord user = login == null ? null : users.find(login)
                .filter(u -> group.convention().equals(u.convention())).orElse(null);
        if (user == null) {
            throw AdminScope.notFound("Utilisateur inconnu dans cette convention.");
        }
        ConventionAdmin.require(user.devalidatedAt() == null, "Ce compte est dévalidé.");
        return user;
    }

    private GroupView view(GroupRecord g) {
        return new GroupView(g.id(), g.convention(), g.nom(), groups.members(g.id()));
    }
}
