package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.PackageSchema;

import java.util.List;

/** What a CKAN organisation says of itself beyond its name and title, kept as the organisation's profile. */
final class OrganizationProfile {
    private OrganizationProfile() {
    }

    /**
     * An organisation's description, image_url and extras from a call, as CKAN's group schema reads them: text
     * fields, and extras as [{key, value}] (other keys of an extra, such as a dump's id and group_id, are
     * ignored, deleted ones dropped). A patch keeps what the call does not give; create and update clear it.
     */
    static ObjectNode from(Call call, ObjectNode current, boolean patch, ObjectNode errors) {
        ObjectNode profile = patch ? current.deepCopy() : Json.object();
        for (String field : List.of("description", "image_url")) {
            JsonNode value = call.data().get(field);
            if (value == null) {
                continue;
            }
            if (value.isContainerNode()) {
                PackageSchema.error(errors, field, "Must be a string");
            } else {
                profile.put(field, value.isNull() ? "" : value.asText());
            }
        }
        JsonNode extras = call.data().get("extras");
        if (extras != null && !extras.isNull()) {
            if (!extras.isArray()) {
                PackageSchema.error(errors, "extras", "Must be a list of {key, value}");
                return profile;
            }
            ArrayNode kept = Json.MAPPER.createArrayNode();
            ArrayNode nested = Json.MAPPER.createArrayNode();
            boolean failed = false;
            for (JsonNode extra : extras) {
                ObjectNode extraErrors = Json.object();
                String key = extra.path("key").isValueNode() ? extra.path("key").asText("") : "";
                if (key.isBlank()) {
                    extraErrors.putArray("key").add("Missing value");
                } else if (!extra.has("value")) {
                    extraErrors.putArray("value").add("Missing value");
                } else if (!extra.path("deleted").asBoolean(false) && !"deleted".equals(extra.path("state").asText())) {
                    kept.addObject().put("key", key).set("value", extra.get("value").deepCopy());
                }
                failed |= !extraErrors.isEmpty();
                nested.add(extraErrors);
            }
            if (failed) {
                errors.set("extras", nested);
            }
            profile.set("extras", kept);
        }
        return profile;
    }
}
