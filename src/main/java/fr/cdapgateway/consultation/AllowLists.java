package fr.cdapgateway.consultation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Profile;

/** Each profile's allow-list (SPEC §6) as a {@link FieldFilter}, built once. */
@Component
public class AllowLists {

    private final Map<String, FieldFilter> filters = new ConcurrentHashMap<>();

    /** The dossier's field that names the CAF holding it: read for every profile, shown only where allowed. */
    public static final String HOLDER = "caf";

    private final Map<String, FieldFilter> reads = new ConcurrentHashMap<>();

    public FieldFilter of(Profile profile) {
        return filters.computeIfAbsent(profile.code(), code -> new FieldFilter(profile.champs()));
    }

    /** What is read from the backend's answer: the profile's fields and the holding CAF (SPEC §14.11). */
    public FieldFilter readOf(Profile profile) {
        return reads.computeIfAbsent(profile.code(), code -> {
            java.util.List<String> fields = new java.util.ArrayList<>(profile.champs());
            if (!fields.contains(HOLDER)) {
                fields.add(HOLDER);
            }
            return new FieldFilter(fields);
        });
    }

    /** Whether the profile shows the holding CAF to its caller. */
    public static boolean shows(Profile profile, String field) {
        return profile.champs().contains(field);
    }
}
