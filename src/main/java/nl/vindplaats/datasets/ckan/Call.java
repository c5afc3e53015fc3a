package nl.vindplaats.datasets.ckan;

import nl.vindplaats.datasets.Caller;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.http.QueryParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One call of an action: its data dict (query parameters, form fields or JSON body) and its caller. */
record Call(Context ctx, String action, ObjectNode data, Caller caller) {

    /** A string parameter, or null when absent or JSON null. Numbers and booleans are given as text. */
    String text(String key) {
        JsonNode value = data.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray() && value.size() > 0) {
            return value.get(value.size() - 1).asText();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    boolean has(String key) {
        return data.has(key);
    }

    String required(String key) {
        String value = text(key);
        if (value == null || value.isBlank()) {
            throw CkanErrors.validation(key, "Missing value");
        }
        return value;
    }

    /** CKAN's asbool: true, yes, on, 1 (any case). */
    boolean flag(String key, boolean fallback) {
        JsonNode value = data.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1", "y", "t" -> true;
            case "false", "no", "off", "0", "n", "f", "" -> false;
            default -> throw CkanErrors.validation(key, "Unrecognized boolean value: " + value.asText());
        };
    }

    /** A natural number (0 or more), or the fallback when absent. */
    int natural(String key, int fallback) {
        return QueryParams.wholeNumber(QueryParams.given(text(key)), fallback, 0, Integer.MAX_VALUE,
                fault -> CkanErrors.validation(key, fault == QueryParams.Fault.NOT_WHOLE ? "Invalid integer"
                        : "Must be a natural number"));
    }

    /** A list given as a JSON array, one string, or a comma-separated string. */
    List<String> list(String key) {
        JsonNode value = data.get(key);
        List<String> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (value instanceof ArrayNode array) {
            array.forEach(v -> items.add(v.asText()));
        } else {
            for (String part : value.asText().split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        return items;
    }
}
