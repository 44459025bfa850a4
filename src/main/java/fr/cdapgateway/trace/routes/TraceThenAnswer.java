package fr.cdapgateway.trace.routes;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.trace.TraceRecorder;

/**
 * The end of an API route (SPEC §9): the trace is committed, then the answer leaves. The request's thread does
 * not wait for the commit: the writer thread, once the commit is done, finishes the answer and hands it back to
 * the HTTP server, so a request costs no park and wake-up of its worker thread. An item of a batch is the
 * exception: the batch goes on with its next item after it, and that must never run on the trace writer's thread,
 * so an item waits for its commit on its own thread.
 */
@Component("traceThenAnswer")
public class TraceThenAnswer extends AsyncProcessorSupport {

    private final TraceRecorder recorder;
    private final Answers answers;

    TraceThenAnswer(TraceRecorder recorder, Answers answers) {
        this.recorder = recorder;
        this.answers = answers;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        GatewayRequest request;
        try {
            request = GatewayRequests.of(exchange);
            if (exchange.getProperty(ExchangePropertyKey.SPLIT_INDEX) != null) {
                answer(exchange, recorder.record(request, exchange.getFromRouteId()));
                callback.done(true);
                return true;
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        CompletableFuture<Boolean> traced;
        try {
            traced = recorder.traced(request, exchange.getFromRouteId());
        } catch (RuntimeException e) {
            // an asynchronous step must never throw: the exchange would be left without an answer
            exchange.setException(e);
            callback.done(true);
            return true;
        } finally {
            MDC.remove("requestId"); // this thread is done with the request
        }
        if (traced.isDone()) {
            answer(exchange, traced.join());
            callback.done(true);
            return true;
        }
        traced.whenComplete((committed, never) -> {
            answer(exchange, committed);
            callback.done(false);
        });
        return false;
    }

    /** The answer prepared, or 503 trace-unavailable in its place when the trace could not be committed. */
    private void answer(Exchange exchange, boolean committed) {
        try {
            if (!committed) {
                answers.problem(exchange, Problem.TRACE_UNAVAILABLE, TraceRecorder.UNAVAILABLE, Map.of());
                GatewayRequests.of(exchange).responseHeaders().put("Retry-After", "5");
            }
            answers.send(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
    }
}
