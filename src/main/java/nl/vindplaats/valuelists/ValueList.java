package nl.vindplaats.valuelists;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One named value list: its items sorted by label, found by identifier. Historical identifiers
 * (TOOI {@code hv_…}) are not items themselves but resolve to the item they are a version of.
 */
public final class ValueList {
    private final String name;
    private final String title;
    private final String source;
    private final List<ValueItem> items;
    private final Map<String, ValueItem> byIdentifier = new LinkedHashMap<>();
    private final Map<String, String> historical;

    ValueList(String name, String title, String source, List<ValueItem> items, Map<String, String> historical) {
        this.name = name;
        this.title = title;
        this.source = source;
        this.items = items.stream()
                .sorted(Comparator.comparing((ValueItem i) -> i.label().toLowerCase(Locale.ROOT))
                        .thenComparing(ValueItem::identifier))
                .toList();
        this.items.forEach(i -> byIdentifier.put(i.identifier(), i));
        this.historical = Map.copyOf(historical);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** Where the list comes from (the TOOI set URI or the file it was read from). */
    public String source() {
        return source;
    }

    public List<ValueItem> items() {
        return items;
    }

    /** The item with this identifier; a historical identifier gives the current item it is a version of. */
    public Optional<ValueItem> find(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        ValueItem item = byIdentifier.get(identifier);
        if (item != null) {
            return Optional.of(item);
        }
        String current = historical.get(identifier);
        return current == null ? Optional.empty() : Optional.ofNullable(byIdentifier.get(current));
    }

    /** Items whose label (or a word in it) starts with {@code prefix}, ignoring case; every item for none. */
    public List<ValueItem> withLabelPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return items;
        }
        String p = prefix.strip().toLowerCase(Locale.ROOT);
        return items.stream().filter(i -> {
            String label = i.label().toLowerCase(Locale.ROOT);
            if (label.startsWith(p)) {
                return true;
            }
            for (String word : label.split("[\\s\\-/(),.]+")) {
                if (word.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }
}
