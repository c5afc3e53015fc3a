package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** An API entry as the register's REST API writes it, and the reading of the text fields of its requests. */
final class ApiEntryJson {

    private ApiEntryJson() {
    }

    /** The entry with its lifecycle status, score, version, times and links. */
    static ObjectNode itemJson(ApiEntries.Versioned v) {
        ApiEntry e = v.entry();
        ObjectNode json = StoredApiEntry.body(e);
        json.remove("lifecycle");
        json.putObject("lifecycle").put("status", e.lifecycleStatus());
        if (e.adrScore() != null) {
            json.put("adrScore", e.adrScore());
        }
        json.put("version", v.version());
        json.put("created", v.record().created().toString());
        json.put("modified", v.record().modified().toString());
        ObjectNode links = json.putObject("_links");
        links.putObject("self").put("href", RegisterApi.BASE + "/apis/" + e.id());
        if (e.specification() != null && e.specification().sha256() != null) {
            links.putObject("oas").put("href", RegisterApi.BASE + "/apis/" + e.id() + "/oas/"
                    + e.specification().version());
        }
        return json;
    }

    /** A field's text without surrounding spaces; null when absent, blank or not text. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }

    static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}
