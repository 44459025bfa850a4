package fr.cdapgateway.habilitation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Caches;

/**
 * Habilitations and conventions, cached so the hot path reads no database. Whoever changes one invalidates
 * it at once; the TTL bounds staleness for changes made by another instance.
 */
@Component
public class HabilitationDirectory {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final HabilitationRepository repository;
    private final Cache<Long, List<Habilitation>> byUser = Caches.onCallersThread()
            .maximumSize(100_000).expireAfterWrite(TTL).build();
    private final Cache<String, Optional<Convention>> conventions = Caches.onCallersThread()
            .maximumSize(10_000).expireAfterWrite(TTL).build();

    HabilitationDirectory(HabilitationRepository repository) {
        this.repository = repository;
    }

    public List<Habilitation> habilitationsOf(long userId) {
        return byUser.get(userId, repository::habilitationsOf);
    }

    public Optional<Convention> convention(String numero) {
        return numero == null ? Optional.empty() : conventions.get(numero, repository::convention);
    }

    public void invalidateAll() {
        byUser.invalidateAll();
        conventions.invalidateAll();
    }
}
