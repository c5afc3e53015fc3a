package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.util.function.Predicate;

/**
 * A dataset's CKAN dict as a {@link StoredDataset}, and back: the model ({@link CkanDatasetMapping}), who may see it
 * (CKAN's {@code state}, {@code private}, {@code creator_user_id}), and as the CKAN mapper's extras what the model has
 * no place for ({@code dict}) and the order of the dict's keys ({@code keys}), so that the dict reads back as the same
 * JSON text.
 */
public final class CkanDatasetStorage {
    /** The name this mapper's extras have in a {@link StoredDataset}. */
    static final String MAPPER = "ckan";
    /** In this mapper's extras: the dict's keys the model does not give back ({@link CkanDatasetMapping.Read#extras}). */
    private static final String DICT = "dict";
    /** In this mapper's extras: the order of the dict's keys, and of each resource's ({@code resources}). */
    private static final String KEYS = "keys";
    private static final String STATE = "state";
    private static final String PRIVATE = "private";
    private static final String CREATOR = "creator_user_id";

    private CkanDatasetStorage() {
    }

    /**
     * A CKAN dict as the model stores it: the dataset, who may see it, and as this mapper's extras what the model has
     * no place for and the order of the dict's keys (package_show shows a resource's keys in the order they were
     * stored), so that {@link #dict(StoredDataset)} gives the same JSON text back.
     */
    public static StoredDataset stored(ObjectNode dict) {
        CkanDatasetMapping.Read read = CkanDatasetMapping.read(dict);
        ObjectNode rest = read.extras();
        StoredDataset.Visibility visibility = new StoredDataset.Visibility(single(rest, STATE, JsonNode::isTextual),
                flag(rest), single(rest, CREATOR, JsonNode::isTextual));
        ObjectNode mine = Json.object();
        if (!rest.isEmpty()) {
            mine.set(DICT, rest);
        }
        mine.set(KEYS, keyOrder(dict));
        ObjectNode extras = Json.object();
        extras.set(MAPPER, mine);
        return new StoredDataset(read.dataset(), visibility, extras);
    }

    /**
     * The CKAN dict a stored body holds, in either layout: an earlier release stored the dict itself. The dict shares
     * the values of the extras with the stored body (read only, as every reader of a record's body does).
     */
    public static ObjectNode dict(ObjectNode storedBody) {
        return StoredDataset.isCurrent(storedBody) ? dict(StoredDataset.read(storedBody), false) : storedBody;
    }

    /** The CKAN dict of a stored dataset: the one it was received as, key for key and in the same order. */
    static ObjectNode dict(StoredDataset stored) {
        return dict(stored, true);
    }

    private static ObjectNode dict(StoredDataset stored, boolean copy) {
        JsonNode mine = stored.extras().path(MAPPER);
        JsonNode rest = mine.get(DICT);
        ObjectNode dict = CkanDatasetMapping.body(stored.dataset(), rest instanceof ObjectNode o ? o : Json.object(), copy);
        StoredDataset.Visibility v = stored.visibility();
        if (v.state() != null && !dict.has(STATE)) {
            dict.put(STATE, v.state());
        }
        if (v.restricted() != null && !dict.has(PRIVATE)) {
            dict.put(PRIVATE, v.restricted());
        }
        if (v.creatorId() != null && !dict.has(CREATOR)) {
            dict.put(CREATOR, v.creatorId());
        }
        return inOrder(dict, mine.get(KEYS));
    }

    /**
     * A single value of the extras as the model holds it (as text), taken out of the extras when the JSON form is the
     * one written back ({@code written}); in another form (a number, say) it stays there as well. Null when absent,
     * null or not a single value.
     */
    private static String single(ObjectNode rest, String field, Predicate<JsonNode> written) {
        JsonNode value = rest.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        if (written.test(value)) {
            rest.remove(field);
        }
        return value.asText();
    }

    /** {@code private} as CKAN reads it (true, or text that says true), taken out when it is a JSON boolean. */
    private static Boolean flag(ObjectNode rest) {
        JsonNode value = rest.get(PRIVATE);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        if (value.isBoolean()) {
            rest.remove(PRIVATE);
        }
        return value.asBoolean(false);
    }

    /** The dict's keys in order, then (when it has a list of resources) each resource's, null for one not an object. */
    private static ObjectNode keyOrder(ObjectNode dict) {
        ObjectNode keys = Json.object();
        ArrayNode own = keys.putArray("dataset");
        dict.fieldNames().forEachRemaining(own::add);
        JsonNode resources = dict.get(CkanDatasetMapping.RESOURCES);
        if (resources != null && resources.isArray()) {
            ArrayNode perResource = keys.putArray(CkanDatasetMapping.RESOURCES);
            for (JsonNode r : resources) {
                if (r.isObject()) {
                    ArrayNode names = perResource.addArray();
                    r.fieldNames().forEachRemaining(names::add);
                } else {
                    perResource.addNull();
                }
            }
        }
        return keys;
    }

    private static ObjectNode inOrder(ObjectNode dict, JsonNode keys) {
        if (keys == null || !keys.isObject()) {
            return dict;
        }
        ObjectNode ordered = reordered(dict, keys.get("dataset"));
        JsonNode resourceKeys = keys.get(CkanDatasetMapping.RESOURCES);
        JsonNode resources = ordered.get(CkanDatasetMapping.RESOURCES);
        if (resourceKeys != null && resources instanceof ArrayNode list && list.size() == resourceKeys.size()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof ObjectNode r) {
                    list.set(i, reordered(r, resourceKeys.get(i)));
                }
            }
        }
        return ordered;
    }

    /** The same object with its keys in the given order (keys it has that are not named there, after them). */
    private static ObjectNode reordered(ObjectNode o, JsonNode names) {
        if (names == null || !names.isArray()) {
            return o;
        }
        ObjectNode out = Json.object();
        for (JsonNode name : names) {
            JsonNode value = o.get(name.asText());
            if (value != null) {
                out.set(name.asText(), value);
            }
        }
        if (out.size() != o.size()) {
            o.properties().forEach(e -> {
                if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        }
        return out;
    }
}
