import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load at a fixed rate (what wrk cannot do): one request every 1/rate seconds whatever the answers,
 * latency measured from the moment the request was due (no coordinated omission). Prints
 * "sent ok errors p50_ms p90_ms p99_ms p999_ms".
 *
 * Usage: java bench/RateLoad.java URL RATE SECONDS [Header=Value ...]
 */
public class RateLoad {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            builder.header(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        HttpRequest request = builder.build();
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // send every request that is due by now (catches up if the pacer was late)
            while (true) {
                int i = next.get();
                if (i >= total || start + i * intervalNanos > now || !next.compareAndSet(i, i + 1)) {
                    break;
                }
                long due = start + i * intervalNanos;
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies[i] = System.nanoTime() - due;
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    done.incrementAndGet();
                });
            }
        }, 100, 1, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + (seconds + 15) * 1_000_000_000L;
        while (done.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pacer.shutdownNow();
        int completed = done.get();
        long[] sorted = Arrays.copyOf(latencies, completed);
        Arrays.sort(sorted);
        System.out.printf("%d %d %d %.2f %.2f %.2f %.2f%n", total, completed - errors.get(), errors.get(),
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 0.999));
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
