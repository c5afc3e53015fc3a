package nl.vindplaats.http;

import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves an API's hand-written OpenAPI document at {@code {base}/openapi.json}, to anyone. */
public final class OpenApiDocument {
    private OpenApiDocument() {
    }

    public static Operation operation(String basePath, String resource) {
        byte[] document = load(resource);
        return Operation.read("openapi", HandlerType.GET, basePath + "/openapi.json", Permission.anyone(),
                ctx -> ctx.contentType("application/json").result(document));
    }

    public static byte[] load(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
