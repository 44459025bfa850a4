package fr.cdapgateway.auth;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How credentials reach their holder (SPEC §14.3), {@code gateway.accounts.*}.
 *
 * @param managerPasswords       the old way, for sites without mail: a manager sets the first password
 *                               ({@code motDePasseInitial}); the prod profile refuses it
 * @param linkValidity           how long an activation or reset link works (72 h)
 * @param forgottenPerAddress    "mot de passe oublié" requests one client address may make per hour
 * @param forgottenPerLogin      ... and one login may be the object of per hour (whether it exists or not)
 */
@Validated
@ConfigurationProperties("gateway.accounts")
public record AccountsProperties(
        boolean managerPasswords,
        @NotNull Duration linkValidity,
        @Min(1) int forgottenPerAddress,
        @Min(1) int forgottenPerLogin) {
}
