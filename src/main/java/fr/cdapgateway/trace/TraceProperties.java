package fr.cdapgateway.trace;

import java.time.Duration;
import java.time.Period;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The trace writer, chain and retention ({@code gateway.trace.*}). */
@Validated
@ConfigurationProperties("gateway.trace")
public record TraceProperties(
        @NotBlank(message = "set GATEWAY_TRACE_KEY: the base64 HMAC key of the trace chain (32 bytes or more)")
        String hmacKey,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String instance,
        @Min(1) @Max(10_000) int maxBatch,
        @Min(1) int queueCapacity,
        @NotNull Duration commitTimeout,
        @NotNull Period retention,
        // the id of hmac-key, recorded with each day it chains; rotate by giving a new key a new id and moving the
        // old one to previous-keys (read-only, for verification) for as long as its days are kept
        @DefaultValue("k1") @Pattern(regexp = "[A-Za-z0-9._-]{1,40}") String keyId,
        @DefaultValue({}) Map<String, String> previousKeys,
        // an instance's hold on its chain's name (ChainLease): renewed every third of it; a duplicate waits this long
        @DefaultValue("15s") @NotNull Duration leaseDuration) {
}
