package fr.cdapgateway;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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
            System.exit(CafAdminCommand.run(Arrays.copyOfRange(args, 1, args.length), Map.of(),
                    System.getenv("GATEWAY_ADMIN_PASSWORD"), System.in, System.out));
        }
        if (args.length > 0 && SimulatorCommand.NAME.equals(args[0])) {
            Map<String, Object> properties = new java.util.HashMap<>();
            for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 2) {
                    properties.put(arg.substring(2, equals), arg.substring(equals + 1));
                }
            }
            properties.putIfAbsent("spring.datasource.url", "jdbc:h2:mem:simulator");
            SimulatorCommand.run(properties);
        }
        if (args.length > 0 && VerifyTracesCommand.NAME.equals(args[0])) {
            System.exit(VerifyTracesCommand.run(Map.of(), System.out));
        }
        SpringApplication.run(CdapGatewayApplication.class, args);
    }
}
