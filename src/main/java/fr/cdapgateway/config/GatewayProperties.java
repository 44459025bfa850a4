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
    /**
     * A planned maintenance window announced to partners. {@code id} is the admin API's (none for a window of the
     * configuration); {@code caf} the CAF whose partners it stops (none: every CAF's, for a configured window).
     */
    public record Maintenance(Long id, @NotNull Instant debut, @NotNull Instant fin, @NotBlank String message,
                              String caf) {

        /** Whether the window stops the partners of this CAF (a window without a CAF stops every partner). */
        public boolean concerns(String partnerCaf) {
            return caf == null || caf.equals(partnerCaf);
        }

        public boolean covers(Instant instant) {
            return !instant.isBefore(debut) && instant.isBefore(fin);
        }

        public Duration remainingAt(Instant instant) {
            return Duration.between(instant, fin);
        }
    }
}
