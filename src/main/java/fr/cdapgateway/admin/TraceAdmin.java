package fr.cdapgateway.admin;


import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.trace.TraceQuery;
import fr.cdapgateway.trace.TraceSearch;
import fr.cdapgateway.trace.TraceVerifier;

/**
 * Reading traces (SPEC §8, §9): the CAF admin for its conventions, the convention's principal and substitute
 * for theirs; and the chain verification, for the CAF admin. Each read is traced like any request, with the
 * filters searched in its objet.
 */
@Component
public class TraceAdmin {

    private final TraceVerifier verifier;
    private final TraceSearch search;
    private final AdminScope scope;

    TraceAdmin(TraceVerifier verifier, TraceSearch search, AdminKit kit) {
        this.verifier = verifier;
        this.search = search;
        this.scope = kit.scope();
    }

    /** The filter of a search in one convention's traces, within the reader's scope. */
    public TraceQuery.Filter filter(Caller caller, String numero, TraceSearch.Criteria criteria,
                                    GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        caller.require(caller.readsTraces(),
                "Les traces se lisent par la CAF et par l'administrateur de la convention ou son suppléant.");
        return search.filter(criteria, convention.numero(), null, request);
    }

    public TraceVerifier.Result verify(Caller caller) {
        caller.require(caller.cafAdmin(), "La vérification de la chaîne des traces relève de la CAF.");
        return verifier.verify();
    }
}
