package fr.cdapgateway.backend;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The CDAP backend ({@code gateway.cdap.*}). {@code base-url} is required: in demo mode it points at the
 * built-in simulator; with the prod profile, CDAP_BASE_URL must name the real endpoint.
 */
@Validated
@ConfigurationProperties("gateway.cdap")
record CdapProperties(
        @NotBlank(message = "set CDAP_BASE_URL to the CDAP endpoint (the simulator never runs with the prod profile)")
        String baseUrl,
        @Min(1) int connectTimeoutMs,
        @Min(1) int responseTimeoutMs,
        @NotBlank String serviceLogin,
        @NotBlank String servicePassword,
        // the largest answer read from the backend (a dossier is a few KB); beyond it: 502 backend-error
        @org.springframework.boot.context.properties.bind.DefaultValue("1048576") @Min(1024) long maxAnswerBytes,
        // connections kept to the backend (BackendConnections): one per call in flight, the bulkhead's limit below it
        @org.springframework.boot.context.properties.bind.DefaultValue("200") @Min(1) int maxConnections) {
}
