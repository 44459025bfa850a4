package fr.cdapgateway.admin;

/** Numeric ids from the path: anything else names nothing (404). */
final class AdminIds {

    private AdminIds() {
    }

    static long of(String segment) {
        if (segment == null || !segment.matches("[0-9]{1,18}")) {
            throw AdminScope.notFound("Identifiant inconnu.");
        }
        return Long.parseLong(segment);
    }
}
