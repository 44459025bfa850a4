package fr.cdapgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.TestPorts;

/**
 * What operators build on is really exported: Camel's own route metrics on {@code /actuator/prometheus}, and every
 * metric that a panel of the Grafana dashboard or an alert rule queries (deploy/grafana, deploy/prometheus).
 */
// metrics export is off in Spring Boot tests unless asked for
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ObservabilityIT {

    static final String DEMO = "Demo-Cdap-2026!";
    /** Names PromQL gives meaning to, not metrics: functions are recognised by their parenthesis. */
    private static final Set<String> NOT_METRICS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "le", "up");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }

    @Value("${gateway.api.port}")
    int apiPort;
    @LocalManagementPort
    int managementPort;

    @Test
    void camelRouteMetricsAndEveryMetricOfTheDashboardAndTheAlertsAreExported() throws IOException {
        Api api = new Api(apiPort);
        assertThat(api.get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("CENTRE_LOISIRS").send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/moi").as("niort.agent1", "wrong").send().status()).isEqualTo(401);

        Api.Reply scraped = new Api(managementPort).get("/actuator/prometheus").send();
        assertThat(scraped.status()).isEqualTo(200);
        String exposition = scraped.body();
        Set<String> exported = new LinkedHashSet<>();
        exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);

        assertThat(exposition).as("Camel's route metrics, by route id")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"consult-quotient-familial\"")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"call-cdap-backend\"")
                .as("the REST verbs' own routes are not timed a second time (camel.metrics.route-policy-exclude-pattern)")
                .doesNotContainPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"rest-");

        Map<String, Set<String>> queried = new LinkedHashMap<>();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/dashboards/cdap-gateway.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queried.put("panel \"" + panel.path("title").asText() + "\"", metricsIn(target.path("expr").asText()));
            }
        }
        for (Map<String, Object> rule : alertRules()) {
            queried.put("alert " + rule.get("alert"), metricsIn(String.valueOf(rule.get("expr"))));
        }
        assertThat(queried).hasSizeGreaterThan(20);
        queried.forEach((where, metrics) -> {
            // Prometheus's own "up" aside, every query reads something the gateway exports
            if (!where.equals("alert GatewayInstanceDown")) {
                assertThat(metrics).as(where + " queries a metric").isNotEmpty();
            }
            assertThat(exported).as(where).containsAll(metrics);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Path.of("deploy/prometheus/alerts.yml")));
        return ((List<Map<String, Object>>) file.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
    }

    /** The metric names of a PromQL expression: label matchers, strings, ranges and function calls removed. */
    static Set<String> metricsIn(String expression) {
        String bare = expression.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\"[^\"]*\"", " ").replaceAll("(by|without)\\s*\\([^)]*\\)", " ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher token = IDENTIFIER.matcher(bare);
        while (token.find()) {
            String name = token.group();
            boolean call = bare.substring(token.end()).stripLeading().startsWith("(");
            if (!call && !NOT_METRICS.contains(name) && name.contains("_")) {
                metrics.add(name);
            }
        }
        return metrics;
    }
}
