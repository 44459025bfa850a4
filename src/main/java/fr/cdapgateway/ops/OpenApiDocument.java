package fr.cdapgateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.stereotype.Component;


/** {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of the API, kept beside the code it describes. */
@Component("openApiDocument")
public class OpenApiDocument {

    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json missing from the classpath");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's bytes, as read once at start. */
    public byte[] document() {
        return document;
    }
}
