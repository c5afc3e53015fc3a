package nl.vindplaats.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a mapper keeps beside its model so that wire → model → wire gives the wire back: the extras are the parts of
 * the stored JSON that the JSON written from the model does not give back, as an ordered object of the same shape.
 * A mapper writes only keys it read, so the written JSON never holds a key the stored JSON lacks; what the stored JSON
 * has and the written lacks, or has in another form, is an extra. Objects are compared key by key, lists of the same
 * length item by item, so an extra names the one value that differs, not the whole document around it.
 */
public final class JsonExtras {
    private JsonExtras() {
    }

    /** What of {@code stored} the {@code written} JSON does not give back (empty when it gives back everything). */
    public static ObjectNode of(ObjectNode stored, ObjectNode written) {
        ObjectNode extras = Json.object();
        for (Map.Entry<String, JsonNode> e : stored.properties()) {
            JsonNode theirs = e.getValue();
            JsonNode mine = written.get(e.getKey());
            if (theirs.equals(mine)) {
                continue;
            }
            if (theirs instanceof ObjectNode object && mine instanceof ObjectNode mineObject) {
                extras.set(e.getKey(), of(object, mineObject));
            } else if (theirs.isArray() && mine != null && mine.isArray() && mine.size() == theirs.size()) {
                extras.set(e.getKey(), itemByItem((ArrayNode) theirs, (ArrayNode) mine));
            } else {
                extras.set(e.getKey(), theirs.deepCopy());
            }
        }
        return extras;
    }

    /** {@code written} with the extras laid over it: the JSON they were taken from, for the same model. */
    public static ObjectNode overlay(ObjectNode written, ObjectNode extras) {
        for (Map.Entry<String, JsonNode> e : extras.properties()) {
            JsonNode extra = e.getValue();
            JsonNode mine = written.get(e.getKey());
            if (extra instanceof ObjectNode object && mine instanceof ObjectNode mineObject) {
                overlay(mineObject, object);
            } else if (extra.isArray() && mine != null && mine.isArray() && mine.size() == extra.size()) {
                ArrayNode items = (ArrayNode) mine;
                for (int i = 0; i < items.size(); i++) {
                    if (extra.get(i) instanceof ObjectNode object && items.get(i) instanceof ObjectNode mineObject) {
                        overlay(mineObject, object);
                    } else {
                        items.set(i, extra.get(i).deepCopy());
                    }
                }
            } else {
                written.set(e.getKey(), extra.deepCopy());
            }
        }
        return written;
    }

    /**
     * {@code node}'s keys in the order {@code like} has them (keys {@code like} lacks after them, as they were), in
     * every object and in every item of a list that both hold. JSON does not order an object's keys, but an API
     * that shows a client its own JSON back shows it in the client's order.
     */
    public static JsonNode inOrderOf(JsonNode node, JsonNode like) {
        if (node instanceof ObjectNode object && like instanceof ObjectNode model) {
            ObjectNode ordered = Json.object();
            Set<String> rest = new LinkedHashSet<>();
            object.fieldNames().forEachRemaining(rest::add);
            model.fieldNames().forEachRemaining(key -> {
                if (object.has(key)) {
                    ordered.set(key, inOrderOf(object.get(key), model.get(key)));
                    rest.remove(key);
                }
            });
            rest.forEach(key -> ordered.set(key, object.get(key)));
            return ordered;
        }
        if (node instanceof ArrayNode items && like instanceof ArrayNode model) {
            ArrayNode ordered = Json.MAPPER.createArrayNode();
            for (int i = 0; i < items.size(); i++) {
                ordered.add(i < model.size() ? inOrderOf(items.get(i), model.get(i)) : items.get(i));
            }
            return ordered;
        }
        return node;
    }

    private static ArrayNode itemByItem(ArrayNode stored, ArrayNode written) {
        ArrayNode extras = Json.MAPPER.createArrayNode();
        for (int i = 0; i < stored.size(); i++) {
            JsonNode theirs = stored.get(i);
            if (theirs instanceof ObjectNode object && written.get(i) instanceof ObjectNode mine) {
                extras.add(of(object, mine));
            } else {
                extras.add(theirs.deepCopy());
            }
        }
        return extras;
    }
}
