package fr.cdapgateway.mail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestPorts;

/** People are told, on the default storage: H2 in PostgreSQL mode. */
class MailH2IT extends MailScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        registry.add("gateway.api.trusted-proxies", () -> "127.0.0.1");
    }
}
