package fr.cdapgateway.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.DemandeStore.DemandeRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * The convention's contacts (Annexe 1, SPEC §14.2), versioned by avenant: the CAF admin sets them; the convention's
 * administrators propose a change as a request of type {@code INTERLOCUTEURS} the CAF decides; administrators and
 * managers read them, with the mandatory roles still missing. Each role is held once per side.
 */
@Component
public class ContactAdmin extends AdminResource {

    /** One contact: a person in a role, on the CAF's side or the partner's. */
    public record Interlocuteur(String cote, String role, String nom, String prenom, String fonction, String email,
                                String telephone, String login) {
    }

    public record Body(String avenant, List<Interlocuteur> interlocuteurs) {
    }

    public record Manquant(String cote, String role) {
    }

    public record Version(String avenant, Instant le, String par, List<Interlocuteur> interlocuteurs) {
    }

    /** The current contacts; {@code historique} only when asked for. */
    public record Contacts(String avenant, List<Interlocuteur> interlocuteurs, List<Manquant> manquants,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<Version> historique) {
    }

    public static final String CAF = "CAF";
    public static final String PARTENAIRE = "PARTENAIRE";
    static final Map<String, List<String>> ROLES = Map.of(
            PARTENAIRE, List.of("ADMINISTRATEUR_PRINCIPAL", "ADMINISTRATEUR_SUPPLEANT", "RESPONSABLE_SECURITE", "DPO",
                    "RESPONSABLE_SERVICES", "ESCALADE_1", "ESCALADE_2"),
            CAF, List.of("RESPONSABLE_SECURITE", "RESPONSABLE_MCP", "GUICHET", "DPO", "ESCALADE_1", "ESCALADE_2"));
    static final List<Manquant> MANDATORY = List.of(new Manquant(PARTENAIRE, "ADMINISTRATEUR_PRINCIPAL"),
            new Manquant(PARTENAIRE, "RESPONSABLE_SECURITE"), new Manquant(PARTENAIRE, "RESPONSABLE_SERVICES"),
            new Manquant(CAF, "RESPONSABLE_SECURITE"), new Manquant(CAF, "GUICHET"));
    /** Only the CAF's guichet may be a generic mailbox: it is one by nature. */
    static final String GENERIC_ALLOWED = "GUICHET";
    private static final Pattern PHONE = Pattern.compile("[0-9+ .()-]{6,30}");

    private final ContactStore store;
    private final RequestFiling filing;
    private final UserStore users;
    private final JsonMapper json;

    ContactAdmin(ContactStore store, RequestFiling filing, UserStore users, JsonMapper gatewayJsonMapper,
                 AdminKit kit) {
        super(kit);
        this.store = store;
        this.filing = filing;
        this.users = users;
        this.json = gatewayJsonMapper;
    }

    public Contacts read(Caller caller, String numero, boolean withHistory, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        List<Version> versions = store.versions(convention.numero());
        Version current = versions.isEmpty() ? null : versions.get(0);
        List<Interlocuteur> contacts = current == null ? List.of() : current.interlocuteurs();
        return new Contacts(current == null ? null : current.avenant(), contacts, missing(contacts),
                withHistory ? versions : null);
    }

