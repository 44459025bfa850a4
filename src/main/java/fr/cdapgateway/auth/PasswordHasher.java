package fr.cdapgateway.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** Argon2id hashes (SPEC §7). Deliberately slow: callers bound its concurrency and cache its successes. */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder encoder;
    private final String decoy;

    PasswordHasher(AuthProperties properties) {
        AuthProperties.Argon2 argon2 = properties.argon2();
        this.encoder = new Argon2PasswordEncoder(16, 32, argon2.parallelism(), argon2.memoryKib(),
                argon2.iterations());
        this.decoy = encoder.encode("decoy-password-never-valid");
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of a real verification, so an unknown login answers as slowly as a known one. */
    void spendVerificationTime(String password) {
        encoder.matches(password, decoy);
    }
}
