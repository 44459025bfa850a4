package fr.cdapgateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.DemandeStore.DemandeRecord;
import fr.cdapgateway.admin.store.DemandeStore;
import fr.cdapgateway.admin.store.GroupStore;
import fr.cdapgateway.admin.store.HabilitationStore.Grant;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** Requests of CENTRALISE conventions: the partner's managers read theirs, a CAF admin accepts or refuses. */
@Component
public class DemandeAdmin extends AdminResource {

    public record Decision(String decision, String motif) {
    }

    private final DemandeStore demandes;
    private final HabilitationStore habilitations;
    private final UserStore users;
    private final GroupStore groups;
    private final Granting granting;
    private final ContactAdmin contacts;
    private final AdministratorChange administrators;

    DemandeAdmin(DemandeStore demandes, HabilitationStore habilitations, UserStore users, GroupStore groups,
                 Granting granting, ContactAdmin contacts, AdministratorChange administrators, AdminKit kit) {
        super(kit);
        this.administrators = administrators;
        this.contacts = contacts;
        this.demandes = demandes;
        this.habilitations = habilitations;
        this.users = users;
        this.groups = groups;
        this.granting = granting;
    }

    public List<DemandeView> list(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        return demandes.ofConvention(convention.numero()).stream().map(this::named).toList();
    }

    /** The pending requests of every convention of the caller's CAF, oldest first: what the CAF has to decide. */
    public List<DemandeView> pendingOfCaf(Caller caller) {
        caller.require(caller.cafAdmin(), "Seule la CAF décide des demandes d'habilitation.");
        return demandes.pendingOfCaf(caller.account().caf()).stream().map(this::named).toList();
    }

    /** The view with the group's name: people read groups by name. */
    private DemandeView named(DemandeRecord d) {
        return view(d).named(d.groupeId() == null ? null
                : groups.find(d.groupeId()).map(GroupStore.GroupRecord::nom).orElse(null));
    }

    public DemandeView decide(Caller caller, long id, Decision decision, GatewayRequest request) {
        DemandeRecord demande = demandes.find(id).orElseThrow(() -> AdminScope.notFound("Demande inconnue."));
        scope.convention(caller, demande.convention(), request);
        request.objet("demande:" + id);
        caller.require(caller.cafAdmin(), "Seule la CAF décide des demandes d'habilitation.");
        ConventionAdmin.require("ACCEPTEE".equals(decision.decision()) || "REFUSEE".equals(decision.decision()),
                "decision : ACCEPTEE ou REFUSEE");
        if (!"EN_ATTENTE".equals(demande.statut())) {
            throw new ProblemException(Problem.CONFLICT, "Cette demande a déjà été " + demande.statut().toLowerCase()
                    + ".");
        }
        changes.apply(() -> {
            Long habilitationId = "ACCEPTEE".equals(decision.decision()) ? apply(demande, caller) : null;
            if (!demandes.decide(id, decision.decision(), caller.login(), decision.motif(), habilitationId,
                    clock.instant())) {
                throw new ProblemException(Problem.CONFLICT, "Cette demande vient d'être décidée par ailleurs.");
            }
            history.record(caller.login(), demande.convention(), HistoryLog.Kind.DEMANDE, id, decision.decision(),
                    decision.motif());
            return null;
        });
        return view(demandes.find(id).orElseThrow());
    }

    private Long apply(DemandeRecord demande, Caller caller) {
        String reason = "demande " + demande.id() + " de " + demande.demandeePar();
        if ("INTERLOCUTEURS".equals(demande.nature())) {
            contacts.apply(demande, caller);
            return null;
        }
        if (AdministratorChange.CHANGE.equals(demande.nature()) || AdministratorChange.DEPARTURE.equals(demande.nature())) {
            administrators.apply(demande, caller);
            return null;
        }
        if ("RETRAIT".equals(demande.nature())) {
            habilitations.find(demande.habilitationId()).filter(h -> !h.ended())
                    .ifPresent(h -> granting.end(h, caller.login(), reason));
            return demande.habilitationId();
        }
        Long userId = null;
        UserRecord user = null;
        if (demande.utilisateur() != null) {
            user = users.find(demande.utilisateur()).filter(u -> u.devalidatedAt() == null)
                    .orElseThrow(() -> new ProblemException(Problem.CONFLICT, "Le compte visé a été dévalidé."));
            userId = user.id();
        }
        if ("ADHESION".equals(demande.nature())) {
            GroupStore.GroupRecord group = groups.find(demande.groupeId())
                    .orElseThrow(() -> new ProblemException(Problem.CONFLICT, "Le groupe visé n'existe plus."));
            // the quotas of the group's habilitations are checked for the new member, as for a direct addition
            granting.addMember(group, user, caller.login());
            return null;
        }
        return granting.grant(new Grant(demande.convention(), userId, demande.groupeId(), demande.service(),
                demande.profil(), demande.dateDebut(), demande.dateFin()), caller.login(), reason);
    }

    static DemandeView view(DemandeRecord d) {
        JsonNode contenu = proposed(d.contenu());
        return new DemandeView(d.id(), d.convention(), d.nature(), d.utilisateur(), d.groupeId(), d.habilitationId(),
                d.service(), d.profil(), d.dateDebut(), d.dateFin(), d.statut(), d.demandeePar(), d.demandeeLe(),
                d.decideePar(), d.decideeLe(), d.motifDecision(),
                "INTERLOCUTEURS".equals(d.nature()) ? contenu : null,
                AdministratorChange.CHANGE.equals(d.nature()) ? contenu : null, null);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper PROPOSAL =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The contacts a request of type INTERLOCUTEURS proposes, as they were filed. */
    private static JsonNode proposed(String contenu) {
        if (contenu == null) {
            return null;
        }
        try {
            return PROPOSAL.readTree(contenu);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
