package fr.cdapgateway;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import fr.cdapgateway.admin.CafAdminCommand;
import fr.cdapgateway.trace.VerifyTracesCommand;

/** The gateway; {@code create-caf-admin} or {@code verify-traces} as first argument runs that command instead. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdapGatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && CafAdminCommand.NAME.equals(args[0])) {
            System.exit(CafAdminCommand.run(Arrays.copyOfRange(args, 1, args.length), Map.of(),
                    System.getenv("GATEWAY_ADMIN_PASSWORD"), System.in, System.out));
        }
        if (args.length > 0 && VerifyTracesCommand.NAME.equals(args[0])) {
            System.exit(VerifyTracesCommand.run(Map.of(), System.out));
        }
        SpringApplication.run(CdapGatewayApplication.class, args);
    }
}
