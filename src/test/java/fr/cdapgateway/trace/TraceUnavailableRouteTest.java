package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.TestPorts;

/** Fail closed: when the trace cannot be written, the consultation answers 503 and serves no data. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Timeout(60) // an exchange left without an answer would hang the request for ever: fail instead
class TraceUnavailableRouteTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }

    @MockitoBean
    TraceWriter writer;
    @Autowired
    ProducerTemplate producer;

    @Test
    void aConsultationWhoseTraceCommitFailsServesNoData() {
        when(writer.submit(any())).thenReturn(CompletableFuture.failedFuture(
                new DataAccessResourceFailureException("disk full")));
        when(writer.unavailable(any())).thenReturn(new TraceUnavailableException("trace commit failed"));

        assertServesNoData(consult());
    }

    @Test
    void aConsultationWhoseTraceCannotEvenBeQueuedServesNoData() {
        when(writer.submit(any())).thenThrow(new TraceUnavailableException("trace queue full"));

        assertServesNoData(consult());
    }

    @Test
    void aConsultationWhoseTraceCommitFailsAfterTheRequestThreadLeftServesNoData() {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        when(writer.submit(any())).thenReturn(commit);
        when(writer.unavailable(any())).thenReturn(new TraceUnavailableException("trace not committed in time"));
        CompletableFuture.runAsync(() -> commit.completeExceptionally(new DataAccessResourceFailureException("gone")),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        assertServesNoData(consult());
    }

    private Exchange consult() {
        return producer.request("direct:consult-quotient-familial", e -> e.getMessage().setHeaders(Map.of(
                "Authorization", Api.basic("niort.agent1", "Demo-Cdap-2026!"),
                "X-Motif", "RESTAURATION_SCOLAIRE",
                Exchange.HTTP_URI, "/api/v1/dossiers/1000042/quotient-familial")));
    }

    private static void assertServesNoData(Exchange exchange) {
        String body = new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(body).contains("\"code\":\"trace-unavailable\"")
                // (not "645" alone: a random request id may hold it)
                .doesNotContain("quotientFamilial", "\"valeur\"", "CLAIRE", "DURAND");
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo("5");
    }
}
