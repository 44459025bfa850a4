package fr.cdapgateway.admin;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.ContactAdmin.Interlocuteur;
import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.ConventionStore;
import fr.cdapgateway.admin.store.DemandeStore.DemandeRecord;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore.NewUser;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.CredentialDelivery;

/**
 * The administrator change of Annexe 3 and the departure of an agent (SPEC §14.9), as requests the CAF decides.
 * Accepting a change does everything in the decision's transaction: the new administrator's account (with its
 * activation mail), the replaced one devalidated with its habilitations, the contacts of Annexe 1 updated. A
 * convention has at most one active principal administrator and one substitute.
 */
@Component
public class AdministratorChange extends AdminResource {

    /** The new administrator, as the form of Annexe 3 names them. */
    public record NewAdministrator(String nom, String prenom, String fonction, String email, String telephone,
                                   String role) {
    }

    /** Who signs the form for the partner. */
    public record Signatory(String nom, String qualite) {
    }

    /** What the request keeps: the form as filed. */
    public record Form(NewAdministrator administrateur, String remplace, Signatory signataire) {
    }

    static final String CHANGE = "CHANGEMENT_ADMINISTRATEUR";
    static final String DEPARTURE = "DEPART";
    private static final Map<String, String> CONTACT_ROLE = Map.of("ADMIN_PRINCIPAL", "ADMINISTRATEUR_PRINCIPAL",
            "ADMIN_SUPPLEANT", "ADMINISTRATEUR_SUPPLEANT");

    private final ConventionStore conventions;
    private final RequestFiling filing;
    private final UserStore users;
    private final HabilitationStore habilitations;
    private final ContactStore contacts;
    private final ContactAdmin contactAdmin;
    private final CredentialDelivery delivery;
    private final JsonMapper json;

    AdministratorChange(ConventionStore conventions, RequestFiling filing, UserStore users, HabilitationStore habilitations, ContactStore contacts,
                        ContactAdmin contactAdmin, CredentialDelivery delivery, JsonMapper gatewayJsonMapper,
                        AdminKit kit) {
        super(kit);
        this.conventions = conventions;
        this.filing = filing;
        this.users = users;
        this.habilitations = habilitations;
        this.contacts = contacts;
        this.contactAdmin = contactAdmin;
        this.delivery = delivery;
        this.json = gatewayJsonMapper;
    }

