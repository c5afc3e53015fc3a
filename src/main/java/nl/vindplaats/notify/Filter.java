package nl.vindplaats.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which changes a subscription hears of: record kinds (none = every notifiable kind), one publishing organisation
 * (its id; null = every one) and a search text. The text is matched term by term against the version that changed,
 * not through the search index: every word of it must occur as a word in one of the record's text values, ignoring
 * case and accents. The index holds only the current version, while a delivery, retried later, is about the version
 * of its change.
 */
public record Filter(List<String> kinds, String organisation, String text) {
    private static final Pattern NOT_A_WORD_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    public Filter {
        kinds = List.copyOf(kinds);
    }

    boolean matches(NotifiableKind kind, StoredRecord record) {
        if (!kinds.isEmpty() && !kinds.contains(kind.name())) {
            return false;
        }
        if (organisation != null && !organisation.equals(record.organisation())) {
            return false;
        }
        if (text == null || text.isBlank()) {
            return true;
        }
        Set<String> wanted = words(text);
        Set<String> present = new HashSet<>();
        collectWords(kind.content().apply(record), present);
        return present.containsAll(wanted);
    }

    static Set<String> words(String text) {
        String folded = ACCENTS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Set<String> words = new HashSet<>();
        for (String word : NOT_A_WORD_CHARACTER.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static void collectWords(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            into.addAll(words(node.asText()));
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectWords(child, into));
        }
    }

    ObjectNode json() {
        ObjectNode json = Json.object();
        kinds.forEach(json.putArray("kinds")::add);
        json.put("organisation", organisation);
        json.put("q", text);
        return json;
    }

    static Filter fromJson(JsonNode json) {
        List<String> kinds = new java.util.ArrayList<>();
        json.path("kinds").forEach(k -> kinds.add(k.asText()));
        return new Filter(kinds, json.path("organisation").asText(null), json.path("q").asText(null));
    }
}
