package fr.cdapgateway.edge;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.ProblemException;

/**
 * Answers the requests the {@link RequestGuard} turned away before any route: the reason it set becomes the
 * problem (400, 404, 405 with Allow, 413). A client calling the internal path itself gets a 404.
 */
@Component("refusedRequests")
public class RefusedRequests {

    public void refuse(Exchange exchange) {
        String reason = exchange.getMessage().getHeader(RequestGuard.REASON, String.class);
        RequestVerdict.Reason why;
        try {
            why = reason == null ? RequestVerdict.Reason.PATH : RequestVerdict.Reason.valueOf(reason);
        } catch (IllegalArgumentException unknown) {
            why = RequestVerdict.Reason.PATH;
        }
        String allow = exchange.getMessage().getHeader(RequestGuard.ALLOW, String.class);
        String method = exchange.getMessage().getHeader(RequestGuard.ORIGINAL_METHOD, String.class);
        if (method != null) {
            GatewayRequests.of(exchange).objet("methode:" + method);
        }
        if (why == RequestVerdict.Reason.METHOD && allow != null) {
            GatewayRequests.of(exchange).responseHeaders().put("Allow", allow);
        }
        throw new ProblemException(why.problem(), why.detail());
    }
}
