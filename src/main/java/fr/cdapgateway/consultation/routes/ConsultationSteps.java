package fr.cdapgateway.consultation.routes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.consultation.BatchConsultation;
import fr.cdapgateway.consultation.ConsultationInput;
import fr.cdapgateway.consultation.ConsultationViews;
import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.edge.JsonBodies;
import fr.cdapgateway.edge.RequestUri;

/**
 * The consultation's Camel steps (routes/consultation.camel.yaml): what is asked read from the request line,
 * the answer shaped and handed to {@link Answers}; the rules ({@link ConsultationInput}, {@link ConsultationViews},
 * {@link BatchConsultation}) take and give typed values.
 */
@Configuration(proxyBeanMethods = false)
class ConsultationSteps {

    /** Reads: the path's dossier number. Sets: the request's dossier. */
    @Bean
    Processor readDossier(ConsultationInput input) {
        return exchange -> input.dossier(GatewayRequests.of(exchange), RequestUri.of(exchange).segmentAfter("dossiers"));
    }

    /** Reads: the path's dossier number, the query's annee and mois. Sets: the request's dossier and period. */
    @Bean
    Processor readQuotientFamilial(ConsultationInput input) {
        return exchange -> {
            RequestUri uri = RequestUri.of(exchange);
            input.quotientFamilial(GatewayRequests.of(exchange), uri.segmentAfter("dossiers"),
                    uri.queryValues("annee"), uri.queryValues("mois"));
        };
    }

    /** Reads: the body (the dossier's allowed leaves), the grant. Answers 200 with the dossier. */
    @Bean
    Processor answerDossier(ConsultationViews views, Answers answers) {
        return exchange -> answers.ok(exchange,
                views.dossier(GatewayRequests.of(exchange), exchange.getMessage().getBody(ObjectNode.class)));
    }

    /** Reads: the body, the grant, the period. Answers 200 with the month's quotient. */
    @Bean
    Processor answerQuotientFamilial(ConsultationViews views, Answers answers) {
        return exchange -> answers.ok(exchange,
                views.quotientFamilial(GatewayRequests.of(exchange), exchange.getMessage().getBody(ObjectNode.class)));
    }

    /** Reads: the batch's JSON body. Sets: the request's period, the items to split, an empty list of results. */
    @Bean
    Processor readBatch(BatchConsultation batch, JsonBodies bodies) {
        return exchange -> {
            GatewayRequest request = GatewayRequests.of(exchange);
            List<String> items = batch.read(request,
                    bodies.read(exchange, BatchConsultation.Body.class, BatchConsultation.EXPECTED));
            exchange.setProperty(GatewayRequests.BATCH_ITEMS, items);
            exchange.setProperty(GatewayRequests.BATCH_RESULTS,
                    Collections.synchronizedList(new ArrayList<Map<String, Object>>()));
            exchange.setProperty(GatewayRequests.BATCH_REQUEST, request);
        };
    }

    /** Reads: the split's number and index. Sets: the item's own request (same caller, its own outcome). */
    @Bean
    Processor openBatchItem(BatchConsultation batch) {
        return exchange -> exchange.setProperty(GatewayRequests.REQUEST, batch.openItem(GatewayRequests.of(exchange),
                exchange.getMessage().getBody(String.class), exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class)));
    }

    /** Reads: the batch's request (the split copies an item's back) and the results. Answers 200. */
    @Bean
    Processor answerBatch(BatchConsultation batch, Answers answers) {
        return exchange -> {
            GatewayRequest request = exchange.getProperty(GatewayRequests.BATCH_REQUEST, GatewayRequest.class);
            // the batch answers and is traced as itself
            exchange.setProperty(GatewayRequests.REQUEST, request);
            answers.ok(exchange, batch.answer(request, results(exchange)));
        };
    }

    /** Gathers each item's outcome, in order, into the list the batch answers with. */
    @Bean
    AggregationStrategy batchResults(BatchConsultation batch) {
        return (oldExchange, newExchange) -> {
            results(newExchange).add(batch.result(GatewayRequests.of(newExchange),
                    newExchange.getMessage().getBody(byte[].class)));
            if (oldExchange != null) {
                return oldExchange;
            }
            // the first item's exchange carries the batch on: a refusal of that item (handled, with its problem
            // answered) must not stop the batch's own route nor stand for its answer
            newExchange.setRouteStop(false);
            newExchange.setException(null);
            newExchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            newExchange.getExchangeExtension().setErrorHandlerHandled(null);
            return newExchange;
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Exchange exchange) {
        return exchange.getProperty(GatewayRequests.BATCH_RESULTS, List.class);
    }
}
