package fr.cdapgateway.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import fr.cdapgateway.CdapGatewayApplication;

/**
 * The application as the command-line modes of the jar need it: database, rules and trace writer, but no
 * servers, no routes, no demo data, no scheduled jobs. Same configuration as the gateway itself.
 */
public final class CommandContext {

    private CommandContext() {
    }

    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(CdapGatewayApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // as command-line properties: they must win over config/application.yml
        Map<String, Object> settings = new HashMap<>(Map.of("camel.main.auto-startup", "false",
                "gateway.demo", "false", "gateway.scheduling", "false", "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"));
        settings.putAll(properties);
        return application.run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }
}
