package fr.cdapgateway.consultation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import fr.cdapgateway.habilitation.Profile;

/** Each profile's allow-list (SPEC §6) as a {@link FieldFilter}, built once. */
@Component
public class AllowLists {

    private final Map<String, FieldFilter> filters = new ConcurrentHashMap<>();

    public FieldFilter of(Profile profile) {
        return filters.computeIfAbsent(profile.code(), code -> new FieldFilter(profile.champs()));
    }
}
