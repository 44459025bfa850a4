package fr.cdapgateway.auth;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Authentication settings ({@code gateway.auth.*} in config/application.yml). */
@Validated
@ConfigurationProperties("gateway.auth")
record AuthProperties(
        @NotNull Duration credentialCacheTtl,
        @Min(1) long credentialCacheSize,
        @NotNull Duration accountCacheTtl,
        @Min(1) int maxConcurrentVerifications,
        @NotNull Duration verificationWait,
        @Min(1) int lockoutThreshold,
        @Min(1) int dailyFailureLimit,
        @NotNull Duration administratorPasswordMaxAge,
        @Valid @NotNull Argon2 argon2) {

    record Argon2(@Min(1024) int memoryKib, @Min(1) int iterations, @Min(1) int parallelism) {
    }
}
