package fr.cdapgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import fr.cdapgateway.api.Profile;

/** The profiles exactly as config/profiles.yml declares them, for unit tests of the rules that use them. */
public final class ProfilesFromConfig {

    private ProfilesFromConfig() {
    }

    /** The dossier's declared objects and arrays ({@code gateway.dossier.objets}). */
    @SuppressWarnings("unchecked")
    public static List<String> objets() {
        return (List<String>) ((Map<String, Object>) gateway().get("dossier")).get("objets");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Profile> load() {
        Map<String, Map<String, Object>> profiles = (Map<String, Map<String, Object>>) gateway().get("profiles");
        return profiles.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> {
                Map<String, Object> p = e.getValue();
                Object precondition = p.getOrDefault("precondition", "NONE");
                return new Profile(e.getKey(), (String) p.get("libelle"), (String) p.get("finalite"),
                        (List<String>) p.get("champs"), Profile.Precondition.valueOf(precondition.toString()),
                        (Integer) p.getOrDefault("rsa-months", 24));
            }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gateway() {
        try (InputStream in = Files.newInputStream(Path.of("config/profiles.yml"))) {
            Map<String, Object> root = new Yaml().load(in);
            return (Map<String, Object>) root.get("gateway");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
