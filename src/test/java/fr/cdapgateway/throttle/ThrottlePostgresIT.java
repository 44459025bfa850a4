package fr.cdapgateway.throttle;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The throttling scenarios with buckets in PostgreSQL (bucket4j's PostgreSQL proxy manager). */
class ThrottlePostgresIT extends ThrottleScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
        ThrottleLimits.real(registry);
    }
}
