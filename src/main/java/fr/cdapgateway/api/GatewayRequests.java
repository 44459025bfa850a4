package fr.cdapgateway.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.netty.http.NettyHttpMessage;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.GatewayProperties;

/** Opens the {@link GatewayRequest} at the start of every API route. */
@Component("gatewayRequests")
public class GatewayRequests {

    private final ClientAddresses clientAddresses;

    GatewayRequests(GatewayProperties properties) {
        this.clientAddresses = new ClientAddresses(properties);
    }

    /** The exchange property a route sets (a constant) to name its action before {@link #open(Exchange)}. */
    public static final String ACTION = "gatewayAction";

    /**
     * Opens the request with the action its route set in {@link #ACTION}: a constant step, where a method call with
     * a Simple expression as parameter would be parsed and evaluated on every request.
     */
    public void open(Exchange exchange) {
        openAs(exchange, exchange.getProperty(ACTION, String.class));
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
        exchange.setProperty(GatewayRequest.PROPERTY, request);
        // every log line written for this request carries its id (structured logs, SPEC §11)
        org.slf4j.MDC.put("requestId", request.requestId());
    }
}
