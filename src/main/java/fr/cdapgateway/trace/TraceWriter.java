package fr.cdapgateway.trace;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit (SPEC §9): requests hand their trace to one writer thread and wait; the writer takes everything
 * waiting (up to {@code gateway.trace.max-batch}), chains it, inserts it in one transaction and wakes every
 * waiter once it is committed. Each answer still leaves only after its own trace is durable, but N concurrent
 * requests share one commit instead of paying N. A failed or late commit is a {@link TraceUnavailableException}.
 */
@Component
public class TraceWriter implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TraceWriter.class);

    private record Pending(TraceRecord record, CompletableFuture<Void> committed) {
    }

    /** Where a chain segment stands: its last rank and link, and the key it is chained with. */
    private record ChainEnd(long rank, String link, String keyId) {
    }

    private final TraceStore store;
    private final TraceKeys keys;
    private final TraceProperties properties;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final Timer commitTimer;
    private final DistributionSummary batchSize;
    private final Map<LocalDate, ChainEnd> ends = new HashMap<>(); // the writer thread's alone
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private long lastProbeNanos = System.nanoTime() - 2_000_000_000L; // the writer thread's alone

    TraceWriter(TraceStore store, TraceProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.keys = new TraceKeys(properties);
        this.properties = properties;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.commitTimer = Timer.builder("gateway.trace.commit").description("Durations of trace group commits")
                .publishPercentileHistogram().register(meters);
        this.batchSize = DistributionSummary.builder("gateway.trace.batch.size")
                .description("Traces per group commit").publishPercentileHistogram().register(meters);
        meters.gauge("gateway.trace.queue", queue, BlockingQueue::size);
    }

    /** Refuses to let the writer's own thread wait for a commit: only that thread could make it. */
    void checkCallerMayWait() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the trace writer's thread cannot wait for a trace commit");
        }
    }

    /** Returns once the trace is committed; throws {@link TraceUnavailableException} if it cannot be, in time. */
    void write(TraceRecord record) {
        checkCallerMayWait();
        try {
            submit(record).get();
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceUnavailableException("interrupted while waiting for the trace commit");
        }
    }

    /**
     * Queues the trace and returns at once: the future completes (on the writer thread) once the trace is
     * committed, or exceptionally if it cannot be within {@code gateway.trace.commit-timeout}.
     *
     * @throws TraceUnavailableException at once if the writer is stopped or its queue is full
     */
    CompletableFuture<Void> submit(TraceRecord record) {
        if (!running) {
            throw new TraceUnavailableException("trace writer stopped");
        }
        Pending pending = new Pending(record, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new TraceUnavailableException("trace queue full");
        }
        return pending.committed().orTimeout(properties.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why a submitted trace was not committed, as the exception the callers answer with. */
    TraceUnavailableException unavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TraceUnavailableException unavailable) {
            return unavailable;
        }
        if (cause instanceof TimeoutException) {
            return new TraceUnavailableException("trace not committed within " + properties.commitTimeout());
        }
        return new TraceUnavailableException("trace commit failed: " + cause.getClass().getSimpleName());
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(properties.maxBatch());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    probeWhileUnhealthy();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.maxBatch() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                LOG.error("trace writer: unexpected {}", unexpected.getClass().getName());
                batch.forEach(p -> p.committed().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            List<ChainedTrace> chained = new ArrayList<>(batch.size());
            Map<LocalDate, TraceStore.SegmentTail> segmentEnds = new LinkedHashMap<>();
            List<LocalDate> newSegments = new ArrayList<>(1);
            for (Pending pending : batch) {
                ChainedTrace trace = chain(pending.record());
                chained.add(trace);
                segmentEnds.put(trace.segment(), new TraceStore.SegmentTail(trace, ends.get(trace.segment()).keyId()));
                if (trace.rank() == 1) {
                    newSegments.add(trace.segment());
                }
            }
            store.append(chained, List.copyOf(segmentEnds.values()), newSegments, properties.instance(), keys);
            commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSize.record(batch.size());
            lastSuccess = clock.instant();
            batch.forEach(p -> p.committed().complete(null));
            forgetOldSegments();
        } catch (RuntimeException e) {
            // the commit may have landed all the same (the connection broke after it): the chain ends are read
            // back from the database before the next batch, so no rank is ever used twice
            ends.clear();
            if (healthy()) {
                LOG.warn("trace commit of {} records failed: {}; readiness is down until a commit or a probe "
                        + "succeeds", batch.size(), e.getClass().getSimpleName());
            }
            lastFailure = clock.instant();
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    /**
     * Readiness comes back by itself: behind a load balancer that routes only to ready instances no request would
     * ever come to prove the database is back, so an idle writer that last failed probes it, once a second.
     */
    private void probeWhileUnhealthy() {
        if (healthy() || System.nanoTime() - lastProbeNanos < 1_000_000_000L) {
            return;
        }
        lastProbeNanos = System.nanoTime();
        try {
            store.probe();
            lastSuccess = clock.instant();
            LOG.info("trace database reachable again: readiness is up");
        } catch (RuntimeException stillDown) {
            lastFailure = clock.instant();
        }
    }

    private ChainedTrace chain(TraceRecord record) {
        LocalDate segment = TraceStore.segmentOf(record.horodatage());
        ChainEnd end = ends.computeIfAbsent(segment, this::resume);
        long rank = end.rank() + 1;
        ChainedTrace unlinked = new ChainedTrace(record, properties.instance(), segment, rank, null);
        String link = keys.find(end.keyId()).orElseThrow().link(end.link(), unlinked);
        ends.put(segment, new ChainEnd(rank, link, end.keyId()));
        return new ChainedTrace(record, properties.instance(), segment, rank, link);
    }

    /**
     * After a restart the day's chain goes on from its sealed end, with the key it was chained with (a rotated key
     * takes over from the next day); a new day starts from its genesis, with the current key.
     */
    private ChainEnd resume(LocalDate segment) {
        return store.segmentEnd(properties.instance(), segment)
                .filter(end -> keys.find(end.keyId()).isPresent())
                .map(end -> new ChainEnd(end.lastRank(), end.lastLink(), end.keyId()))
                .orElseGet(() -> new ChainEnd(0, keys.current().genesis(properties.instance(), segment),
                        keys.currentId()));
    }

    private void forgetOldSegments() {
        LocalDate yesterday = TraceStore.segmentOf(clock.instant()).minusDays(1);
        ends.keySet().removeIf(day -> day.isBefore(yesterday));
    }

    /** For health: is the writer running, and did its last commit succeed? */
    public boolean healthy() {
        Instant failure = lastFailure;
        Instant success = lastSuccess;
        return running && (failure == null || (success != null && success.isAfter(failure)));
    }

    Instant lastFailure() {
        return lastFailure;
    }

    int backlog() {
        return queue.size();
    }

    @Override
    public void start() {
        running = true;
        Thread writer = new Thread(this::run, "trace-writer");
        writer.setDaemon(false);
        writer.start();
        thread = writer;
    }

    @Override
    public void stop() {
        running = false;
        Thread writer = thread;
        if (writer != null) {
            try {
                writer.join(properties.commitTimeout().toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the routes and stopped after them, so in-flight requests get their traces written. */
    @Override
    public int getPhase() {
        return 0;
    }
}
