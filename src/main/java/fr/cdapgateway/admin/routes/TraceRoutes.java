package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.TraceAdmin;
import fr.cdapgateway.trace.routes.TraceSearchSteps;

/** Reading traces: adapters over {@link TraceAdmin}. */
@Component("adminTraces")
public class TraceRoutes {

    private final TraceAdmin traces;
    private final TraceSearchSteps export;
    private final AdminCalls calls;

    TraceRoutes(TraceAdmin traces, TraceSearchSteps export, AdminCalls calls) {
        this.traces = traces;
        this.export = export;
        this.calls = calls;
    }

    public void search(Exchange exchange) {
        String numero = segment(exchange, "conventions");
        export.answer(exchange, traces.filter(caller(exchange), numero, TraceSearchSteps.criteria(exchange),
                request(exchange)), "traces-" + numero + ".csv");
    }

    public void verify(Exchange exchange) {
        calls.ok(exchange, traces.verify(caller(exchange)));
    }
}
