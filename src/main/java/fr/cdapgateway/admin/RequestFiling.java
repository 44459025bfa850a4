package fr.cdapgateway.admin;

import java.util.Map;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.DemandeStore.DemandeRecord;
import fr.cdapgateway.admin.store.DemandeStore;
import fr.cdapgateway.api.GatewayRequest;

/**
 * A partner's request for the CAF to decide (contacts, an administrator change, a departure): filed with its history
 * in one transaction, named in the trace, answered as the API shows requests.
 */
@Component
class RequestFiling extends AdminResource {

    private final DemandeStore demandes;

    RequestFiling(DemandeStore demandes, AdminKit kit) {
        super(kit);
        this.demandes = demandes;
    }

    /**
     * @param utilisateur the account it is about, if any
     * @param contenu     what is asked, as JSON, if the request carries more than its nature
     * @param what        how the history tells it
     */
    DemandeView file(Caller caller, String convention, String nature, String utilisateur, String contenu,
                             String what, GatewayRequest request) {
        long id = changes.apply(() -> {
            long filed = demandes.file(new DemandeRecord(0, convention, nature, utilisateur, null, null, null, null,
                    null, null, "EN_ATTENTE", caller.login(), null, null, null, null, contenu), clock.instant());
            history.record(caller.login(), convention, HistoryLog.Kind.DEMANDE, filed, "DEPOT", what);
            return filed;
        });
        request.objet("demande:" + id);
        return DemandeAdmin.view(demandes.find(id).orElseThrow());
    }
}
