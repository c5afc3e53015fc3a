package nl.vindplaats.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Json;

import java.util.List;

/** Reading our own APIs' requests: JSON bodies, paging and versions, with 400s that name the culprit. */
public final class Requests {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_LINKED_QUERY = 1024;

    /** A page requested with {@code page} (from 1) and {@code pageSize}. */
    public record Page(int page, int pageSize) {
        public int offset() {
            return (page - 1) * pageSize;
        }
    }

    private Requests() {
    }

    public static ObjectNode jsonObject(Context ctx) throws JsonProcessingException {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiError.invalid("body", "a JSON object is required");
        }
        JsonNode node = Json.MAPPER.readTree(body);
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.invalid("body", "must be a JSON object");
        }
        return object;
    }

    /**
     * Where in the input a JSON error lies. A refusal by the stream constraints (nesting too deep) carries no
     * location of its own; the parser's position then says where it stopped.
     */
    public static JsonLocation at(JsonProcessingException e, JsonParser parser) {
        if (e.getLocation() != null) {
            return e.getLocation();
        }
        return parser == null ? JsonLocation.NA : parser.currentLocation();
    }

    public static Page page(Context ctx) {
        int page = positiveInt(ctx, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = positiveInt(ctx, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return new Page(page, size);
    }

    private static int positiveInt(Context ctx, String name, int fallback, int max) {
        return QueryParams.wholeNumber(ctx.queryParam(name), fallback, 1, max, QueryParams.problem(name, 1, max));
    }

    /** The {@code If-Match} precondition of an update that requires one (428 without it). */
    public static IfMatch requiredIfMatch(Context ctx) {
        IfMatch precondition = IfMatch.of(ctx.header("If-Match"));
        if (precondition == null) {
            throw new ApiError(428, "Precondition Required",
                    "Send the version you read in If-Match (the ETag of the GET response).",
                    List.of(new InvalidParam("If-Match", "required")));
        }
        return precondition;
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Adds RFC 8288 links for a paged list, keeping the other query parameters, and a total count header. Each
     * parameter appears once, with the value the API read (the first); the four links hold the other parameters
     * four times, so these may take at most {@link #MAX_LINKED_QUERY} characters, which keeps the header well
     * inside Jetty's response header size (8 KiB).
     */
    public static void pageLinks(Context ctx, Page page, long total) {
        long pages = LinkHeader.pageCount(total, page.pageSize());
        StringBuilder others = new StringBuilder();
        ctx.queryParamMap().forEach((key, values) -> {
            if (!key.equals("page") && !key.equals("pageSize") && !values.isEmpty()) {
                others.append(encode(key)).append('=').append(encode(values.getFirst())).append('&');
            }
        });
        if (others.length() > MAX_LINKED_QUERY) {
            throw ApiError.invalid("query", "the query parameters of a paged list take at most " + MAX_LINKED_QUERY
                    + " characters (encoded), as its Link header repeats them");
        }
        ctx.header("Link", LinkHeader.pages(page.page(), page.page() - 1, pages,
                n -> ctx.path() + "?" + others + "page=" + n + "&pageSize=" + page.pageSize()));
        ctx.header("Total-Count", Long.toString(total));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
