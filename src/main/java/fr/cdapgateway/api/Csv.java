package fr.cdapgateway.api;

import java.util.List;
import java.util.Map;

/** CSV as French spreadsheets read it: semicolon-separated, CRLF, quoted when needed, formulas defused. */
public final class Csv {

    private Csv() {
    }

    public static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(';');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    /** One line of a map's values, in the order of {@code columns} (lists joined with commas). */
    public static void row(StringBuilder csv, Map<String, Object> values, List<String> columns) {
        row(csv, columns.stream().map(values::get)
                .map(v -> v instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : v)
                .toArray());
    }

    /** Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