    /** The CAF sets the contacts of an avenant: a new version, the earlier ones kept. */
    public Contacts replace(Caller caller, String numero, Body body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.cafAdmin(), "Les interlocuteurs changent par avenant, enregistré par la CAF ; "
                + "l'administrateur de la convention les propose par une demande.");
        Body valid = validate(convention, body);
        changes.apply(() -> {
            store.save(convention.numero(), valid.avenant(), valid.interlocuteurs(), caller.login(), clock.instant());
            history.record(caller.login(), convention.numero(), HistoryLog.Kind.CONVENTION, convention.numero(),
                    "INTERLOCUTEURS", "avenant " + valid.avenant());
            return null;
        });
        return read(caller, numero, false, request);
    }

    /** A convention administrator proposes new contacts: a request the CAF decides (202 with the request). */
    public DemandeView propose(Caller caller, String numero, Body body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.conventionAdministrator(), "Les interlocuteurs sont proposés par l'administrateur "
                + "principal ou suppléant de la convention.");
        Body valid = validate(convention, body);
        String contenu;
        try {
            contenu = json.writeValueAsString(valid);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return filing.file(caller, convention.numero(), "INTERLOCUTEURS", null, contenu,
                "interlocuteurs, avenant " + valid.avenant(), request);
    }

    /** Applies an accepted request of type INTERLOCUTEURS, in the decision's transaction. */
    void apply(DemandeRecord demande, Caller caller) {
        Body body;
        try {
            body = json.readValue(demande.contenu(), Body.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.CONFLICT, "Le contenu de cette demande est illisible.");
        }
        store.save(demande.convention(), body.avenant(), body.interlocuteurs(), caller.login(), clock.instant());
        history.record(caller.login(), demande.convention(), HistoryLog.Kind.CONVENTION, demande.convention(),
                "INTERLOCUTEURS", "avenant " + body.avenant() + " (demande " + demande.id() + ")");
    }

    /** The current contacts of a convention (none before its first avenant). */
    List<Interlocuteur> current(String numero) {
        List<Version> versions = store.versions(numero);
        return versions.isEmpty() ? List.of() : versions.get(0).interlocuteurs();
    }

    /** The mandatory roles a convention still lacks: access cannot open while one is missing (SPEC §14.8). */
    List<Manquant> missingOf(String numero) {
        return missing(current(numero));
    }

    /** The roles of one side, in the order of Annexe 1. */
    public static List<String> roles(String cote) {
        return ROLES.get(cote);
    }

    static List<Manquant> missing(List<Interlocuteur> contacts) {
        return MANDATORY.stream().filter(m -> contacts.stream()
                .noneMatch(c -> c.cote().equals(m.cote()) && c.role().equals(m.role()))).toList();
    }

    private Body validate(ConventionRecord convention, Body body) {
        if (body == null || body.interlocuteurs() == null) {
            throw IdentityRules.invalid("avenant et interlocuteurs obligatoires.");
        }
        String avenant = IdentityRules.optional(body.avenant(), 40, "avenant");
        if (avenant == null) {
            throw IdentityRules.invalid("avenant : la référence de l'avenant qui fixe ces interlocuteurs.");
        }
        if (body.interlocuteurs().size() > 20) {
            throw IdentityRules.invalid("interlocuteurs : 13 rôles au plus.");
        }
        Set<String> seen = new HashSet<>();
        List<Interlocuteur> valid = new ArrayList<>();
        for (Interlocuteur c : body.interlocuteurs()) {
            if (c == null || c.cote() == null || !ROLES.containsKey(c.cote())) {
                throw IdentityRules.invalid("cote : CAF ou PARTENAIRE.");
            }
            if (c.role() == null || !ROLES.get(c.cote()).contains(c.role())) {
                throw IdentityRules.invalid("role (" + c.cote() + ") : " + String.join(", ", ROLES.get(c.cote())) + ".");
            }
            if (!seen.add(c.cote() + "/" + c.role())) {
                throw IdentityRules.invalid("Le rôle " + c.role() + " (" + c.cote() + ") est donné deux fois.");
            }
            String telephone = IdentityRules.optional(c.telephone(), 30, "telephone");
            if (telephone != null && !PHONE.matcher(telephone).matches()) {
                throw IdentityRules.invalid("telephone : chiffres, espaces, points, +, tirets.");
            }
            String login = IdentityRules.optional(c.login(), 100, "login");
            if (login != null && users.find(login).filter(u -> PARTENAIRE.equals(c.cote())
                    ? convention.numero().equals(u.convention())
                    : u.convention() == null && convention.caf().equals(u.caf())).isEmpty()) {
                throw IdentityRules.invalid("login : " + login + " n'est pas un compte "
                        + (PARTENAIRE.equals(c.cote()) ? "de la convention." : "de la CAF."));
            }
            valid.add(new Interlocuteur(c.cote(), c.role(), IdentityRules.name(c.nom(), "nom"),
                    c.prenom() == null ? null : IdentityRules.name(c.prenom(), "prenom"),
                    IdentityRules.optional(c.fonction(), 200, "fonction"),
                    GENERIC_ALLOWED.equals(c.role()) ? IdentityRules.anyEmail(c.email())
                            : IdentityRules.email(c.email()),
                    telephone, login));
        }
        return new Body(avenant, valid);
    }
}
