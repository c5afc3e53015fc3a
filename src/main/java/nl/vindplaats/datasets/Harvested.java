package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.harvest.HarvestSource;
import nl.vindplaats.store.StoredRecord;

import java.util.List;
import java.util.Set;

/**
 * What marks a dataset as harvested: the extras ckanext-harvest gives one ({@code harvest_source_id},
 * {@code harvest_source_url}, {@code harvest_source_title}), ckanext-dcat's {@code guid} (the identifier at the
 * source) and {@code harvest_url}, the dataset at the source. A harvested dataset changes only through its harvest:
 * the write actions refuse it, and refuse these extras from anyone else.
 */
public final class Harvested {
    static final String SOURCE_ID = "harvest_source_id";
    static final String SOURCE_URL = "harvest_source_url";
    static final String SOURCE_TITLE = "harvest_source_title";
    public static final String GUID = "guid";
    static final String ORIGINAL = "harvest_url";
    /** Set by the harvest only; {@code guid} is DCAT's own and may come with any dataset. */
    static final Set<String> RESERVED = Set.of(SOURCE_ID, SOURCE_URL, SOURCE_TITLE, ORIGINAL);

    private Harvested() {
    }

    public static String extra(ObjectNode body, String key) {
        for (JsonNode extra : body.path("extras")) {
            if (extra.path("key").asText().equals(key)) {
                return extra.path("value").asText(null);
            }
        }
        return null;
    }

    public static String sourceOf(StoredRecord record) {
        return extra(record.body(), SOURCE_ID);
    }

    /** Refuses a change through the CKAN API to a harvested dataset, in CKAN's error format. */
    public static void refuseChange(StoredRecord record) {
        if (sourceOf(record) != null) {
            String url = extra(record.body(), SOURCE_URL);
            throw CkanErrors.validation(SOURCE_ID, "This dataset is harvested from " + url + " (harvest source "
                    + sourceOf(record) + "); it changes only through its harvest source. Change it there.");
        }
    }

    /** Refuses data that would mark a dataset harvested when it was not. */
    public static void refuseMarks(ObjectNode data) {
        for (JsonNode extra : data.path("extras")) {
            String key = extra.path("key").asText();
            if (RESERVED.contains(key)) {
                throw CkanErrors.validation("extras", "The extra \"" + key + "\" is set by the harvest only.");
            }
        }
    }

    /** The extras of a harvested dataset: its own, without any marks it came with, then ours. */
    public static ArrayNode extras(JsonNode given, HarvestSource source, String guid, String original) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode extra : given) {
            String key = extra.path("key").asText();
            if (!RESERVED.contains(key) && !key.equals(GUID) && extra.isObject()) {
                ObjectNode copy = Json.object();
                copy.put("key", key);
                copy.set("value", extra.path("value"));
                out.add(copy);
            }
        }
        for (List<String> pair : List.of(List.of(SOURCE_ID, source.id()), List.of(SOURCE_URL, source.url()),
                List.of(SOURCE_TITLE, source.title() == null ? source.url() : source.title()), List.of(GUID, guid),
                List.of(ORIGINAL, original))) {
            out.addObject().put("key", pair.get(0)).put("value", pair.get(1));
        }
        return out;
    }
}
