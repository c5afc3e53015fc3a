package nl.vindplaats.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.IndexDocument;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Organisations as records: written to the store, searched through the index, looked up in memory. */
public final class Organisations {
    public static final String KIND = "organisation";
    public static final String ACTIVE = "active";
    private static final String PROFILE = "profile";

    /** An organisation as stored, with the version an update must name. */
    public record Versioned(Organisation organisation, long version, StoredRecord record) {
        /**
         * What the organisation says of itself beyond its name: {@code description}, {@code image_url} and
         * {@code extras} (key/value pairs), as catalogue clients give them; an empty object when none.
         */
        public ObjectNode profile() {
            JsonNode profile = record == null ? null : record.body().get(PROFILE);
            return profile instanceof ObjectNode o ? o : Json.object();
        }

    }

    public record Found(long total, List<Versioned> organisations) {
    }

    /** Every organisation, as read from the store when the index had applied {@code changes} changes to them. */
    private record Directory(long changes, Map<String, Versioned> byId, Map<String, Versioned> bySlug) {
    }

    private final RecordStore store;
    private final SearchIndex index;
    private volatile Directory directory = new Directory(-1, Map.of(), Map.of());

    public Organisations(RecordStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    public static IndexProjection projection() {
        return IndexProjection.of(KIND, record -> {
            Organisation o = fromBody(record.body());
            return Optional.of(IndexDocument.builder(KIND, record.id())
                    .text("name", o.name())
                    .keyword("slug", o.slug())
                    .keyword("nameSort", o.name().toLowerCase(java.util.Locale.ROOT))
                    .number("modified", record.modified().toEpochMilli())
                    .build());
        });
    }

    public Versioned create(Organisation organisation, String cause) {
        return create(organisation, null, cause);
    }

    /** Creates an organisation with its profile (see {@link Versioned#profile()}); null for none. */
    public Versioned create(Organisation organisation, ObjectNode profile, String cause) {
        return versioned(store.create(newVersion(organisation, profile, cause)));
    }

    /**
     * Creates, in one write, those organisations whose id and slug are both still free; the others
     * are left as they are. Returns how many were created.
     */
    public int createAbsent(List<Organisation> candidates, String cause) {
        Directory known = directory();
        java.util.Set<String> slugs = new java.util.HashSet<>(known.bySlug().keySet());
        List<NewVersion> absent = new java.util.ArrayList<>();
        for (Organisation o : candidates) {
            if (!known.byId().containsKey(o.id()) && slugs.add(o.slug())) {
                absent.add(newVersion(o, null, cause));
            }
        }
        if (!absent.isEmpty()) {
            store.createAll(absent);
        }
        return absent.size();
    }

    /** Changes the organisation's name and slug; its profile stays as it is. */
    public Versioned update(Organisation organisation, long expectedVersion, String cause) {
        ObjectNode profile = store.get(KIND, organisation.id()).map(r -> versioned(r).profile()).orElse(null);
        return update(organisation, profile, expectedVersion, cause);
    }

    /** Changes the organisation and replaces its profile. */
    public Versioned update(Organisation organisation, ObjectNode profile, long expectedVersion, String cause) {
        return versioned(store.update(newVersion(organisation, profile, cause), expectedVersion));
    }

    public Optional<Versioned> byId(String id) {
        if (index == null) {
            return store.get(KIND, id).map(Organisations::versioned);
        }
        return Optional.ofNullable(directory().byId().get(id));
    }

    public Optional<Versioned> bySlug(String slug) {
        if (index == null) {
            return store.getByName(KIND, slug).map(Organisations::versioned);
        }
        return Optional.ofNullable(directory().bySlug().get(slug));
    }

    /** The organisation with this id (its TOOI URI) or, failing that, this slug: references may use either. */
    public Optional<Versioned> find(String idOrSlug) {
        return byId(idOrSlug).or(() -> bySlug(idOrSlug));
    }

    /**
     * Every organisation in memory: a package_search names up to fifty in its facets and one per result, and
     * there are some thousands at most. Read again from the store after any change to an organisation.
     */
    private Directory directory() {
        Directory current = directory;
        long changes = index.changesOf(KIND);
        if (current.changes() == changes) {
            return current;
        }
        Map<String, Versioned> byId = new HashMap<>();
        Map<String, Versioned> bySlug = new HashMap<>();
        for (StoredRecord record : store.allOf(KIND)) {
            Versioned v = versioned(record);
            byId.put(record.id(), v);
            bySlug.put(record.name(), v);
        }
        Directory loaded = new Directory(changes, Map.copyOf(byId), Map.copyOf(bySlug));
        directory = loaded;
        return loaded;
    }

    /** Organisations whose name matches the words (all of them), by name; every organisation without words. */
    public Found search(String words, int offset, int limit) {
        SearchQuery.Builder query = SearchQuery.of(KIND)
                .text(words, Map.of("name", 1f))
                .page(offset, limit);
        if (words == null || words.isBlank()) {
            query.sortBy(SearchQuery.SortKey.keyword("nameSort", false));
        }
        SearchResult result = index.search(query.build());
        return new Found(result.total(), store.getAll(KIND, result.ids()).stream().map(Organisations::versioned).toList());
    }

    private static NewVersion newVersion(Organisation o, ObjectNode profile, String cause) {
        ObjectNode body = Json.object().put("id", o.id()).put("name", o.name()).put("slug", o.slug());
        if (profile != null && !profile.isEmpty()) {
            body.set(PROFILE, profile.deepCopy());
        }
        return new NewVersion(KIND, o.id(), o.slug(), o.id(), ACTIVE, body, cause);
    }

    private static Versioned versioned(StoredRecord record) {
        return new Versioned(fromBody(record.body()), record.version(), record);
    }

    private static Organisation fromBody(ObjectNode body) {
        return new Organisation(body.path("id").asText(), body.path("name").asText(), body.path("slug").asText());
    }
}
