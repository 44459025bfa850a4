package fr.cdapgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import fr.cdapgateway.habilitation.Profile;

/** The profiles exactly as config/profiles.yml declares them, for unit tests of the rules that use them. */
public final class ProfilesFromConfig {

    private ProfilesFromConfig() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Profile> load() {
        try (InputStream in = Files.newInputStream(Path.of("config/profiles.yml"))) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Map<String, Object>> profiles =
                    (Map<String, Map<String, Object>>) ((Map<String, Object>) root.get("gateway")).get("profiles");
            return profiles.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> {
                Map<String, Object> p = e.getValue();
                Object precondition = p.getOrDefault("precondition", "NONE");
                return new Profile(e.getKey(), (String) p.get("libelle"), (String) p.get("finalite"),
                        (List<String>) p.get("champs"), Profile.Precondition.valueOf(precondition.toString()),
                        (Integer) p.getOrDefault("rsa-months", 24));
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
