package fr.cdapgateway.api;

/** Neutralises what a client sends before it reaches a trace or a log (log injection, oversized values). */
public final class Sanitizer {

    private Sanitizer() {
    }

    /** Control characters (CR, LF, TAB, ...) become '_'; the value is cut to {@code max} characters. */
    public static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        int length = Math.min(value.length(), max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '_' : c);
        }
        return out.toString();
    }
}
