package fr.cdapgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Account;

class CredentialCacheTest {

    private final CredentialCache cache = new CredentialCache(new AuthProperties(Duration.ofMinutes(5), 100,
            Duration.ofSeconds(30), 2, Duration.ofSeconds(1), 10, 25, Duration.ofDays(365), new AuthProperties.Argon2(19456, 2, 1)));

    private static Account account(String login, String hash) {
        return new Account(1, login, "791", null, "N", "P", "e@x.example", "PERSONNE", "UTILISATEUR", null, hash,
                false, 0, null, null, null, null, null, false);
    }

    @Test
    void remembersAVerifiedCredentialWhileThePasswordHashIsUnchanged() {
        Account account = account("niort.agent1", "$argon2id$one");
        cache.remember("niort.agent1", "secret-password", account);

        assertThat(cache.isVerified("niort.agent1", "secret-password", account)).isTrue();
        assertThat(cache.isVerified("niort.agent1", "other-password", account)).isFalse();
        assertThat(cache.isVerified("niort.agent1", "secret-password", account("niort.agent1", "$argon2id$two")))
                .as("a password change invalidates at once").isFalse();
    }

    @Test
    void theKeyIsAnHmacNeverThePassword() {
        String fingerprint = cache.fingerprint("niort.agent1", "secret-password");

        assertThat(fingerprint).doesNotContain("secret", "niort");
        assertThat(fingerprint).isNotEqualTo(cache.fingerprint("niort.agent1s", "ecret-password"));
        assertThat(fingerprint).isNotEqualTo(new CredentialCache(new AuthProperties(Duration.ofMinutes(5), 100,
                Duration.ofSeconds(30), 2, Duration.ofSeconds(1), 10, 25, Duration.ofDays(365), new AuthProperties.Argon2(19456, 2, 1)))
                .fingerprint("niort.agent1", "secret-password"));
    }
}
