package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
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
    void aConsultationWhoseTraceCannotBeWrittenServesNoData() {
        doThrow(new DataAccessResourceFailureException("disk full")).when(writer).write(any());

        Exchange exchange = producer.request("direct:consult-quotient-familial", e -> e.getMessage().setHeaders(Map.of(
                "Authorization", Api.basic("niort.agent1", "Demo-Cdap-2026!"),
                "X-Motif", "RESTAURATION_SCOLAIRE",
                Exchange.HTTP_URI, "/api/v1/dossiers/1000042/quotient-familial")));

        String body = new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(body).contains("\"code\":\"trace-unavailable\"").doesNotContain("645", "CLAIRE", "DURAND");
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo("5");
    }
}
