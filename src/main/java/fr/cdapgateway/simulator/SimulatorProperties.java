package fr.cdapgateway.simulator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The built-in CDAP simulator ({@code gateway.simulator.*}); on only in demo mode (see GatewayModes). */
@Validated
@ConfigurationProperties("gateway.simulator")
record SimulatorProperties(boolean enabled, @Min(1) @Max(65535) int port, @Min(0) long slowDelayMs) {
}
