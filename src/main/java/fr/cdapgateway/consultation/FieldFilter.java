package fr.cdapgateway.consultation;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON document keeping only the allow-listed leaf fields (SPEC §6). It keeps what is allowed rather than
 * removing what is not, so a field the backend adds tomorrow, at any depth, is never shown by default
 * (OWASP API3). Paths: {@code a}, {@code a.b}, {@code a[].b} (in every element of array {@code a}); each names a
 * leaf, and a leaf passes only as a plain value (text, number, boolean, null): an object or an array found where
 * a leaf is listed is dropped, and so is a value whose shape differs from the path (an object where the path
 * says array, and the reverse).
 * <p>
 * The rules apply as the document is parsed (the backend's answer, SPEC §5): what is not allowed is skipped token by
 * token — still parsed, so a malformed document is refused — and never built into a tree.
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

    /**
     * Reads one JSON value from the parser (positioned before it, or on its first token) and returns its allow-listed
     * leaves: an empty object if the value is not an object.
     *
     * @throws IOException if the value is not well-formed JSON (duplicate keys included, if the parser detects them)
     */
    public ObjectNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return readObject(parser, root);
        }
        parser.skipChildren();
        return JsonNodeFactory.instance.objectNode();
    }

    /** The value the parser is on, if allowed by {@code allowed}; otherwise skipped, and null. */
    private static JsonNode read(JsonParser parser, Allowed allowed) throws IOException {
        if (allowed.array) {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode element = readElement(parser, allowed);
                    if (element != null) {
                        array.add(element);
                    }
                }
                return array;
            }
            parser.skipChildren();
            return null;
        }
        return readElement(parser, allowed);
    }

    private static JsonNode readElement(JsonParser parser, Allowed allowed) throws IOException {
        JsonToken token = parser.currentToken();
        if (allowed.leaf() && token.isScalarValue()) {
            return scalar(parser, token);
        }
        if (!allowed.leaf() && token == JsonToken.START_OBJECT) {
            return readObject(parser, allowed);
        }
        parser.skipChildren();
        return null;
    }

    private static ObjectNode readObject(JsonParser parser, Allowed allowed) throws IOException {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            Allowed child = allowed.children.get(name);
            if (child == null) {
                parser.skipChildren();
                continue;
            }
            JsonNode value = read(parser, child);
            if (value != null) {
                object.set(name, value);
            }
        }
        return object;
    }

    /** A plain value as the tree reader would build it (integers by size, other numbers as doubles). */
    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> nodes.nullNode();
            default -> null; // an embedded object: no JSON text produces one
        };
    }
}
