package fr.cdapgateway.console;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.http.ResponseEntity;

/** Downloads the console offers: CSV in UTF-8 with a byte order mark, so spreadsheets show the accents. */
final class Downloads {

    private Downloads() {
    }

    /** U+FEFF in UTF-8. */
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static ResponseEntity<byte[]> csv(String filename, String csv) {
        // the mark as bytes: prefixing the text with U+FEFF would copy a Latin-1 export of up to 100,000 traces
        // into a UTF-16 string twice its size before encoding it
        byte[] text = csv.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(BYTE_ORDER_MARK, BYTE_ORDER_MARK.length + text.length);
        System.arraycopy(text, 0, body, BYTE_ORDER_MARK.length, text.length);
        return ResponseEntity.ok()
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]",
                        "_") + "\"")
                .body(body);
    }

    /** The same CSV written as it is produced (the mark first), never held whole. */
    static ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> csvStream(
            String filename, org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]",
                        "_") + "\"")
                .body(out -> {
                    out.write(BYTE_ORDER_MARK);
                    body.writeTo(out);
                });
    }
}
