package nl.vindplaats.documents.opendata;

import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.base.Json;

import java.util.stream.Collectors;

/**
 * Errors of the open data API. The original's error bodies are unknown, so ours follow the response
 * format the client asked for: {@code <error>} with status, title and message in XML (the default),
 * or the same fields as a JSON object with {@code output=json}.
 */
final class OpenDataErrors {
    private OpenDataErrors() {
    }

    static final ErrorFormat FORMAT = (ctx, error) -> {
        String message = error.detail();
        if (!error.invalidParams().isEmpty()) {
            message = message + " " + error.invalidParams().stream()
                    .map(p -> p.name() + ": " + p.reason()).collect(Collectors.joining("; "));
        }
        ctx.status(error.status());
        if ("json".equalsIgnoreCase(ctx.queryParam("output"))) {
            var body = Json.object().put("status", error.status()).put("title", error.title()).put("message", message);
            var invalid = body.putArray("invalidParams");
            for (InvalidParam p : error.invalidParams()) {
                invalid.addObject().put("name", p.name()).put("reason", p.reason());
            }
            ctx.contentType("application/json; charset=UTF-8").result(Json.write(body));
        } else {
            ctx.contentType("application/xml; charset=UTF-8")
                    .result(DocumentXml.error(error.status(), error.title(), message));
        }
    };
}
