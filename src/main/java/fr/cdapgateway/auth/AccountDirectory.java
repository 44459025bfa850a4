package fr.cdapgateway.auth;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Caches;

/**
 * Accounts by login, cached so the request hot path does no database read. Every change made through the
 * gateway invalidates the entry at once; the short TTL bounds staleness for changes made elsewhere.
 */
@Component
public class AccountDirectory {

    private final AccountRepository repository;
    private final Cache<String, Optional<Account>> cache;

    AccountDirectory(AccountRepository repository, AuthProperties properties) {
        this.repository = repository;
        this.cache = Caches.onCallersThread()
                .maximumSize(properties.credentialCacheSize())
                .expireAfterWrite(properties.accountCacheTtl())
                .build();
    }

    public Optional<Account> find(String login) {
        return cache.get(login, repository::findByLogin);
    }

    public void invalidate(String login) {
        cache.invalidate(login);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }
}
