package fr.cdapgateway.trace;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;

/**
 * Writes the request's trace before its answer leaves (SPEC §9). If the trace cannot be written, the answer
 * is replaced by 503 {@code trace-unavailable}: no data is ever served without its trace.
 */
@Component("traceRecorder")
public class TraceRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);

    /** The detail of the 503 {@code trace-unavailable} that replaces an answer whose trace could not be written. */
    public static final String UNAVAILABLE = "La consultation n'a pas pu être tracée : par sécurité, aucune donnée "
            + "n'est servie. Réessayez dans quelques instants.";

    private final TraceWriter writer;
    private final Clock clock;
    private final MeterRegistry meters;
    // the request timers by their tags: one per combination met
    private final java.util.Map<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private record TimerKey(String route, String action, int status, String code, String profil) {
    }

    TraceRecorder(TraceWriter writer, Clock clock, MeterRegistry meters) {
        this.writer = writer;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Returns once the request's trace is committed (true) or could not be (false: the answer must become 503
     * {@code trace-unavailable}). For steps that must go on on the same thread (the items of a batch).
     */
    public boolean record(GatewayRequest request, String route) {
        writer.checkCallerMayWait();
        return traced(request, route).join();
    }

    /**
     * Hands the request's trace to the writer and returns at once. The future completes, never exceptionally, on
     * the writer's thread: true once the trace is committed (and the request measured under {@code route}), false
     * if it could not be, in time — the answer must then become 503 {@code trace-unavailable}, never the data.
     */
    public CompletableFuture<Boolean> traced(GatewayRequest request, String route) {
        TraceRecord trace;
        CompletableFuture<Void> committed;
        try {
            trace = toRecord(request);
            committed = writer.submit(trace);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unavailable(request, e));
        }
        return committed.handle((ok, failure) -> {
            if (failure == null) {
                measure(route, request, trace.dureeMs());
                return true;
            }
            return unavailable(request, writer.unavailable(failure));
        });
    }

    private static boolean unavailable(GatewayRequest request, RuntimeException why) {
        LOG.error("trace of request {} could not be written ({}): answering trace-unavailable",
                request.requestId(), why.getMessage());
        return false;
    }

    /** Requests by route, outcome and profile, with their latency (SPEC §11). */
    private void measure(String route, GatewayRequest request, long millis) {
        TimerKey key = new TimerKey(String.valueOf(route), request.action(), request.status(),
                request.code() == null ? "none" : request.code(), request.profil() == null ? "none" : request.profil());
        // one timer per combination, looked up by a record: building its id and tags on every request cost more than
        // recording in it
        timers.computeIfAbsent(key, k -> Timer.builder("gateway.requests")
                .description("API requests, by route, action, outcome and profile")
                .tag("route", k.route())
                .tag("action", k.action())
                .tag("statut", Integer.toString(k.status()))
                .tag("code", k.code())
                .tag("profil", k.profil())
                .publishPercentileHistogram()
                .register(meters)).record(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes the trace of a request served outside the API's routes (the web console), and returns once it is
     * committed; throws {@link TraceUnavailableException} if it cannot be.
     */
    public void write(GatewayRequest request) {
        writer.write(toRecord(request));
    }

    /** Traces what the gateway does by itself (purges): the actor is "systeme". Fails loudly if it cannot. */
    public void recordInternal(String action, String objet) {
        writer.write(new TraceRecord(clock.instant(), java.util.UUID.randomUUID().toString(), "systeme", null, null,
                null, action, null, null, 200, null, 0, null, null, List.of(), objet));
    }

    private TraceRecord toRecord(GatewayRequest request) {
        long elapsedMs = (System.nanoTime() - request.startNanos()) / 1_000_000;
        return new TraceRecord(clock.instant(), request.requestId(), request.login(), request.convention(),
                request.service(), request.profil(), request.action(), request.numeroAllocataire(),
                request.motif(), request.status(), request.code(), (int) Math.min(elapsedMs, Integer.MAX_VALUE),
                request.clientAddress(), request.userAgent(), List.copyOf(request.flags()), request.objet());
    }
}
