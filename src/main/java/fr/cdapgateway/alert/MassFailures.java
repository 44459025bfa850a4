package fr.cdapgateway.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins en masse on one convention (SPEC §14.5): {@code threshold} (50) failures within {@code window}
 * (10 minutes) raise an {@code ECHECS_EN_MASSE} alert — someone is trying passwords across its accounts. Counted in
 * memory by each instance (a failure costs an Argon2 verification already; no database round trip is added to it):
 * in a cluster behind a round-robin balancer, each instance sees its share, so the threshold holds per instance.
 */
@Component
public class MassFailures {

    private static final Logger LOG = LoggerFactory.getLogger(MassFailures.class);

    private final Alerts alerts;
    private final Clock clock;
    private final int threshold;
    private final Duration window;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    MassFailures(Alerts alerts, Clock clock, @Value("${gateway.alerts.mass-failures.threshold:50}") int threshold,
                 @Value("${gateway.alerts.mass-failures.window:10m}") Duration window) {
        this.alerts = alerts;
        this.clock = clock;
        this.threshold = threshold;
        this.window = window;
    }

    /** One failed login on an account of this convention. */
    public void failure(String caf, String convention) {
        if (convention == null) {
            return;
        }
        long now = clock.millis();
        int count;
        Deque<Long> times = failures.computeIfAbsent(convention, c -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
                times.removeFirst();
            }
            count = times.size();
            if (count >= threshold) {
                times.clear(); // the next alert occurrence needs as many failures again
            }
        }
        if (count >= threshold) {
            try {
                alerts.raise(AlertType.ECHECS_EN_MASSE, caf, convention, null);
            } catch (RuntimeException e) {
                LOG.warn("mass failures on a convention: the alert could not be recorded ({})",
                        e.getClass().getSimpleName());
            }
        }
    }
}
