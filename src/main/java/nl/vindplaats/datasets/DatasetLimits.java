package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * How many values one dataset may hold, per field. Checked before anything else of a package_create or
 * package_update, so that a request with a hundred thousand tags costs a count, not a validation. The numbers
 * are far above what data.overheid.nl's datasets carry (a few tags, resources and extras; rarely more than a
 * hundred resources) and are documented in the README.
 */
final class DatasetLimits {
    static final int TAGS = 1_000;
    static final int RESOURCES = 1_000;
    static final int EXTRAS = 1_000;
    static final int GROUPS = 100;
    /** Each multi-valued DCAT-AP-DONL field (alternate_identifier, language, theme, spatial_value, …). */
    static final int VALUES_PER_FIELD = 1_000;

    private static final Map<String, Integer> LISTS = Map.of("tags", TAGS, "resources", RESOURCES, "extras", EXTRAS,
            "groups", GROUPS);

    /** Adds an error naming each field over its limit; true when there was one. */
    static boolean exceeded(ObjectNode data, ObjectNode errors) {
        boolean exceeded = false;
        for (var limit : LISTS.entrySet()) {
            exceeded |= check(data.get(limit.getKey()), limit.getKey(), limit.getValue(), errors);
        }
        JsonNode tagString = data.get("tag_string");
        if (tagString != null && tagString.isTextual() && commas(tagString.asText()) >= TAGS) {
            PackageSchema.error(errors, "tag_string", "Must hold at most " + TAGS + " tags");
            exceeded = true;
        }
        for (String field : Donl.MULTI_VALUED) {
            exceeded |= check(data.get(field), field, VALUES_PER_FIELD, errors);
        }
        return exceeded;
    }

    static boolean resourceFieldsExceeded(ObjectNode resource, ObjectNode errors) {
        boolean exceeded = false;
        for (String field : Donl.RESOURCE_MULTI_VALUED) {
            exceeded |= check(resource.get(field), field, VALUES_PER_FIELD, errors);
        }
        return exceeded;
    }

    private static boolean check(JsonNode value, String field, int limit, ObjectNode errors) {
        if (value != null && value.isArray() && value.size() > limit) {
            PackageSchema.error(errors, field, "Must hold at most " + limit + " values, not " + value.size());
            return true;
        }
        return false;
    }

    private static int commas(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        return count;
    }

    private DatasetLimits() {
    }
}
