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
        int api = freePort();
        int simulator = freePort();
        registry.add("gateway.api.port", () -> api);
        registry.add("gateway.api.host", () -> "127.0.0.1");
        registry.add("gateway.simulator.port", () -> simulator);
        registry.add("gateway.simulator.slow-delay-ms", () -> 4000);
        registry.add("gateway.cdap.response-timeout-ms", () -> 1500);
    }

    public static void registerH2(DynamicPropertyRegistry registry) {
        String name = "it-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
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
