package fr.cdapgateway.consultation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a copy of a JSON document holding only the allow-listed leaf fields (SPEC §6). It copies what is allowed
 * rather than removing what is not, so a field the backend adds tomorrow, at any depth, is never shown by default
 * (OWASP API3). Paths: {@code a}, {@code a.b}, {@code a[].b} (in every element of array {@code a}); each names a
 * leaf, and a leaf passes only as a plain value (text, number, boolean, null): an object or an array found where
 * a leaf is listed is dropped, and so is a value whose shape differs from the path (an object where the path
 * says array, and the reverse).
 */
public final class FieldFilter {

    /** A node of the allow-list tree: a leaf, an object with named children, or an array of such elements. */
    private static final class Allowed {
        boolean array;
        final Map<String, Allowed> children = new HashMap<>();

        boolean leaf() {
            return children.isEmpty();
        }
    }

    private final Allowed root = new Allowed();

    public FieldFilter(List<String> paths) {
        for (String path : paths) {
            Allowed node = root;
            for (String segment : path.split("\\.")) {
                boolean array = segment.endsWith("[]");
                node = node.children.computeIfAbsent(array ? segment.substring(0, segment.length() - 2) : segment,
                        s -> new Allowed());
                node.array |= array;
            }
        }
    }

    public ObjectNode apply(JsonNode document) {
        ObjectNode filtered = document != null && document.isObject() ? object(document, root) : null;
        return filtered == null ? JsonNodeFactory.instance.objectNode() : filtered;
    }

    private static JsonNode copy(JsonNode source, Allowed allowed) {
        if (allowed.array) {
            return source.isArray() ? array(source, allowed) : null;
        }
        return element(source, allowed);
    }

    private static JsonNode element(JsonNode source, Allowed allowed) {
        if (allowed.leaf()) {
            return source.isValueNode() || source.isNull() ? source : null;
        }
        return source.isObject() ? object(source, allowed) : null;
    }

    private static ArrayNode array(JsonNode source, Allowed allowed) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(source.size());
        for (JsonNode item : source) {
            JsonNode copied = element(item, allowed);
            if (copied != null) {
                array.add(copied);
            }
        }
        return array;
    }

    private static ObjectNode object(JsonNode source, Allowed allowed) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        // in the backend's order, so answers read like the dossier
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            Allowed child = allowed.children.get(field.getKey());
            JsonNode copied = child == null ? null : copy(field.getValue(), child);
            if (copied != null) {
                object.set(field.getKey(), copied);
            }
        }
        return object;
    }
}
