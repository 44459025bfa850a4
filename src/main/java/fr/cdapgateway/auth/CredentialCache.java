package fr.cdapgateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Remembers credentials that verified, so a repeat call costs an HMAC instead of an Argon2 verification.
 * The key is HMAC-SHA256(login, password) under a random key that lives only in this JVM's memory: neither
 * the password nor anything that allows testing guesses offline is stored. An entry is valid only while the
 * account still has the password hash it was verified against, so a password change invalidates it at once.
 */
@Component
class CredentialCache {

    private final SecretKeySpec key;
    private final Cache<String, String> verified;
    // a keyed Mac per thread, instead of creating and keying one on every request
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Autowired
    CredentialCache(AuthProperties properties, MeterRegistry meters) {
        this(properties);
        CaffeineCacheMetrics.monitor(meters, verified, "credentials");
    }

    CredentialCache(AuthProperties properties) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.verified = Caffeine.newBuilder()
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
        Mac mac = macs.get();
        mac.update(login.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
