package fr.cdapgateway.consultation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a copy of a JSON document holding only the allow-listed paths (SPEC §6). It copies what is allowed
 * rather than removing what is not, so a field the backend adds tomorrow is never shown by default (OWASP API3).
 * Paths: {@code a} (the whole field), {@code a.b}, {@code a[].b} (in every element of array {@code a}).
 */
public final class FieldFilter {

    /** A node of the allow-list tree: either the whole subtree is allowed, or only the named children. */
    private static final class Allowed {
        boolean whole;
        final Map<String, Allowed> children = new HashMap<>();
    }

    private final Allowed root = new Allowed();

    public FieldFilter(List<String> paths) {
        for (String path : paths) {
            Allowed node = root;
            for (String segment : path.replace("[]", "").split("\\.")) {
                node = node.children.computeIfAbsent(segment, s -> new Allowed());
            }
            node.whole = true;
        }
    }

    public ObjectNode apply(JsonNode document) {
        JsonNode filtered = copy(document, root);
        return filtered instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode copy(JsonNode source, Allowed allowed) {
        if (allowed.whole) {
            return source.deepCopy();
        }
        if (source.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(source.size());
            source.forEach(element -> {
                JsonNode copied = copy(element, allowed);
                if (copied != null) {
                    array.add(copied);
                }
            });
            return array;
        }
        if (source.isObject()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            // in the backend's order, so answers read like the dossier
            source.properties().forEach(field -> {
                Allowed child = allowed.children.get(field.getKey());
                JsonNode copied = child == null ? null : copy(field.getValue(), child);
                if (copied != null) {
                    object.set(field.getKey(), copied);
                }
            });
            return object;
        }
        // a scalar where the allow-list expects structure: not what the profile was granted
        return null;
    }
}
