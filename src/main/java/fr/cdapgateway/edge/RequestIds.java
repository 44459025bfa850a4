package fr.cdapgateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id: the client's X-Request-ID when it is a safe token, else a new UUID. */
final class RequestIds {

    // Safe for logs, traces and headers: no CR/LF, no spaces, no markup.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private RequestIds() {
    }

    static String accept(String fromClient) {
        if (fromClient != null && SAFE.matcher(fromClient).matches()) {
            return fromClient;
        }
        return UUID.randomUUID().toString();
    }
}
