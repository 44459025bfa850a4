package fr.cdapgateway.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

import fr.cdapgateway.api.GatewayRequest;

/**
 * Path and query parameters read from the request line itself. Camel also copies them into message headers,
 * where a client's HTTP header of the same name ("numeroAllocataire: ...") would collide with them: reading
 * the URI leaves no room for that.
 */
public final class RequestUri {

    private final String path;
    private final Map<String, List<String>> query = new LinkedHashMap<>();

    private RequestUri(String uri) {
        String raw = uri == null ? "" : uri;
        int mark = raw.indexOf('?');
        this.path = mark < 0 ? raw : raw.substring(0, mark);
        if (mark >= 0) {
            for (String pair : raw.substring(mark + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
        }
    }

    public static RequestUri of(Exchange exchange) {
        // the raw request line when there is one: netty-http puts the path in CamelHttpUri already decoded, where
        // "1000042%2F..%2F1000043" has become "1000042/../1000043" and "%3F" a query mark
        GatewayRequest request = exchange.getProperty(GatewayRequests.REQUEST, GatewayRequest.class);
        if (request != null && request.rawUri() != null) {
            return new RequestUri(request.rawUri());
        }
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        // netty-http gives the path in CamelHttpUri and the raw query apart, in CamelHttpQuery
        return new RequestUri(query == null || (uri != null && uri.contains("?")) ? uri : uri + "?" + query);
    }

    /** The decoded path segment that follows {@code segment}, e.g. the number after "/dossiers/". */
    public String segmentAfter(String segment) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals(segment)) {
                return decode(segments[i + 1]);
            }
        }
        return null;
    }

    /** All the values a query parameter was given (a parameter given twice is the caller's to refuse). */
    public List<String> queryValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return value;
        }
    }
}
