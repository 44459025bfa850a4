package fr.cdapgateway.config;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CAFs by name, so that people read "CAF des Deux-Sèvres" rather than "791" (SPEC §12), {@code gateway.cafs}:
 * code → name. A CAF not listed is shown by its code.
 */
@ConfigurationProperties("gateway")
public record CafDirectory(Map<String, String> cafs) {

    public String name(String code) {
        if (code == null) {
            return null;
        }
        String name = cafs == null ? null : cafs.get(code);
        return name == null ? "CAF " + code : name;
    }
}
