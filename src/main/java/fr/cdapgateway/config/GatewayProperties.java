package fr.cdapgateway.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings shared by several features (config/application.yml, {@code gateway.*}). */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        boolean demo,
        @NotNull ZoneId zone,
        @Valid @NotNull Api api,
        @DefaultValue({}) List<@Valid Maintenance> maintenances) {

    public record Api(
            @NotBlank String host,
            @Min(1) @Max(65535) int port,
            @DefaultValue({}) List<String> trustedProxies) {
    }

    /** A planned maintenance window announced to partners. */
    public record Maintenance(@NotNull Instant debut, @NotNull Instant fin, @NotBlank String message) {

        public boolean covers(Instant instant) {
            return !instant.isBefore(debut) && instant.isBefore(fin);
        }

        public Duration remainingAt(Instant instant) {
            return Duration.between(instant, fin);
        }
    }
}