    /** A convention administrator files the form of Annexe 3 (202 with the request). */
    public DemandeView file(Caller caller, String numero, Form form, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.conventionAdministrator(), "Le changement d'administrateur (annexe 3) est demandé par "
                + "l'administrateur principal ou suppléant de la convention.");
        Form valid = validate(convention, form);
        requireSeat(users, convention.numero(), valid.administrateur().role(), valid.remplace());
        return filing.file(caller, convention.numero(), CHANGE, valid.remplace(), write(valid),
                "changement d'administrateur (" + valid.administrateur().role() + ")"
                        + (valid.remplace() == null ? "" : ", remplace " + valid.remplace()), request);
    }

    /** In CENTRALISE mode the partner reports a departure; the CAF devalidates the account on acceptance. */
    public DemandeView fileDeparture(Caller caller, String numero, String login, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(convention.centralise(), "En mode délégué, le départ d'un agent se traite directement : "
                + "dévalidez son compte (DELETE /admin/utilisateurs/{login}).");
        UserRecord leaving = login == null ? null : users.find(login)
                .filter(u -> convention.numero().equals(u.convention()) && u.devalidatedAt() == null).orElse(null);
        if (leaving == null) {
            throw IdentityRules.invalid("utilisateur : un compte actif de la convention.");
        }
        return filing.file(caller, convention.numero(), DEPARTURE, leaving.login(), null,
                "départ de " + leaving.login(), request);
    }

    /** Applies an accepted request of type CHANGEMENT_ADMINISTRATEUR or DEPART, in the decision's transaction. */
    void apply(DemandeRecord demande, Caller caller) {
        if (DEPARTURE.equals(demande.nature())) {
            users.find(demande.utilisateur()).filter(u -> u.devalidatedAt() == null)
                    .ifPresent(u -> devalidate(u, caller.login(), "départ (demande " + demande.id() + ")"));
            return;
        }
        Form form = read(demande.contenu());
        ConventionRecord convention = conventions.find(demande.convention()).orElseThrow();
        requireSeat(users, convention.numero(), form.administrateur().role(), form.remplace());
        NewAdministrator a = form.administrateur();
        String login = freeLogin(a.prenom(), a.nom());
        long id = users.insert(new NewUser(login, convention.caf(), convention.numero(), a.nom(), a.prenom(), a.email(),
                a.fonction(), "PERSONNE", a.role(), null, null), caller.login(), clock.instant());
        history.record(caller.login(), convention.numero(), HistoryLog.Kind.UTILISATEUR, login, "CREATION",
                "role " + a.role() + ", type PERSONNE, id " + id + " (annexe 3, demande " + demande.id() + ")");
        delivery.activation(login);
        history.record(caller.login(), convention.numero(), HistoryLog.Kind.UTILISATEUR, login, "ENVOI_LIEN_ACTIVATION",
                null);
        if (form.remplace() != null) {
            users.find(form.remplace()).filter(u -> u.devalidatedAt() == null)
                    .ifPresent(u -> devalidate(u, caller.login(), "remplacé par " + login + " (annexe 3, demande "
                            + demande.id() + ")"));
        }
        List<Interlocuteur> updated = new ArrayList<>(contactAdmin.current(convention.numero()).stream()
                .filter(c -> !(ContactAdmin.PARTENAIRE.equals(c.cote()) && CONTACT_ROLE.get(a.role()).equals(c.role())))
                .toList());
        updated.add(new Interlocuteur(ContactAdmin.PARTENAIRE, CONTACT_ROLE.get(a.role()), a.nom(), a.prenom(),
                a.fonction(), a.email(), a.telephone(), login));
        contacts.save(convention.numero(), "annexe 3, demande " + demande.id(), updated, caller.login(),
                clock.instant());
        history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                "INTERLOCUTEURS", "annexe 3 (demande " + demande.id() + ")");
    }

    private void devalidate(UserRecord user, String actor, String reason) {
        users.devalidate(user.id(), clock.instant(), actor);
        List<Long> ended = habilitations.endAllOf(user.id(), actor, clock.instant());
        history.record(actor, user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(), "DEVALIDATION",
                reason + ", habilitations terminées : " + ended);
        ended.forEach(id -> history.record(actor, user.convention(), HistoryLog.Kind.HABILITATION, id, "FIN",
                "dévalidation du compte " + user.login()));
    }

    /**
     * At most one active principal and one substitute per convention (SPEC §14.9): an administrator's role must be
     * free, once {@code leaving} (the replaced one, or the account changing role) is set aside. Other roles: no limit.
     */
    static void requireSeat(UserStore users, String numero, String role, String leaving) {
        if (numero == null || !CONTACT_ROLE.containsKey(role)) {
            return;
        }
        boolean taken = users.ofConvention(numero).stream().anyMatch(u -> u.devalidatedAt() == null
                && role.equals(u.role()) && !u.login().equals(leaving));
        if (taken) {
            throw new ProblemException(Problem.CONFLICT, "La convention a déjà un "
                    + ("ADMIN_PRINCIPAL".equals(role) ? "administrateur principal" : "administrateur suppléant")
                    + " actif : indiquez qui il remplace (remplace).");
        }
    }

    private Form validate(ConventionRecord convention, Form form) {
        if (form == null || form.administrateur() == null) {
            throw IdentityRules.invalid("administrateur : le nouvel administrateur (nom, prenom, email, role).");
        }
        NewAdministrator a = form.administrateur();
        if (!CONTACT_ROLE.containsKey(a.role())) {
            throw IdentityRules.invalid("administrateur.role : ADMIN_PRINCIPAL ou ADMIN_SUPPLEANT.");
        }
        NewAdministrator valid = new NewAdministrator(IdentityRules.name(a.nom(), "nom"),
                IdentityRules.name(a.prenom(), "prenom"), IdentityRules.optional(a.fonction(), 200, "fonction"),
                IdentityRules.email(a.email()), IdentityRules.optional(a.telephone(), 30, "telephone"), a.role());
        if (form.remplace() != null && users.find(form.remplace()).filter(u -> u.devalidatedAt() == null
                && convention.numero().equals(u.convention()) && Role.of(u.role()).conventionAdministrator()).isEmpty()) {
            throw IdentityRules.invalid("remplace : un administrateur actif de la convention.");
        }
        Signatory s = form.signataire();
        if (s == null) {
            throw IdentityRules.invalid("signataire : qui signe le formulaire pour le partenaire (nom, qualite).");
        }
        return new Form(valid, form.remplace(), new Signatory(IdentityRules.name(s.nom(), "signataire.nom"),
                IdentityRules.name(s.qualite(), "signataire.qualite")));
    }

    /** {@code prenom.nom}, lower case without accents, numbered when taken. */
    private String freeLogin(String prenom, String nom) {
        String base = ascii(prenom) + "." + ascii(nom);
        base = base.length() > 90 ? base.substring(0, 90) : base;
        String login = base;
        for (int n = 2; users.loginTaken(login); n++) {
            login = base + n;
        }
        return login;
    }

    private static String ascii(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private String write(Form form) {
        try {
            return json.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Form read(String contenu) {
        try {
            return json.readValue(contenu, Form.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProblemException(Problem.CONFLICT, "Le contenu de cette demande est illisible.");
        }
    }
}
