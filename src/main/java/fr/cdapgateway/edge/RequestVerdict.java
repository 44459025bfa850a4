package fr.cdapgateway.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import fr.cdapgateway.api.Problem;

/**
 * Whether a request line can reach a route at all, decided before Camel sees it (plain Java, no Netty): a URI
 * of printable ASCII whose %-escapes decode to UTF-8, a path one of the API's routes serves, and a method that
 * route accepts. Anything else gets its problem (400, 404, 405 with Allow) from the gateway's own route, with
 * an X-Request-ID and a trace, instead of the HTTP engine's bare answer or a closed connection.
 */
public final class RequestVerdict {

    /** A route the API serves: its method and path template ({@code /api/v1/dossiers/{numeroAllocataire}}). */
    public record Route(String method, String template) {
    }

    /** Why a request cannot reach a route, with its problem and the detail the caller reads. */
    public enum Reason {
        URI(Problem.INVALID_REQUEST, "L'adresse de la requête contient des caractères ou des séquences "
                + "d'échappement (%xx) invalides."),
        TARGET(Problem.INVALID_REQUEST, "La cible de la requête doit être un chemin de l'API (/api/v1/...) : la "
                + "passerelle n'est pas un mandataire (proxy)."),
        MALFORMED(Problem.INVALID_REQUEST, "La requête HTTP est mal formée."),
        HEADERS_TOO_LARGE(Problem.INVALID_REQUEST, "Les en-têtes ou la ligne de la requête sont trop volumineux."),
        BODY_TOO_LARGE(Problem.PAYLOAD_TOO_LARGE, "Le corps de la requête dépasse la taille admise."),
        PATH(Problem.NOT_FOUND, "Aucune ressource de l'API ne répond à cette adresse."),
        METHOD(Problem.METHOD_NOT_ALLOWED, "Cette ressource n'accepte pas cette méthode HTTP.");

        private final Problem problem;
        private final String detail;

        Reason(Problem problem, String detail) {
            this.problem = problem;
            this.detail = detail;
        }

        public Problem problem() {
            return problem;
        }

        public String detail() {
            return detail;
        }
    }

    /** The refusal: its reason and, for a 405, the methods the path does accept. */
    public record Refusal(Reason reason, String allow) {
    }

    private record Template(String method, String[] segments) {
    }

    private final List<Template> templates = new ArrayList<>();

    public RequestVerdict(List<Route> routes) {
        for (Route route : routes) {
            templates.add(new Template(route.method().toUpperCase(Locale.ROOT), segments(route.template())));
        }
    }

    /** Null when the request may go on to its route. */
    public Refusal judge(String method, String uri) {
        if (uri == null || uri.isEmpty() || !printableAscii(uri) || !escapesDecode(uri)) {
            return new Refusal(Reason.URI, null);
        }
        if (uri.charAt(0) != '/') {
            // absolute-form (a proxy's request line) or asterisk-form: the gateway is an origin server, not a proxy
            return new Refusal(Reason.TARGET, null);
        }
        String path = pathOf(uri);
        if (path == null) {
            return new Refusal(Reason.URI, null);
        }
        if (path.contains("//")) {
            // an empty segment names no resource (the engine would not match it either)
            return new Refusal(Reason.PATH, null);
        }
        String[] asked = segments(path);
        Set<String> allowed = new TreeSet<>();
        for (Template template : templates) {
            if (matches(template.segments(), asked)) {
                if (template.method().equals(method)) {
                    return null;
                }
                allowed.add(template.method());
            }
        }
        return allowed.isEmpty() ? new Refusal(Reason.PATH, null) : new Refusal(Reason.METHOD, String.join(", ", allowed));
    }

    private static boolean matches(String[] template, String[] asked) {
        if (template.length != asked.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (!parameter && !template[i].equalsIgnoreCase(asked[i])) {
                return false;
            }
        }
        return true;
    }

    /** The path of an origin-form or absolute-form request target, without its query. */
    static String pathOf(String uri) {
        String target = uri;
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            if (scheme < 0) {
                return null;
            }
            int slash = target.indexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    static String[] segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments.toArray(String[]::new);
    }

    /** Printable ASCII that a URI may hold (RFC 3986): never a backslash, a quote, braces, a pipe... */
    private static boolean printableAscii(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7F || NOT_IN_URI.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static final String NOT_IN_URI = "\\\"<>^`{|}";

    /** Every %-escape has two hex digits, and what they encode is valid UTF-8. */
    static boolean escapesDecode(String uri) {
        if (uri.indexOf('%') < 0) {
            // printable ASCII without escapes: nothing to decode (the common case, on every request)
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.put((byte) Integer.parseInt(uri.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
