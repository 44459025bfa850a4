package fr.cdapgateway.config;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * How a command-line mode of the jar gets the application it works with: database, rules and trace writer, but no
 * servers, no routes, no demo data, no scheduled jobs — same configuration as the gateway itself. The application's
 * main class provides it ({@code CdapGatewayApplication::commandContext}) and hands it to the command, so no
 * command reaches back up to the main class.
 */
@FunctionalInterface
public interface CommandContext {

    /** Starts the application with these properties, which win over {@code config/application.yml}. */
    ConfigurableApplicationContext start(Map<String, Object> properties);
}
