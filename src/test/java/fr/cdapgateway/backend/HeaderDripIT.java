package fr.cdapgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.Api.Reply;
import fr.cdapgateway.support.TestPorts;

/**
 * A backend that sends its status line at once, then one header line a second (issue 25): the HTTP client's
 * per-read timeout never trips, so only the call's own deadline (1.5 s in the tests) can end it — with 504
 * {@code backend-timeout}, long before the backend would have finished its thirty lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class HeaderDripIT {

    static final String DEMO = "Demo-Cdap-2026!";
    static final int LINES = 30;
    private static final AtomicInteger SENT_BEFORE_HANGUP = new AtomicInteger(-1);
    private static final ServerSocket BACKEND = start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPorts.register(registry);
        TestPorts.registerH2(registry);
        registry.add("gateway.cdap.base-url", () -> "http://127.0.0.1:" + BACKEND.getLocalPort());
    }

    @AfterAll
    static void stop() throws IOException {
        BACKEND.close();
    }

    @Value("${gateway.api.port}")
    int apiPort;

    private static ServerSocket start() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket peer = server.accept();
                        Thread drip = new Thread(() -> drip(peer), "header-drip");
                        drip.setDaemon(true);
                        drip.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "header-drip-accept");
            accept.setDaemon(true);
            accept.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request's head is read, then the answer's head comes a line a second. */
    private static void drip(Socket peer) {
        int sent = 0;
        try (peer) {
            InputStream in = peer.getInputStream();
            int last = 0;
            int seen = 0;
            while (seen < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                seen = (b == '\r' || b == '\n') && (last == '\r' || last == '\n') ? seen + 1 : (b == '\r' ? 1 : 0);
                last = b;
            }
            OutputStream out = peer.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (; sent < LINES; sent++) {
                Thread.sleep(1000);
                out.write(("X-Ligne-" + sent + ": goutte\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | InterruptedException gatewayHungUp) {
            SENT_BEFORE_HANGUP.compareAndSet(-1, sent);
        }
    }

    @Test
    void headersDrippedALineASecondMeetTheDeadlineOfTheWholeAnswer() {
        Reply dripped = new Api(apiPort).get("/api/v1/dossiers/1000042/quotient-familial").as("niort.agent1", DEMO)
                .motif("RESTAURATION_SCOLAIRE").send();

        assertThat(dripped.status()).as(dripped.toString()).isEqualTo(504);
        assertThat(dripped.code()).isEqualTo("backend-timeout");
        // the gateway hung up on the backend at its deadline, a few lines in, not after the thirty
        await().atMost(Duration.ofSeconds(20)).until(() -> SENT_BEFORE_HANGUP.get() >= 0);
        assertThat(SENT_BEFORE_HANGUP.get()).isLessThan(LINES / 2);
    }
}
