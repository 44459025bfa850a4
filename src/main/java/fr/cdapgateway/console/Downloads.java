package fr.cdapgateway.console;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;

/** Downloads the console offers: CSV in UTF-8 with a byte order mark, so spreadsheets show the accents. */
final class Downloads {

    private Downloads() {
    }

    static ResponseEntity<byte[]> csv(String filename, String csv) {
        byte[] body = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]",
                        "_") + "\"")
                .body(body);
    }
}
