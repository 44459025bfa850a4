package fr.cdapgateway.trace;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: an instance whose traces cannot be committed serves nothing, so it should get no traffic. */
@Component("traceWriterHealthIndicator")
class TraceWriterHealth implements HealthIndicator {

    private final TraceWriter writer;

    TraceWriterHealth(TraceWriter writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        Health.Builder health = writer.healthy() ? Health.up() : Health.down();
        return health.withDetail("enAttente", writer.backlog())
                .withDetail("dernierEchec", String.valueOf(writer.lastFailure()))
                .build();
    }
}
