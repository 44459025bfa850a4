package fr.cdapgateway.throttle;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The throttling scenarios with buckets in PostgreSQL (bucket4j's PostgreSQL proxy manager). */
// closed when the class is done, while its PostgreSQL server still runs: cached until the JVM exits, its
// scheduled jobs and pool checks would find the server stopped by then
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ThrottlePostgresIT extends ThrottleScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
        ThrottleLimits.real(registry);
    }
}
