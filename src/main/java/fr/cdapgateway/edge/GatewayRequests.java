package fr.cdapgateway.edge;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.http.NettyHttpMessage;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.config.GatewayProperties;

/** Opens the {@link GatewayRequest} at the start of every API route. */
@Component("gatewayRequests")
public class GatewayRequests implements Processor {

    // The exchange's keys, all of them: what a step needs from an earlier one is on the GatewayRequest, typed;
    // these are only the request itself and what Camel's own processors (a split, the error handler) carry.

    /** The exchange property a route sets (a constant) to name its action before {@link #open(Exchange)}. */
    public static final String ACTION = "gatewayAction";
    /** The {@link GatewayRequest} of the exchange. */
    public static final String REQUEST = "gatewayRequest";
    /** The problem code an error route answers with (routes/errors.camel.yaml). */
    public static final String PROBLEM_CODE = "problemCode";
    /** A batch's numbers, split into items (routes/consultation.camel.yaml). */
    public static final String BATCH_ITEMS = "batchItems";
    /** A batch's item results, gathered by the split's aggregation. */
    public static final String BATCH_RESULTS = "batchResultList";
    /** The batch's own request, which the split's last item would otherwise replace. */
    public static final String BATCH_REQUEST = "batchRequest";
    /** A fault the CDAP simulator was asked to play (its own routes). */
    public static final String SIMULATOR_FAULT = "simulatorFault";

    /** The request the route opened. */
    public static GatewayRequest of(Exchange exchange) {
        GatewayRequest request = exchange.getProperty(REQUEST, GatewayRequest.class);
        if (request == null) {
            throw new IllegalStateException("route did not open the gateway request");
        }
        return request;
    }

    private final ClientAddresses clientAddresses;

    GatewayRequests(GatewayProperties properties) {
        this.clientAddresses = new ClientAddresses(properties);
    }


    /**
     * Opens the request with the action its route set in {@link #ACTION}: a constant step, where a method call with
     * a Simple expression as parameter would be parsed and evaluated on every request.
     */
    public void open(Exchange exchange) {
        openAs(exchange, exchange.getProperty(ACTION, String.class));
    }

    /** The first step of every API route: {@link #open(Exchange)}. */
    @Override
    public void process(Exchange exchange) {
        open(exchange);
    }

    public void openAs(Exchange exchange, String action) {
        Message in = exchange.getMessage();
        // a request the guard refused keeps its own URI as the problem's instance and in the trace (printable,
        // bounded by the guard); its method goes to the trace's objet
        String refused = in.getHeader(RequestGuard.ORIGINAL_URI, String.class);
        String uri = refused != null ? refused : in.getHeader(Exchange.HTTP_URI, String.class);
        int query = uri == null ? -1 : uri.indexOf('?');
        String path = uri == null ? null : Sanitizer.clean(query < 0 ? uri : uri.substring(0, query), 200);
        GatewayRequest request = new GatewayRequest(
                RequestIds.accept(in.getHeader("X-Request-ID", String.class)),
                action,
                System.nanoTime(),
                clientAddresses.of(in),
                Sanitizer.clean(in.getHeader("User-Agent", String.class), 256),
                path);
        if (in instanceof NettyHttpMessage netty && netty.getHttpRequest() != null) {
            request.rawUri(netty.getHttpRequest().uri());
        }
        exchange.setProperty(REQUEST, request);
        // every log line written for this request carries its id (structured logs, SPEC §11)
        org.slf4j.MDC.put("requestId", request.requestId());
    }
}
