package fr.cdapgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.cdapgateway.CdapGatewayApplication;
import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The prod profile as an operator starts it, on PostgreSQL: it refuses clear-text credentials on the API. */
class ProductionStartIT {

    private static Map<String, Object> prod() {
        int[] ports = TestPorts.freePorts(4);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.profiles.active", "prod");
        properties.put("spring.datasource.url", EmbeddedPostgres.createDatabase(EmbeddedPostgres.server()));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("gateway.trace.hmac-key", "c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzLWF0LWxlYXN0IQ==");
        properties.put("gateway.cdap.base-url", "http://127.0.0.1:" + ports[2]);
        properties.put("gateway.cdap.service-password", "mot-de-passe-de-service");
        properties.put("gateway.api.host", "127.0.0.1");
        properties.put("gateway.api.port", ports[0]);
        properties.put("server.port", ports[1]);
        properties.put("management.server.port", ports[3]);
        properties.put("gateway.scheduling", "false");
        // a relay is named (prod refuses to start without one); nothing is sent: scheduling is off
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", TestPorts.freePort());
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments, which win over config/application.yml as an operator's environment would
        return new SpringApplicationBuilder(CdapGatewayApplication.class).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void prodRefusesToStartWithNeitherTlsNorADeclaredProxy() {
        assertThatThrownBy(() -> start(prod()).close())
                .rootCause().hasMessageContaining("GATEWAY_TLS_CERTIFICATE");
    }

    @Test
    void prodRefusesTheSimulatorsServicePassword() {
        Map<String, Object> properties = prod();
        properties.put("gateway.api.tls.terminating-proxy", "true");
        properties.put("gateway.cdap.service-password", "simulateur");
        assertThatThrownBy(() -> start(properties).close()).rootCause().hasMessageContaining("CDAP_SERVICE_PASSWORD");
    }

    @Test
    void prodRefusesToStartWithoutAMailRelay() {
        Map<String, Object> properties = prod();
        properties.put("gateway.api.tls.terminating-proxy", "true");
        properties.put("spring.mail.host", "");
        assertThatThrownBy(() -> start(properties).close()).rootCause().hasMessageContaining("MAIL_HOST");
    }

    @Test
    void prodStartsBehindADeclaredTlsTerminatingProxy() {
        Map<String, Object> properties = prod();
        properties.put("gateway.api.tls.terminating-proxy", "true");
        try (ConfigurableApplicationContext context = start(properties)) {
            assertThat(context.isRunning()).isTrue();
        }
    }
}
