package nl.vindplaats.http;

import io.javalin.http.Context;
import nl.vindplaats.base.Json;

import java.util.List;
import java.util.Map;

/**
 * How one API writes its errors. Our own APIs use problem+json; each compatible API brings the
 * format of the system it stands in for.
 */
public interface ErrorFormat {
    void write(Context ctx, ApiError error);

    /** RFC 9457 problem details, with {@code invalidParams} as the NL API Design Rules ask. */
    ErrorFormat PROBLEM_JSON = (ctx, error) -> {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", error.title());
        body.put("status", error.status());
        body.put("detail", error.detail());
        body.put("instance", ctx.path());
        List<InvalidParam> invalid = error.invalidParams();
        if (!invalid.isEmpty()) {
            body.put("invalidParams", invalid);
        }
        ctx.status(error.status()).contentType("application/problem+json").result(Json.write(body));
    };
}
