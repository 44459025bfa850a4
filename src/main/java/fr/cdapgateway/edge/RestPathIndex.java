package fr.cdapgateway.edge;

import java.util.List;
import java.util.Locale;

/**
 * The REST paths of one port, split into segments once, and the one path a request's path matches.
 * <p>
 * Camel's netty-http multiplexer finds a request's route by comparing its path with every REST path of the port,
 * splitting both into segments each time (40 paths, API and admin, on the API port): the benchmark measured that
 * lookup at about 8 % of the gateway's CPU and the largest share of its allocations. This index answers only the
 * unambiguous case — exactly one path matches, whatever the method — and says "don't know" otherwise, so that
 * Camel's own matcher keeps deciding everything else (other methods: 405, OPTIONS, no match: 404, wildcards).
 * Literal segments compare ignoring case and {@code {name}} segments match any segment, as Camel's matcher does.
 */
final class RestPathIndex {

    /** A REST path: its segments, literal ones in lower case, {@code null} for a {@code {name}} segment. */
    record Path(String[] segments) {

        static Path of(String path) {
            String[] parts = trimSlashes(path).split("/", -1);
            String[] segments = new String[parts.length];
            for (int i = 0; i < parts.length; i++) {
                boolean template = parts[i].startsWith("{") && parts[i].endsWith("}");
                segments[i] = template ? null : parts[i].toLowerCase(Locale.ROOT);
            }
            return new Path(segments);
        }

        boolean matches(String[] request) {
            if (request.length != segments.length) {
                return false;
            }
            // from the end: the paths share their first segments (api, v1, admin...), they differ at the end
            for (int i = segments.length - 1; i >= 0; i--) {
                if (segments[i] != null && !segments[i].equalsIgnoreCase(request[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private RestPathIndex() {
    }

    /**
     * Whether a consumer path can take part: plain segments and whole-segment templates only (no wildcard, no
     * empty segment); a port with any other path is left to Camel entirely.
     */
    static boolean indexable(String path) {
        if (path == null || path.contains("*") || path.contains("//")) {
            return false;
        }
        for (String part : trimSlashes(path).split("/", -1)) {
            boolean template = part.startsWith("{") && part.endsWith("}");
            if (part.isEmpty() || (!template && (part.indexOf('{') >= 0 || part.indexOf('}') >= 0))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The position in {@code paths} of the only path that matches the request's URI, or -1 when none or several
     * do, or when the URI is not a plain origin-form path of safe characters (Camel then decides).
     */
    static int onlyMatch(List<Path> paths, String uri) {
        String[] request = segments(uri);
        if (request == null) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).matches(request)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** The segments of an origin-form URI without its query, or {@code null} if it has anything unusual. */
    static String[] segments(String uri) {
        if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
            return null;
        }
        int end = uri.indexOf('?');
        String path = end < 0 ? uri : uri.substring(0, end);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '_' || c == '.';
            if (!safe || (c == '/' && i + 1 < path.length() && path.charAt(i + 1) == '/')) {
                return null;
            }
        }
        String trimmed = trimSlashes(path);
        return trimmed.isEmpty() ? null : trimmed.split("/", -1);
    }

    private static String trimSlashes(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.endsWith("/") && path.length() > start ? path.length() - 1 : path.length();
        return path.substring(start, end);
    }
}
