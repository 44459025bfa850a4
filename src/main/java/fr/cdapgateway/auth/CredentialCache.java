package fr.cdapgateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;

import com.github.benmanes.caffeine.cache.Cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Caches;
import fr.cdapgateway.config.HmacSha256;

/**
 * Remembers credentials that verified, so a repeat call costs an HMAC instead of an Argon2 verification.
 * The key is HMAC-SHA256(login, password) under a random key that lives only in this JVM's memory: neither
 * the password nor anything that allows testing guesses offline is stored. An entry is valid only while the
 * account still has the password hash it was verified against, so a password change invalidates it at once.
 */
@Component
class CredentialCache {

    private final HmacSha256 hmac;
    private final Cache<String, String> verified;

    @Autowired
    CredentialCache(AuthProperties properties, MeterRegistry meters) {
        this(properties);
        CaffeineCacheMetrics.monitor(meters, verified, "credentials");
    }

    CredentialCache(AuthProperties properties) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.hmac = new HmacSha256(secret);
        this.verified = Caches.onCallersThread()
                .maximumSize(properties.credentialCacheSize())
                .expireAfterWrite(properties.credentialCacheTtl())
                .recordStats()
                .build();
    }

    boolean isVerified(String login, String password, Account account) {
        String hash = verified.getIfPresent(fingerprint(login, password));
        return hash != null && hash.equals(account.passwordHash());
    }

    void remember(String login, String password, Account account) {
        verified.put(fingerprint(login, password), account.passwordHash());
    }

    String fingerprint(String login, String password) {
        Mac mac = hmac.mac();
        mac.update(login.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

}
