package fr.cdapgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Free loopback ports and a private in-memory database for one application context, so contexts never
 * collide with each other or with a gateway running on the default ports.
 */
public final class TestPorts {

    private TestPorts() {
    }

    /** Registers API and simulator ports (chosen once, here) and the fast timeouts the tests use. */
    public static void register(DynamicPropertyRegistry registry) {
        int[] ports = freePorts(5);
        int api = ports[0];
        int simulator = ports[1];
        int management = ports[2];
        int console = ports[3];
        // chosen here with the others, so that Tomcat's random port can never fall on one of ours
        registry.add("server.port", () -> console);
        registry.add("management.server.port", () -> management);
        registry.add("gateway.api.port", () -> api);
        registry.add("gateway.api.host", () -> "127.0.0.1");
        registry.add("gateway.simulator.port", () -> simulator);
        registry.add("gateway.simulator.slow-delay-ms", () -> 4000);
        registry.add("gateway.cdap.response-timeout-ms", () -> 1500);
        // the scenarios of other features call faster than humans: only the throttling tests keep the real limits
        for (String limit : new String[] {"per-user", "per-user-batch", "per-convention", "failed-logins-per-address"}) {
            registry.add("gateway.throttle." + limit + ".capacity", () -> 1_000_000);
            registry.add("gateway.throttle." + limit + ".refill", () -> 1_000_000);
        }
        registry.add("gateway.throttle.per-user-daily", () -> 1_000_000);
        // each context's own embedded SMTP server (GreenMail), delivered to at a test's pace
        int smtp = ports[4];
        registry.add("gateway.mail.demo-port", () -> smtp);
        // the tests run the statistics job themselves: the start-up run would race them
        registry.add("gateway.statistics.first-run", () -> "PT24H");
        registry.add("gateway.mail.send-interval", () -> "200ms");
        registry.add("gateway.mail.first-retry", () -> "300ms");
        registry.add("gateway.mail.max-retry", () -> "1s");
    }

    public static void registerH2(DynamicPropertyRegistry registry) {
        String name = "it-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    /** Distinct free ports: all sockets are held open until every port is chosen. */
    public static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
