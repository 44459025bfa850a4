package fr.cdapgateway.api;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * How the request path's caches are built (accounts, credentials, habilitations, conventions, rate-limit buckets,
 * the last addresses of a login). Caffeine does its upkeep — applying the reads it buffered, evicting, expiring — on
 * {@code ForkJoinPool.commonPool()} by default: under load that woke a pool thread every few hundred requests and
 * parked it again, about 6 µs of CPU per request in the profile (futex calls, mostly) for a few hundred nanoseconds
 * of work. Built here, a cache does its upkeep on the thread that fills its buffer, and no other thread is woken.
 * None of these caches has a listener or a refresh that could make that thread wait.
 */
public final class Caches {

    private Caches() {
    }

    /** A Caffeine builder whose upkeep runs on the calling thread. */
    public static Caffeine<Object, Object> onCallersThread() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
