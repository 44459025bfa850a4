package fr.cdapgateway.habilitation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import fr.cdapgateway.api.Profile;

/**
 * The profile definitions of config/profiles.yml, validated at start-up so a typo, or an allow-list entry that
 * names a whole object instead of a leaf, fails fast with a clear message.
 */
@Validated
@ConfigurationProperties("gateway")
record ProfileDefinitions(@NotEmpty Map<String, @Valid Definition> profiles, @NotNull @Valid Dossier dossier) {

    public record Definition(@NotBlank String libelle, @NotBlank String finalite,
                             @NotEmpty List<@NotBlank String> champs,
                             @DefaultValue("NONE") Profile.Precondition precondition,
                             @DefaultValue("24") int rsaMonths) {
    }

    /** The dossier's known objects ({@code adresse}) and arrays ({@code enfants[]}). */
    public record Dossier(@NotEmpty List<@NotBlank String> objets) {
    }

    ProfileDefinitions {
        Map<String, Definition> copy = new LinkedHashMap<>(profiles == null ? Map.of() : profiles);
        Set<String> objets = dossier == null ? Set.of() : Set.copyOf(dossier.objets());
        List<String> problems = new ArrayList<>();
        copy.forEach((code, definition) -> problems.addAll(AllowListRules.problems(code, definition.champs(), objets)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("config/profiles.yml: " + String.join("; ", problems));
        }
        profiles = Map.copyOf(copy);
    }
}
