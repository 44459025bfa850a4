package fr.cdapgateway.throttle;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.TestPorts;

/** The throttling scenarios on a single instance (buckets in memory). */
class ThrottleH2IT extends ThrottleScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        ThrottleLimits.real(registry);
    }
}
