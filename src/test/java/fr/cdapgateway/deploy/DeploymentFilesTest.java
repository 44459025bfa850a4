package fr.cdapgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import fr.cdapgateway.support.Tool;

/**
 * The deployment files, each checked by the tool that will read it: the Kubernetes manifests rendered by
 * {@code kubectl kustomize} (probes, security context, resources, secrets asserted on the rendered objects), the
 * compose file by {@code docker-compose config}, the alert rules by {@code promtool} (with their unit tests), and
 * the Dockerfile read for what a platform team checks first: pinned bases, a numeric user, the heap and OCI labels.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final int UID = 10001;

    @Test
    @SuppressWarnings("unchecked")
    void theProductionOverlayRendersProbesASecureContextResourcesAndSecretReferences() {
        Tool.Result rendered = Tool.run(ROOT, Map.of(), "kubectl", "kustomize", "deploy/k8s/overlays/production");
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        Map<String, Map<String, Object>> objects = new java.util.LinkedHashMap<>();
        for (Object document : yaml().loadAll(rendered.output())) {
            Map<String, Object> object = (Map<String, Object>) document;
            objects.put(object.get("kind") + "/" + path(object, "metadata.name"), object);
        }
        assertThat(objects).containsKeys("Deployment/cdap-gateway", "Service/cdap-gateway",
                "PodDisruptionBudget/cdap-gateway", "NetworkPolicy/cdap-gateway", "ServiceAccount/cdap-gateway");

        Map<String, Object> deployment = objects.get("Deployment/cdap-gateway");
        assertThat(path(deployment, "metadata.namespace")).isEqualTo("cdap-gateway");
        assertThat(path(deployment, "spec.replicas")).isEqualTo(3);
        Map<String, Object> pod = (Map<String, Object>) path(deployment, "spec.template.spec");
        assertThat(path(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(path(pod, "securityContext.runAsUser")).isEqualTo(UID);
        assertThat(path(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(path(pod, "automountServiceAccountToken")).isEqualTo(false);

        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat(container.get("image")).isEqualTo("registry.example.fr/cdap-gateway:0.1.0");
        assertThat(path(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(path(container, probe + ".httpGet.port")).as(probe).isEqualTo("management");
        }
        assertThat(((List<Map<String, Object>>) container.get("ports")))
                .anySatisfy(port -> assertThat(port).containsEntry("name", "management").containsEntry("containerPort", 8081));
        assertThat(path(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(path(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(path(container, "securityContext.runAsUser")).isEqualTo(UID);
        assertThat((List<String>) path(container, "securityContext.capabilities.drop")).containsExactly("ALL");
        assertThat(path(container, "resources.requests.cpu")).isEqualTo("1");
        assertThat(path(container, "resources.requests.memory")).isEqualTo("640Mi");
        assertThat(path(container, "resources.limits.memory")).as("no memory overcommit: limit = request")
                .isEqualTo(path(container, "resources.requests.memory"));
        assertThat(((List<Map<String, Object>>) container.get("volumeMounts")))
                .anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/tmp"));

        List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
        for (String secret : List.of("DB_PASSWORD", "CDAP_SERVICE_PASSWORD", "GATEWAY_TRACE_KEY", "MAIL_PASSWORD")) {
            assertThat(env).as(secret).anySatisfy(variable -> {
                assertThat(variable.get("name")).isEqualTo(secret);
                assertThat(path(variable, "valueFrom.secretKeyRef.name")).isEqualTo("cdap-gateway");
                assertThat(variable).doesNotContainKey("value");
            });
        }
        assertThat(env).anySatisfy(variable -> {
            assertThat(variable.get("name")).isEqualTo("GATEWAY_INSTANCE");
            assertThat(path(variable, "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.name");
        });
        String configMap = (String) path(((List<Map<String, Object>>) container.get("envFrom")).get(0),
                "configMapRef.name");
        Map<String, Object> config = objects.get("ConfigMap/" + configMap);
        assertThat((Map<String, Object>) config.get("data")).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsKeys("DB_URL", "CDAP_BASE_URL", "GATEWAY_HEAP", "MAIL_HOST", "GATEWAY_CONSOLE_PUBLIC_URL")
                .doesNotContainKeys("DB_PASSWORD", "GATEWAY_TRACE_KEY", "CDAP_SERVICE_PASSWORD", "MAIL_PASSWORD");

        Map<String, Object> podLabels = (Map<String, Object>) path(deployment, "spec.template.metadata.labels");
        assertThat(podLabels).containsAllEntriesOf(
                (Map<String, Object>) path(objects.get("PodDisruptionBudget/cdap-gateway"), "spec.selector.matchLabels"));
        assertThat(path(objects.get("PodDisruptionBudget/cdap-gateway"), "spec.minAvailable")).isEqualTo(1);
        Map<String, Object> policySelector = (Map<String, Object>) path(objects.get("NetworkPolicy/cdap-gateway"),
                "spec.podSelector.matchLabels");
        assertThat(policySelector).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(policySelector);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFileIsAcceptedAndKeepsEverySecretOutOfTheEnvironment() {
        Map<String, String> environment = Map.of("CDAP_BASE_URL", "https://cdap.example",
                "CDAP_SERVICE_LOGIN", "passerelle", "MAIL_HOST", "smtp.example",
                "GATEWAY_CONSOLE_PUBLIC_URL", "https://console.example");
        Tool.Result config = Tool.run(ROOT, environment, "docker-compose", "--profile", "observability", "config");
        assertThat(config.exitCode()).as(config.output()).isZero();
        Map<String, Object> compose = (Map<String, Object>) yaml().load(config.output());
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("db", "gateway", "prometheus", "grafana");

        Map<String, Object> gateway = (Map<String, Object>) services.get("gateway");
        Map<String, Object> env = (Map<String, Object>) gateway.get("environment");
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "prod").containsEntry("MAIL_HOST", "smtp.example")
                .doesNotContainKeys("DB_PASSWORD", "GATEWAY_TRACE_KEY", "CDAP_SERVICE_PASSWORD", "MAIL_PASSWORD");
        assertThat(((List<Map<String, Object>>) gateway.get("secrets")).stream().map(s -> s.get("target")))
                .contains("DB_PASSWORD", "GATEWAY_TRACE_KEY", "CDAP_SERVICE_PASSWORD", "MAIL_PASSWORD");
        assertThat(gateway.get("read_only")).isEqualTo(true);
        for (String service : List.of("db", "gateway", "prometheus", "grafana")) {
            String image = (String) ((Map<String, Object>) services.get(service)).get("image");
            assertThat(image).as(service).matches(".+:v?[0-9]+\\.[0-9]+(\\.[0-9]+)?(-[a-z]+)?");
        }

        Tool.Result missing = Tool.run(ROOT, Map.of("CDAP_SERVICE_LOGIN", "passerelle"), "docker-compose", "config", "-q");
        assertThat(missing.exitCode()).as("the backend's address is required, never defaulted").isNotZero();
        assertThat(missing.output()).contains("CDAP_BASE_URL");
    }

    @Test
    void theAlertRulesAndPrometheusConfigurationPassPromtoolAndTheirUnitTests() {
        Path prometheus = ROOT.resolve("deploy/prometheus");
        for (String[] command : List.of(new String[] {"promtool", "check", "rules", "alerts.yml"},
                new String[] {"promtool", "test", "rules", "alerts-test.yml"},
                new String[] {"promtool", "check", "config", "prometheus.yml"})) {
            Tool.Result result = Tool.run(prometheus, Map.of(), command);
            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS");
        }
    }

    @Test
    void theDockerfilePinsItsBasesRunsAsANumericUserAndTakesItsHeapFromTheEnvironment() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String joined = dockerfile.replace("\\\n", "");
        List<String> bases = matches(joined, "(?m)^ARG [A-Z_]+_IMAGE=(\\S+)$");
        assertThat(bases).hasSize(2).allSatisfy(base ->
                assertThat(base).as("a base image pinned to an exact release").matches("[a-z/.-]+:[0-9]+\\.[0-9]+\\.[0-9]+[_.0-9]*-.+"));
        assertThat(matches(joined, "(?m)^FROM (\\S+)")).containsExactly("${BUILD_IMAGE}", "${RUNTIME_IMAGE}");
        assertThat(matches(joined, "(?m)^USER (\\S+)$")).containsExactly(UID + ":" + UID);
        for (String label : List.of("title", "version", "revision", "created", "source", "licenses")) {
            assertThat(joined).contains("org.opencontainers.image." + label + "=");
        }
        assertThat(dockerfile).as("the production example is complete").contains("GATEWAY_TRACE_KEY=")
                .contains("DB_URL=").contains("CDAP_SERVICE_PASSWORD=").contains("GATEWAY_TLS_CERTIFICATE=");
        assertThat(matches(joined, "(?m)^ENV GATEWAY_HEAP=(\\S+)$")).containsExactly("160m");

        // the entrypoint, run by a shell with java replaced by echo: the heap from the environment, arguments passed
        JsonNode entrypoint = new ObjectMapper().readTree(matches(joined, "(?m)^ENTRYPOINT (\\[.*\\])$").get(0));
        assertThat(entrypoint.get(0).asText()).isEqualTo("sh");
        List<String> command = new ArrayList<>();
        entrypoint.forEach(part -> command.add(part.asText()));
        command.set(2, command.get(2).replaceFirst("^exec java ", "exec echo "));
        command.add("--gateway.demo=false");
        Tool.Result run = Tool.run(ROOT, Map.of("GATEWAY_HEAP", "256m"), command.toArray(String[]::new));
        assertThat(run.output().trim()).contains("-Xms256m -Xmx256m").endsWith("-jar cdap-gateway.jar --gateway.demo=false");
    }

    @Test
    void theDashboardIsAGrafanaDashboardWhosePanelsEachQueryTheGateway() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/cdap-gateway.json")
                .toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("cdap-gateway");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        int queried = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("gridPos").path("w").asInt()).as(panel.path("title").asText()).isPositive();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(target -> assertThat(target.path("expr").asText())
                    .contains("job=\"cdap-gateway\"").contains("instance=~\"$instance\""));
            queried++;
        }
        assertThat(queried).isGreaterThanOrEqualTo(15);
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> object, String dotted) {
        Object current = object;
        for (String key : dotted.split("\\.")) {
            current = current instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return current;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
