package fr.cdapgateway;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import fr.cdapgateway.admin.CafAdminCommand;
import fr.cdapgateway.simulator.SimulatorCommand;
import fr.cdapgateway.trace.VerifyTracesCommand;

/**
 * The gateway. As first argument, {@code create-caf-admin}, {@code verify-traces} or {@code simulator} runs that
 * command instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdapGatewayApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && CafAdminCommand.NAME.equals(args[0])) {
            System.exit(CafAdminCommand.run(CdapGatewayApplication::commandContext, Arrays.copyOfRange(args, 1, args.length), Map.of(),
                    System.getenv("GATEWAY_ADMIN_PASSWORD"), System.in, System.out));
        }
        if (args.length > 0 && SimulatorCommand.NAME.equals(args[0])) {
            Map<String, Object> properties = new HashMap<>();
            for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 2) {
                    properties.put(arg.substring(2, equals), arg.substring(equals + 1));
                }
            }
            properties.putIfAbsent("spring.datasource.url", "jdbc:h2:mem:simulator");
            SimulatorCommand.run(CdapGatewayApplication::commandContext, properties);
        }
        if (args.length > 0 && VerifyTracesCommand.NAME.equals(args[0])) {
            System.exit(VerifyTracesCommand.run(CdapGatewayApplication::commandContext, Map.of(), System.out));
        }
        SpringApplication.run(CdapGatewayApplication.class, args);
    }

    /**
     * The application as the command-line modes need it (see {@link fr.cdapgateway.config.CommandContext}): no
     * servers, no routes started, no demo data, no scheduled jobs.
     */
    public static ConfigurableApplicationContext commandContext(Map<String, Object> properties) {
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
