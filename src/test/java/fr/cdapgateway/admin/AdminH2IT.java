package fr.cdapgateway.admin;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestPorts;

/** The admin scenarios on the default storage: H2 in PostgreSQL mode. */
class AdminH2IT extends AdminScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }
}
