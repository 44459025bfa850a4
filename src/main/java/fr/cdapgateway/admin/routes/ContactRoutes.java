package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.AdministratorChange;
import fr.cdapgateway.admin.ContactAdmin.Interlocuteur;
import fr.cdapgateway.admin.ContactAdmin;
import fr.cdapgateway.admin.DemandeView;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** {@code /api/v1/admin/conventions/{numero}/interlocuteurs} and the requests a partner files: over {@link ContactAdmin}. */
@Component("adminContacts")
public class ContactRoutes {

    /** A request filed by the partner; the type says what it asks (SPEC §14.2, §14.9). */
    record Filed(String type, String avenant, List<Interlocuteur> interlocuteurs,
                 AdministratorChange.NewAdministrator administrateur, String remplace,
                 AdministratorChange.Signatory signataire, String utilisateur) {
    }

    private static final String EXPECTED = "{\"avenant\":\"...\",\"interlocuteurs\":[{\"cote\":\"PARTENAIRE\","
            + "\"role\":\"RESPONSABLE_SECURITE\",\"nom\":\"...\",\"prenom\":\"...\",\"email\":\"...\"}]}";

    private final ContactAdmin contacts;
    private final AdministratorChange administrators;
    private final AdminCalls calls;

    ContactRoutes(ContactAdmin contacts, AdministratorChange administrators, AdminCalls calls) {
        this.contacts = contacts;
        this.administrators = administrators;
        this.calls = calls;
    }

    public void read(Exchange exchange) {
        calls.ok(exchange, contacts.read(caller(exchange), segment(exchange, "conventions"),
                AdminCalls.query(exchange, "historique", "true"), request(exchange)));
    }

    public void replace(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, contacts.replace(caller, segment(exchange, "conventions"),
                calls.body(exchange, ContactAdmin.Body.class, EXPECTED), request(exchange)));
    }

    public void file(Exchange exchange) {
        var caller = caller(exchange);
        Filed filed = calls.body(exchange, Filed.class, "{\"type\":\"INTERLOCUTEURS\"|\"CHANGEMENT_ADMINISTRATEUR\""
                + "|\"DEPART\", ...}");
        String numero = segment(exchange, "conventions");
        DemandeView demande = switch (filed.type() == null ? "" : filed.type()) {
            case "INTERLOCUTEURS" -> contacts.propose(caller, numero,
                    new ContactAdmin.Body(filed.avenant(), filed.interlocuteurs()), request(exchange));
            case "CHANGEMENT_ADMINISTRATEUR" -> administrators.file(caller, numero, new AdministratorChange.Form(
                    filed.administrateur(), filed.remplace(), filed.signataire()), request(exchange));
            case "DEPART" -> administrators.fileDeparture(caller, numero, filed.utilisateur(), request(exchange));
            default -> throw new ProblemException(Problem.INVALID_REQUEST,
                    "type : INTERLOCUTEURS, CHANGEMENT_ADMINISTRATEUR ou DEPART.");
        };
        calls.accepted(exchange, Map.of("demande", demande));
    }
}
