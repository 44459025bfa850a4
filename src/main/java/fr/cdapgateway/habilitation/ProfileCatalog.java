package fr.cdapgateway.habilitation;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Profile;

/** The profiles the gateway knows, by code (T1, T2, ...). */
@Component
public class ProfileCatalog {

    private final Map<String, Profile> profiles;

    ProfileCatalog(ProfileDefinitions definitions) {
        this.profiles = definitions.profiles().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey,
                e -> new Profile(e.getKey(), e.getValue().libelle(), e.getValue().finalite(),
                        java.util.List.copyOf(e.getValue().champs()), e.getValue().precondition(),
                        e.getValue().rsaMonths())));
    }

    public Optional<Profile> find(String code) {
        return Optional.ofNullable(code == null ? null : profiles.get(code));
    }
}
