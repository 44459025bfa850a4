package fr.cdapgateway.admin;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.ConventionStore.ConventionRecord;
import fr.cdapgateway.api.Answers;
import fr.cdapgateway.trace.TraceExport;
import fr.cdapgateway.trace.TraceVerifier;

/**
 * Reading traces (SPEC §8, §9): the CAF admin for its conventions, the convention's principal and substitute
 * for theirs; and the chain verification, for the CAF admin. Each read is traced like any request.
 */
@Component("adminTraces")
public class TraceAdmin {

    private final TraceExport export;
    private final TraceVerifier verifier;
    private final AdminScope scope;
    private final Answers answers;

    TraceAdmin(TraceExport export, TraceVerifier verifier, AdminKit kit) {
        this.export = export;
        this.verifier = verifier;
        this.scope = kit.scope();
        this.answers = kit.answers();
    }

    public void search(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        ConventionRecord convention = scope.convention(exchange, caller);
        caller.require(caller.cafAdmin() || caller.role().conventionAdministrator(),
                "Les traces se lisent par la CAF et par l'administrateur de la convention ou son suppléant.");
        export.answer(exchange, export.filter(exchange, convention.numero(), null),
                "traces-" + convention.numero() + ".csv");
    }

    public void verify(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        caller.require(caller.cafAdmin(), "La vérification de la chaîne des traces relève de la CAF.");
        answers.ok(exchange, verifier.verify());
    }
}
