package fr.cdapgateway.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives the run mode switches of SPEC §3 before anything starts: without {@code CDAP_BASE_URL} the
 * built-in simulator serves the backend on loopback; with it, the simulator is off. The {@code prod}
 * profile never runs the simulator, whatever else is set.
 */
public class GatewayModes implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String baseUrl = environment.getProperty("gateway.cdap.base-url", "");
        boolean prod = environment.matchesProfiles("prod");
        boolean simulator = baseUrl.isBlank() && !prod;
        Map<String, Object> derived = new HashMap<>();
        derived.put("gateway.simulator.enabled", simulator);
        if (simulator) {
            // a placeholder, resolved when read: tests may set the simulator's port later
            derived.put("gateway.cdap.base-url", "http://127.0.0.1:${gateway.simulator.port}");
        }
        // mail: a relay named by MAIL_HOST, or in the demo the embedded GreenMail on loopback (never in prod)
        boolean demo = Boolean.parseBoolean(environment.getProperty("gateway.demo", "true"));
        String relayHost = environment.getProperty("MAIL_HOST", environment.getProperty("spring.mail.host", ""));
        boolean relay = !relayHost.isBlank();
        if (relay) {
            derived.put("spring.mail.host", relayHost);
        }
        boolean demoMail = !relay && demo && !prod;
        derived.put("gateway.mail.demo-server", demoMail);
        if (demoMail) {
            derived.put("spring.mail.host", "127.0.0.1");
            derived.put("spring.mail.port", "${gateway.mail.demo-port}");
        }
        if (!environment.getProperty("spring.mail.username", "").isBlank()) {
            derived.put("spring.mail.properties.mail.smtp.auth", true);
        }
        // HTTPS on the API port exactly when a certificate and its key are given
        String certificate = environment.getProperty("gateway.api.tls.certificate", "");
        String privateKey = environment.getProperty("gateway.api.tls.private-key", "");
        boolean tls = !certificate.isBlank() && !privateKey.isBlank();
        derived.put("gateway.api.tls.enabled", tls);
        if (tls) {
            // the web console (Tomcat) serves HTTPS from the same PEM files: its sign-in form carries passwords too
            derived.put("server.ssl.enabled", true);
            derived.put("server.ssl.certificate", "file:" + certificate);
            derived.put("server.ssl.certificate-private-key", "file:" + privateKey);
        }
        // the console's session cookie never travels in clear once the console is reached over TLS
        derived.put("server.servlet.session.cookie.secure", tls
                || Boolean.parseBoolean(environment.getProperty("gateway.api.tls.terminating-proxy", "false")));
        environment.getPropertySources().addFirst(new MapPropertySource("gatewayModes", derived));
    }

    @Override
    public int getOrder() {
        // after config files are read (ConfigDataEnvironmentPostProcessor), so their values are visible
        return Ordered.LOWEST_PRECEDENCE;
    }
}
