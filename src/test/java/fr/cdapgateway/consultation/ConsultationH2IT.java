package fr.cdapgateway.consultation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestPorts;

/** The consultation scenarios on the default storage: H2 in PostgreSQL mode. */
class ConsultationH2IT extends ConsultationScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }
}
