package fr.cdapgateway.admin;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.DemandeStore.DemandeRecord;
import fr.cdapgateway.admin.store.DemandeStore;
import fr.cdapgateway.admin.store.GroupStore;
import fr.cdapgateway.admin.store.HabilitationStore.Grant;
import fr.cdapgateway.admin.store.HabilitationStore.HabilitationRecord;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.habilitation.AccessPolicy;
import fr.cdapgateway.habilitation.ProfileCatalog;

/**
 * Habilitations: in a DELEGUE convention its managers grant and end habilitations
 * within the quotas; in a CENTRALISE one they file requests (202) that a CAF admin decides. The CAF admin and
 * the convention's administrators may suspend a habilitation at once.
 */
@Component
public class HabilitationAdmin extends AdminResource {

    public record GrantBody(String utilisateur, Long groupe, String service, String profil, LocalDate dateDebut,
                     LocalDate dateFin) {
    }

    private final HabilitationStore habilitations;
    private final UserStore users;
    private final GroupStore groups;
    private final DemandeStore demandes;
    private final Granting granting;
    private final ProfileCatalog profiles;

    HabilitationAdmin(HabilitationStore habilitations, UserStore users, GroupStore groups,
                      DemandeStore demandes, Granting granting, ProfileCatalog profiles, AdminKit kit) {
        super(kit);
        this.habilitations = habilitations;
        this.users = users;
        this.groups = groups;
        this.demandes = demandes;
        this.granting = granting;
        this.profiles = profiles;
    }

    public List<HabilitationView> list(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        LocalDate today = calendar.today();
        return habilitations.ofConvention(convention.numero()).stream().map(h -> HabilitationView.of(h, today)).toList();
    }

