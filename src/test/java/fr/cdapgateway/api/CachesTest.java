package fr.cdapgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.benmanes.caffeine.cache.Cache;

import org.junit.jupiter.api.Test;

class CachesTest {

    @Test
    void aCacheDoesItsUpkeepOnTheCallersThread() {
        List<Thread> upkeep = new CopyOnWriteArrayList<>();
        Cache<String, String> cache = Caches.onCallersThread().maximumSize(1)
                .<String, String>removalListener((key, value, cause) -> upkeep.add(Thread.currentThread())).build();

        cache.put("a", "1");
        cache.put("b", "2"); // over its size: an eviction, which Caffeine hands to its executor with the listener
        cache.invalidateAll();

        assertThat(upkeep).as("evicted and invalidated, each seen at once").hasSize(2)
                .allMatch(thread -> thread == Thread.currentThread());
    }
}
