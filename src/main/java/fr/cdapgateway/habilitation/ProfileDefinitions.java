package fr.cdapgateway.habilitation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The profile definitions of config/profiles.yml, validated at start-up so a typo fails fast with a clear message. */
@Validated
@ConfigurationProperties("gateway")
record ProfileDefinitions(@NotEmpty Map<String, @Valid Definition> profiles) {

    private static final Pattern PATH = Pattern.compile("[A-Za-z]\\w*(\\[\\])?(\\.[A-Za-z]\\w*(\\[\\])?)*");

    public record Definition(@NotBlank String libelle, @NotBlank String finalite,
                             @NotEmpty java.util.List<@NotBlank String> champs,
                             @DefaultValue("NONE") Profile.Precondition precondition,
                             @DefaultValue("24") int rsaMonths) {
    }

    ProfileDefinitions {
        Map<String, Definition> copy = new LinkedHashMap<>(profiles == null ? Map.of() : profiles);
        copy.forEach((code, definition) -> definition.champs().forEach(path -> {
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("config/profiles.yml: profile " + code
                        + " has an invalid field path '" + path + "'");
            }
        }));
        profiles = Map.copyOf(copy);
    }

}
