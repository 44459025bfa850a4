package fr.cdapgateway.ops.routes;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.edge.RequestUri;
import fr.cdapgateway.ops.MaintenanceIcs;
import fr.cdapgateway.ops.OpenApiDocument;
import fr.cdapgateway.ops.ServiceStatus;

/** The service's own steps: planned maintenance, the status, the maintenance calendar, the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class OpsSteps {

    /** Reads: the request's account (its CAF). Refuses 503 maintenance, with Retry-After, during a window. */
    @Bean
    Processor refuseDuringMaintenance(ServiceStatus status) {
        return exchange -> status.refuseDuringMaintenance(GatewayRequests.of(exchange));
    }

    /** {@code GET /api/v1/statut}. */
    @Bean
    Processor describeStatus(ServiceStatus status, Answers answers) {
        return exchange -> answers.ok(exchange, status.status());
    }

    /** {@code GET /api/v1/maintenances.ics[?caf=]}. */
    @Bean
    Processor serveMaintenanceCalendar(MaintenanceIcs calendar, Answers answers) {
        return exchange -> {
            List<String> cafs = RequestUri.of(exchange).queryValues("caf");
            answers.file(exchange, "text/calendar; charset=utf-8", "maintenances.ics", calendar.calendarFor(cafs));
        };
    }

    /** {@code GET /api/v1/openapi.json}. */
    @Bean
    Processor serveOpenApi(OpenApiDocument document) {
        return exchange -> {
            GatewayRequests.of(exchange).outcome(200, null);
            exchange.getMessage().setBody(document.document());
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Answers.JSON);
        };
    }
}
