package fr.cdapgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CdapGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdapGatewayApplication.class, args);
    }
}
