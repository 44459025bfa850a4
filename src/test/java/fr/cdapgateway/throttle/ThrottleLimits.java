package fr.cdapgateway.throttle;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The limits of config/limits.yml back in force, with two conventions narrowed so their limits bite fast. */
final class ThrottleLimits {

    private ThrottleLimits() {
    }

    static void real(DynamicPropertyRegistry registry) {
        registry.add("gateway.throttle.per-user.capacity", () -> 20);
        registry.add("gateway.throttle.per-user.refill", () -> 1);
        registry.add("gateway.throttle.per-convention.capacity", () -> 20);
        registry.add("gateway.throttle.per-convention.refill", () -> 20);
        registry.add("gateway.throttle.failed-logins-per-address.capacity", () -> 10);
        registry.add("gateway.throttle.failed-logins-per-address.refill", () -> 10);
        registry.add("gateway.throttle.per-user-daily", () -> 1500);
        registry.add("gateway.throttle.per-user-batch.capacity", () -> 300);
        registry.add("gateway.throttle.per-user-batch.refill", () -> 300);
        registry.add("gateway.throttle.conventions.2024-12.per-user-daily", () -> 3);
        registry.add("gateway.throttle.conventions.79-DEMO-RSA.per-convention.capacity", () -> 4);
        registry.add("gateway.throttle.conventions.79-DEMO-RSA.per-convention.refill", () -> 1);
        registry.add("gateway.throttle.conventions.79-DEMO-RSA.per-convention.period", () -> "1h");
    }
}
