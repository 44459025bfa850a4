import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate (what wrk cannot do): request i is due at start + i/rate whatever the answers,
 * and its latency runs from that moment (no coordinated omission: a request that waits for a free connection
 * is late, and its lateness counts). Keep-alive HTTP/1.1 on plain sockets, so the generator costs little CPU
 * next to what it measures. The first 2 seconds warm up and are not recorded.
 * Prints "sent ok errors p50_ms p90_ms p99_ms p999_ms".
 *
 * Usage: java bench/RateLoad.java URL RATE SECONDS [Header=Value ...]
 */
public class RateLoad {

    private static final int CONNECTIONS = 64;
    private static final int WARM_UP_SECONDS = 2;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        StringBuilder head = new StringBuilder("GET ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            head.append(args[i], 0, eq).append(": ").append(args[i].substring(eq + 1)).append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);

        int warmUp = rate * WARM_UP_SECONDS;
        int total = rate * seconds;
        long[] latencies = new long[total];
        boolean[] ok = new boolean[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 200_000_000L;

        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread thread = new Thread(() -> {
                Socket socket = null;
                InputStream in = null;
                while (true) {
                    int i = next.getAndIncrement();
                    if (i >= warmUp + total) {
                        break;
                    }
                    long due = start + i * interval;
                    for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                        LockSupport.parkNanos(due - now);
                    }
                    int status;
                    try {
                        if (socket == null) {
                            socket = new Socket(uri.getHost(), uri.getPort());
                            socket.setTcpNoDelay(true);
                            in = new BufferedInputStream(socket.getInputStream(), 65536);
                        }
                        status = exchange(socket.getOutputStream(), in, request);
                    } catch (IOException e) {
                        status = -1;
                        close(socket);
                        socket = null;
                    }
                    long latency = System.nanoTime() - due;
                    if (i >= warmUp) {
                        latencies[i - warmUp] = latency;
                        ok[i - warmUp] = status >= 200 && status < 300;
                        if (!ok[i - warmUp]) {
                            errors.incrementAndGet();
                        }
                    }
                }
                close(socket);
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long succeeded = 0;
        for (boolean b : ok) {
            succeeded += b ? 1 : 0;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("%d %d %d %.2f %.2f %.2f %.2f%n", total, succeeded, errors.get(),
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999));
    }

    /** Sends one request and reads one whole answer (Content-Length or chunked); returns the status. */
    private static int exchange(OutputStream out, InputStream in, byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        while (bytes > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, bytes));
            if (read < 0) {
                throw new IOException("connection closed");
            }
            bytes -= read;
        }
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1_000_000.0;
    }
}
