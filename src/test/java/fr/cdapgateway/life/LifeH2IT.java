package fr.cdapgateway.life;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestPorts;

/** The convention's life, on the default storage: H2 in PostgreSQL mode. */
// closed when the class is done: its clock has run years ahead, and its jobs must not run on after it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LifeH2IT extends LifeScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
    }
}