    /**
     * Grants a habilitation, within the quota, or, from a partner manager in a CENTRALISE convention, files the
     * request a CAF admin decides ({@link Outcome#filed()}).
     */
    public Outcome grant(Caller caller, String numero, GrantBody body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        Grant grant = validGrant(convention, body);
        if (convention.centralise() && !caller.cafAdmin()) {
            long id = demandes.file(new DemandeRecord(0, convention.numero(), "ATTRIBUTION", loginOf(grant),
                    grant.groupeId(), null, grant.service(), grant.profil(), grant.dateDebut(), grant.dateFin(),
                    "EN_ATTENTE", caller.login(), null, null, null, null, null), clock.instant());
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.DEMANDE, id, "DEPOT", "attribution "
                    + grant.profil());
            request.objet("demande:" + id);
            return Outcome.filed(DemandeAdmin.view(demandes.find(id).orElseThrow()));
        }
        long id = granting.grant(grant, caller.login(), null);
        request.objet("habilitation:" + id);
        return Outcome.done(HabilitationView.of(habilitations.find(id).orElseThrow(), calendar.today()));
    }

    /** Ends the habilitation (it stays in the history), or files the request in a CENTRALISE convention. */
    public Outcome end(Caller caller, long id, GatewayRequest request) {
        return end(caller, id, null, request);
    }

    public Outcome end(Caller caller, long id, String motif, GatewayRequest request) {
        HabilitationRecord habilitation = visible(caller, id, request);
        String reason = Reasons.of(motif);
        Reasons.trace(request, reason);
        ConventionRecord convention = scope.convention(caller, habilitation.convention(), request);
        if (convention.centralise() && !caller.cafAdmin()) {
            long filed = demandes.file(new DemandeRecord(0, convention.numero(), "RETRAIT", habilitation.utilisateur(),
                    habilitation.groupeId(), habilitation.id(), habilitation.service(), habilitation.profil(), null,
                    null, "EN_ATTENTE", caller.login(), null, null, null, null, null), clock.instant());
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.DEMANDE, filed, "DEPOT",
                    Reasons.detail("retrait de l'habilitation " + habilitation.id(), reason));
            return Outcome.filed(DemandeAdmin.view(demandes.find(filed).orElseThrow()));
        }
        if (!habilitation.ended()) {
            granting.end(habilitation, caller.login(), Reasons.detail("retrait", reason));
        }
        return Outcome.done(null);
    }

    /** Suspends the habilitation at once ({@code suspend}), or lifts its suspension. */
    public HabilitationView suspension(Caller caller, long id, boolean suspend, GatewayRequest request) {
        return suspension(caller, id, suspend, null, request);
    }

    public HabilitationView suspension(Caller caller, long id, boolean suspend, String motif,
                                          GatewayRequest request) {
        HabilitationRecord habilitation = visible(caller, id, request);
        caller.require(caller.cafAdmin() || caller.conventionAdministrator(),
                "La suspension relève de la CAF et des administrateurs de la convention.");
        String reason = Reasons.of(motif);
        Reasons.trace(request, reason);
        changes.apply(() -> {
            habilitations.suspend(habilitation.id(), suspend ? caller.login() : null, suspend ? clock.instant() : null);
            history.record(caller.login(), habilitation.convention(), HistoryLog.Kind.HABILITATION, habilitation.id(),
                    suspend ? "SUSPENSION" : "LEVEE_SUSPENSION", Reasons.detail(null, reason));
            return null;
        });
        return HabilitationView.of(habilitations.find(habilitation.id()).orElseThrow(), calendar.today());
    }

    private HabilitationRecord visible(Caller caller, long id, GatewayRequest request) {
        HabilitationRecord habilitation = habilitations.find(id).orElseThrow(() -> AdminScope.notFound(
                "Habilitation inconnue."));
        scope.convention(caller, habilitation.convention(), request);
        request.objet("habilitation:" + id);
        return habilitation;
    }

    /** The grant as asked, checked against the convention, the account or group, and the profile's needs. */
    Grant validGrant(ConventionRecord convention, GrantBody body) {
        String service = body.service() == null ? AccessPolicy.SERVICE : body.service();
        ConventionAdmin.require(AccessPolicy.SERVICE.equals(service), "service : CDAP");
        ConventionAdmin.require(body.profil() != null && profiles.find(body.profil()).isPresent(),
                "profil inconnu : " + body.profil());
        ConventionAdmin.require((body.utilisateur() == null) != (body.groupe() == null),
                "Désignez soit un utilisateur, soit un groupe.");
        LocalDate debut = body.dateDebut() == null ? calendar.today() : body.dateDebut();
        ConventionAdmin.require(body.dateFin() == null || !body.dateFin().isBefore(debut),
                "dateFin ne peut précéder dateDebut.");
        if (body.utilisateur() != null) {
            UserRecord user = users.find(body.utilisateur())
                    .filter(u -> convention.numero().equals(u.convention()))
                    .orElseThrow(() -> AdminScope.notFound("Utilisateur inconnu dans cette convention."));
            ConventionAdmin.require(user.devalidatedAt() == null, "Ce compte est dévalidé.");
            ConventionAdmin.require("PERSONNE".equals(user.type()),
                    "Un compte technique ne reçoit pas d'habilitation de consultation.");
            profiles.find(body.profil()).flatMap(p -> p.grantRefusal(user.numeroInstructeur()))
                    .ifPresent(refusal -> ConventionAdmin.require(false, refusal));
            return new Grant(convention.numero(), user.id(), null, service, body.profil(), debut, body.dateFin());
        }
        groups.find(body.groupe()).filter(g -> g.convention().equals(convention.numero()))
                .orElseThrow(() -> AdminScope.notFound("Groupe inconnu dans cette convention."));
        return new Grant(convention.numero(), null, body.groupe(), service, body.profil(), debut, body.dateFin());
    }

    private String loginOf(Grant grant) {
        return grant.utilisateurId() == null ? null : users.findById(grant.utilisateurId()).orElseThrow().login();
    }

    /** Whether a habilitation in this state still counts: active, suspended or yet to start. */
    public static boolean open(Object statut) {
        return "ACTIVE".equals(statut) || "SUSPENDUE".equals(statut) || "A_VENIR".equals(statut);
    }
}
