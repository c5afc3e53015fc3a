package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.base.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CKAN's errors. Each is an {@link ApiError} whose title is CKAN's {@code __type}, so that the
 * core's exception handling renders it through {@link #FORMAT} in CKAN's own shape:
 * {@code {help, success: false, error: {__type, message | field: [messages]}}}, or a bare JSON
 * string for the "Bad request" cases CKAN answers that way.
 */
public final class CkanErrors {
    static final String VALIDATION = "Validation Error";
    static final String NOT_FOUND = "Not Found Error";
    static final String AUTHORIZATION = "Authorization Error";
    static final String SEARCH_QUERY = "Search Query Error";
    public static final String SEARCH = "Search Error";
    static final String SEARCH_CONNECTION = "Search Connection Error";
    static final String BAD_REQUEST = "Bad request";

    private CkanErrors() {
    }

    /** 409 with {field: [messages]}. */
    public static ApiError validation(Map<String, List<String>> errors) {
        List<InvalidParam> params = new ArrayList<>();
        errors.forEach((field, messages) -> messages.forEach(m -> params.add(new InvalidParam(field, m))));
        return new ApiError(409, VALIDATION, null, params);
    }

    /** 409 with CKAN's nested error dict, e.g. {"extras": [{"id": ["The input field id was not expected."]}]}. */
    public static ApiError validation(ObjectNode errors) {
        return new ApiError(409, VALIDATION, NESTED + errors, List.of());
    }

    private static final String NESTED = "nested:";

    public static ApiError validation(String field, String message) {
        return validation(Map.of(field, List.of(message)));
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, NOT_FOUND, detail == null ? "Not found" : "Not found: " + detail, List.of());
    }

    public static ApiError denied(String detail) {
        return new ApiError(403, AUTHORIZATION, detail == null ? "Access denied" : "Access denied: " + detail, List.of());
    }

    public static ApiError searchQuery(String detail) {
        return new ApiError(400, SEARCH_QUERY, "Search Query is invalid: \"" + detail + "\"", List.of());
    }

    public static ApiError searchConnection() {
        return new ApiError(500, SEARCH_CONNECTION, "Unable to connect to the search server", List.of());
    }

    /** 400 answered with a bare JSON string, as CKAN does for malformed calls. */
    public static ApiError badRequest(String detail) {
        return new ApiError(400, BAD_REQUEST, "Bad request: " + detail, List.of());
    }

    /**
     * Renders every error under the CKAN paths, including those the core raises (401/403, 404, 413, 500), with
     * a help URL on the service's public base URL.
     */
    public static ErrorFormat format(Supplier<String> baseUrl) {
        return (ctx, error) -> write(ctx, error, baseUrl);
    }

    private static void write(Context ctx, ApiError error, Supplier<String> baseUrl) {
        ctx.header("X-Content-Type-Options", "nosniff");
        if (BAD_REQUEST.equals(error.title())) {
            ctx.status(400).contentType("application/json;charset=utf-8").result(CkanJson.write(error.detail()));
            return;
        }
        String type;
        String message = error.detail();
        int status = error.status();
        switch (error.title()) {
            case VALIDATION, NOT_FOUND, AUTHORIZATION, SEARCH_QUERY, SEARCH, SEARCH_CONNECTION -> type = error.title();
            case "Unauthorized", "Forbidden" -> {
                type = AUTHORIZATION;
                status = 403;
                message = "Access denied: " + error.detail();
            }
            case "Not Found" -> {
                type = NOT_FOUND;
                message = "Not found: " + error.detail();
            }
            case "Conflict" -> {
                type = VALIDATION;
                status = 409;
            }
            default -> type = status >= 500 ? "Internal Server Error" : error.title();
        }
        ObjectNode errorNode = Json.object();
        if (VALIDATION.equals(type) && message != null && message.startsWith(NESTED)) {
            errorNode.setAll((ObjectNode) Json.read(message.substring(NESTED.length())));
        } else if (VALIDATION.equals(type) && !error.invalidParams().isEmpty()) {
            Map<String, List<String>> byField = new LinkedHashMap<>();
            error.invalidParams().forEach(p -> byField.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.reason()));
            byField.forEach((field, messages) -> messages.forEach(m -> errorNode.withArray(field).add(m)));
        } else if (message != null) {
            errorNode.put("message", message);
        }
        errorNode.put("__type", type);
        ObjectNode body = Json.object();
        body.put("help", helpUrl(baseUrl, ctx));
        body.put("success", false);
        body.set("error", errorNode);
        ctx.status(status).contentType("application/json;charset=utf-8").result(CkanJson.write(body));
    }

    /**
     * The URL of help_show for the action a request named, as CKAN puts in every response; built from the
     * service's public base URL, since a Host header is whatever the client chose to send.
     */
    public static String helpUrl(Supplier<String> baseUrl, Context ctx) {
        String path = ctx.path();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return baseUrl.get() + "/api/3/action/help_show?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
