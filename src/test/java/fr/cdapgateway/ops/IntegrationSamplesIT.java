package fr.cdapgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.TestPorts;

/**
 * The integrators' samples of docs/integration.md, run against the running demo: the Java 11 HttpClient program
 * (compiled for Java 11, run in its own JVM) and the Postman collection, each request of which is sent with its
 * variables and authentication and held to the status, problem code and headers its own test script expects --
 * and to the OpenAPI contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class IntegrationSamplesIT {

    private static final Path SAMPLES = Path.of("docs/integration");
    private static final Pattern STATUS = Pattern.compile("to\\.have\\.status\\((\\d{3})\\)");
    private static final Pattern CODE = Pattern.compile("json\\(\\)\\.code\\)\\.to\\.eql\\(\"([a-z-]+)\"\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([A-Za-z$]+)}}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }

    @Value("${gateway.api.port}")
    int apiPort;

    @Test
    void theJava11SampleConsultsOneFamilyAndASchoolYearsBatch(@TempDir Path classes) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = compiler.run(null, diagnostics, diagnostics, "--release", "11", "-Xlint:all", "-Werror",
                "-d", classes.toString(), SAMPLES.resolve("ExempleFacturation.java").toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String java = ProcessHandle.current().info().command().orElse("java");
        Process sample = new ProcessBuilder(java, "-cp", classes.toString(), "ExempleFacturation",
                "http://127.0.0.1:" + apiPort, "niort.agent1", "Demo-Cdap-2026!").redirectErrorStream(true).start();
        String output = new String(sample.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sample.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(sample.exitValue()).as(output).isZero();
        assertThat(output).contains("QF 1000042 : 645 (CALCULE)")
                .contains("lot 1000042 : 200").contains("lot 9999001 : 200").contains("lot 1234567 : 404");

        Process refused = new ProcessBuilder(java, "-cp", classes.toString(), "ExempleFacturation",
                "http://127.0.0.1:" + apiPort, "niort.agent2", "pas-le-bon").redirectErrorStream(true).start();
        String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refusal).contains("refus 401 credentials-invalid (Identifiant ou mot de passe incorrect)")
                .containsPattern("référence à citer au support : facturation-[0-9a-f-]{36}");
    }

    @Test
    void everyRequestOfThePostmanCollectionGetsWhatItsTestsExpect() throws IOException {
        JsonNode collection = new ObjectMapper().readTree(SAMPLES.resolve("cdap-gateway.postman_collection.json").toFile());
        assertThat(collection.path("info").path("schema").asText()).contains("collection/v2.1.0");
        Map<String, String> variables = new LinkedHashMap<>();
        collection.path("variable").forEach(v -> variables.put(v.path("key").asText(), v.path("value").asText()));
        // the requests go through the tests' own client, which also holds each exchange to the OpenAPI contract
        variables.put("baseUrl", "");
        Api api = new Api(apiPort);

        List<String> run = new ArrayList<>();
        for (JsonNode item : collection.path("item")) {
            JsonNode request = item.path("request");
            String tests = String.join("\n", texts(item.path("event").get(0).path("script").path("exec")));
            Matcher expectedStatus = STATUS.matcher(tests);
            assertThat(expectedStatus.find()).as(item.path("name").asText() + " states the status it expects").isTrue();

            String body = request.path("body").path("raw").isMissingNode() ? null : request.path("body").path("raw").asText();
            Api.Call call = api.call(request.path("method").asText(),
                    resolve(request.path("url").path("raw").asText(), variables), body);
            request.path("header").forEach(h -> call.header(h.path("key").asText(), resolve(h.path("value").asText(), variables)));
            JsonNode auth = request.has("auth") ? request.path("auth") : collection.path("auth");
            if (auth.path("type").asText().equals("basic")) {
                Map<String, String> basic = new LinkedHashMap<>();
                auth.path("basic").forEach(b -> basic.put(b.path("key").asText(), resolve(b.path("value").asText(), variables)));
                call.as(basic.get("username"), basic.get("password"));
            }
            Api.Reply response = call.send();

            String name = item.path("name").asText();
            assertThat(response.status()).as(name + ": " + response.body())
                    .isEqualTo(Integer.parseInt(expectedStatus.group(1)));
            assertThat(response.header("X-Request-ID")).as(name).isNotNull();
            assertThat(response.header("Cache-Control")).as(name).isEqualTo("no-store");
            Matcher code = CODE.matcher(tests);
            if (code.find()) {
                assertThat(response.json().path("code").asText()).as(name).isEqualTo(code.group(1));
            }
            if (tests.contains("WWW-Authenticate")) {
                assertThat(response.header("WWW-Authenticate")).as(name).startsWith("Basic ");
            }
            if (tests.contains("RateLimit-Remaining")) {
                assertThat(response.header("RateLimit-Remaining")).as(name).isNotNull();
            }
            run.add(name);
        }
        assertThat(run).hasSizeGreaterThanOrEqualTo(8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String resolve(String text, Map<String, String> variables) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value = name.equals("$guid") ? java.util.UUID.randomUUID().toString() : variables.get(name);
            assertThat(value).as("collection variable " + name).isNotNull();
            variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }
}
