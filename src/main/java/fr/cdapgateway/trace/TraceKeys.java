package fr.cdapgateway.trace;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of the trace chain: the current one ({@code gateway.trace.key-id}, {@code gateway.trace.hmac-key}) chains
 * every new day; older ones ({@code gateway.trace.previous-keys}, id to base64 key) are kept read-only, to verify
 * the days they chained. Each day records the id of its key, so rotating the key never makes the past unverifiable.
 * A day stored before key ids existed is read as {@link #LEGACY_ID}.
 */
public final class TraceKeys {

    static final String LEGACY_ID = "k1";

    private final String currentId;
    private final Map<String, TraceChain> chains = new HashMap<>();

    public TraceKeys(TraceProperties properties) {
        this.currentId = properties.keyId();
        if (properties.previousKeys().containsKey(currentId)) {
            throw new IllegalArgumentException("gateway.trace.previous-keys must not hold the current key id "
                    + currentId);
        }
        properties.previousKeys().forEach((id, key) -> chains.put(id, new TraceChain(key)));
        chains.put(currentId, new TraceChain(properties.hmacKey()));
    }

    public String currentId() {
        return currentId;
    }

    public TraceChain current() {
        return chains.get(currentId);
    }

    /** The chain of a stored key id (null: a day stored before key ids). */
    public Optional<TraceChain> find(String id) {
        return Optional.ofNullable(chains.get(id == null ? LEGACY_ID : id));
    }

    /** The id a stored value names (null: a day stored before key ids). */
    static String idOf(String stored) {
        return stored == null ? LEGACY_ID : stored;
    }
}
