package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.ReverseReview.Attestation;
import fr.cdapgateway.admin.ReverseReview;
import fr.cdapgateway.admin.ReviewViews;

/** The annual reverse review: adapters over {@link ReverseReview}. */
@Component("adminReview")
public class ReviewRoutes {

    private final ReverseReview review;
    private final AdminCalls calls;

    ReviewRoutes(ReverseReview review, AdminCalls calls) {
        this.review = review;
        this.calls = calls;
    }

    public void report(Exchange exchange) {
        String numero = segment(exchange, "conventions");
        ReviewViews.Report report = review.report(caller(exchange), numero, request(exchange));
        if (AdminCalls.query(exchange, "format", "csv")) {
            calls.csv(exchange, "revue-" + report.convention() + ".csv", ReverseReview.csv(report));
        } else {
            calls.ok(exchange, report);
        }
    }

    public void attest(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, review.attest(caller, segment(exchange, "conventions"), calls.body(exchange,
                Attestation.class, "{\"decisions\":[{\"habilitation\":id,\"decision\":\"CONSERVER\"|\"RETIRER\"}]}"),
                request(exchange)));
    }

    /** {@code GET /admin/revues[?enRetard=true]}. */
    public void overdue(Exchange exchange) {
        calls.ok(exchange, review.overview(caller(exchange), AdminCalls.query(exchange, "enRetard", "true")));
    }
}
