package nl.vindplaats.register;


import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.http.InvalidParam;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * What both ways of writing an entry (a v1 file, the REST API) check the same way: how long a description may be,
 * and what an http(s) URL is.
 */
public final class EntryFields {
    /**
     * How long a description may be: far above the real register's entries (descriptions under a thousand
     * characters), documented in the README.
     */
    public static final int MAX_DESCRIPTION = 10_000;

    private EntryFields() {
    }

    /** An http(s) URL, or null when absent or empty (the files use "" for none). */
    public static String url(JsonNode node, String field, boolean required, List<InvalidParam> problems) {
        String text = node == null || node.isNull() ? "" : node.isTextual() ? node.asText().strip() : null;
        if (text == null) {
            problems.add(new InvalidParam(field, "must be a text (a URL)"));
            return null;
        }
        if (text.isEmpty()) {
            if (required) {
                problems.add(new InvalidParam(field, "required, an http or https URL"));
            }
            return null;
        }
        if (!isHttpUrl(text)) {
            problems.add(new InvalidParam(field, "must be an http or https URL"));
            return null;
        }
        return text;
    }

    /** An absolute http or https URL with a host. */
    public static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
