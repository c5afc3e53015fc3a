package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * How many values one list of delivered PLOOI metadata may hold (identifiers, documenthandelingen, omschrijvingen,
 * onderwerpen, thema's, documentsoorten, extraMetadata, …). Checked before the JSON Schema, whose uniqueness
 * checks cost the square of a list's length. Far above what real Woo publications carry (a handful of each) and
 * documented in the README.
 */
final class MetadataLimits {
    static final int VALUES_PER_LIST = 1_000;

    /** A message per list over the limit, naming it by its JSON pointer; empty when none is. */
    static List<MetadataValidator.Message> exceeded(JsonNode delivered) {
        List<MetadataValidator.Message> messages = new ArrayList<>();
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", delivered));
        while (!pending.isEmpty()) {
            var next = pending.pop();
            String pointer = next.getKey();
            JsonNode node = next.getValue();
            if (node.isArray()) {
                if (node.size() > VALUES_PER_LIST) {
                    messages.add(new MetadataValidator.Message(List.of(schemaPointer(pointer)), List.of(pointer),
                            pointer + ": at most " + VALUES_PER_LIST + " items allowed, found " + node.size()));
                    continue;
                }
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(pointer + "/" + i, node.get(i)));
                }
            } else if (node.isObject()) {
                node.properties().forEach(e -> pending.push(Map.entry(pointer + "/" + e.getKey(), e.getValue())));
            }
        }
        return messages;
    }

    private static String schemaPointer(String dataPointer) {
        return "#" + dataPointer.replaceAll("/([A-Za-z]+)", "/properties/$1").replaceAll("/[0-9]+", "/items");
    }

    private MetadataLimits() {
    }
}
