package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Resource;
import nl.vindplaats.search.IndexDocument;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Datasets as records of kind {@code dataset}, stored in the model's layout ({@link StoredDataset}) and found through
 * the index. The CKAN API works on the dataset's CKAN dict (core fields, DCAT-AP-DONL fields, tags, groups, extras,
 * resources): the records this class gives out and takes hold that dict as their body ({@link #ckanRecord}), and it
 * stores the dict in the model's layout ({@link #newVersion}), so that the dict is translated in this one place.
 */
public final class Datasets {
    public static final String KIND = "dataset";
    public static final String ACTIVE = DatasetAccess.ACTIVE;
    public static final String DRAFT = DatasetAccess.DRAFT;
    public static final String DELETED = DatasetAccess.DELETED;
    /** Purged datasets leave the index and lose their name; the change log keeps their history. */
    public static final String PURGED = "purged";

    /** Full-text fields of the index, as CKAN's Solr schema has them. */
    static final Set<String> TEXT_FIELDS = Set.of("title", "notes", "text", "res_name", "res_description", "author",
            "maintainer");
    /** Exact-value fields: filters, facets and fielded queries. */
    static final Set<String> KEYWORD_FIELDS = Set.of("id", "name", "state", "capacity", "owner_org", "organization",
            "tags", "groups", "res_format", "res_id", "res_url", "license_id", "type", "creator_user_id",
            "permission_labels", "title_string", "url", "version", "dataset_type");
    static final Set<String> NUMBER_FIELDS = Set.of("metadata_created", "metadata_modified", "num_resources",
            "num_tags");
    /** The fields a free-text query searches, with their weights (CKAN's dismax {@code qf}). */
    public static final Map<String, Float> DISMAX = Map.of(f("name"), 4f, f("title"), 4f, f("tags"), 2f,
            f("groups"), 2f, f("text"), 1f);
    /** As in CKAN's Solr schema, name, tags and groups are string fields: a word matches only a whole value. */
    public static final Set<String> DISMAX_EXACT = Set.of(f("name"), f("tags"), f("groups"));

    private static final DateTimeFormatter CKAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final RecordStore store;
    private final SearchIndex index;

    Datasets(RecordStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    /** By id, else by name, with its CKAN dict as the body ({@link #ckanRecord}); purged datasets are gone. */
    public Optional<StoredRecord> find(String idOrName) {
        return findStored(idOrName).map(Datasets::ckanRecord);
    }

    /**
     * As {@link #find}, the record as stored: for readers of the model ({@link CkanDatasetMapping#dataset},
     * {@link CkanDatasetMapping#visibility}), which read either layout without the CKAN dict.
     */
    public Optional<StoredRecord> findStored(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        return store.get(KIND, idOrName).or(() -> store.getByName(KIND, idOrName))
                .filter(r -> !PURGED.equals(r.state()));
    }

    /** Stores a new dataset given as its CKAN dict; the record it gives back holds the dict as its body. */
    public StoredRecord create(ObjectNode body, String cause) {
        return ckanRecord(store.create(newVersion(body, cause)));
    }

    /** Stores a dataset's new version given as its CKAN dict; the record it gives back holds the dict. */
    public StoredRecord update(StoredRecord current, ObjectNode body, String cause) {
        return ckanRecord(store.update(newVersion(body, cause), current.version()));
    }

    /** Frees the name a deleted dataset keeps, so that a new dataset can take it (CKAN renames it to its id). */
    public void releaseName(StoredRecord deleted) {
        ObjectNode body = deleted.body().deepCopy();
        body.put("name", deleted.id());
        update(deleted, body, "renamed");
    }

    /** A version of a dataset given as its CKAN dict, to be stored in the model's layout. */
    static NewVersion newVersion(ObjectNode body, String cause) {
        return new NewVersion(KIND, body.path("id").asText(), body.path("name").asText(),
                body.path("owner_org").asText(null), body.path("state").asText(ACTIVE),
                CkanDatasetStorage.stored(body).body(), cause);
    }

    /** The record with the dataset's CKAN dict as its body, whichever layout it was stored in. */
    public static StoredRecord ckanRecord(StoredRecord stored) {
        if (!StoredDataset.isCurrent(stored.body())) {
            return stored;
        }
        return new StoredRecord(stored.kind(), stored.id(), stored.name(), stored.version(), stored.organisation(),
                stored.state(), stored.created(), stored.modified(), CkanDatasetStorage.dict(stored.body()));
    }

    /** The dataset's CKAN dict, whichever layout its record was stored in. */
    public static ObjectNode ckanDict(StoredRecord stored) {
        return CkanDatasetStorage.dict(stored.body());
    }

    /** Whether only its organisation may see this version of a dataset (a stored record in either layout). */
    public static boolean isPrivate(StoredRecord stored) {
        return CkanDatasetMapping.visibility(stored).isPrivate();
    }

    /** The dataset that holds the resource with this id, found through the index. */
    public Optional<StoredRecord> byResourceId(String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            return Optional.empty();
        }
        var result = index.search(SearchQuery.of(KIND).filter(f("res_id"), resourceId).page(0, 1).build());
        return result.ids().stream().findFirst().flatMap(id -> store.get(KIND, id)).map(Datasets::ckanRecord);
    }

    /** The datasets with these ids, with their CKAN dicts as bodies ({@link #ckanRecord}). */
    public List<StoredRecord> getAll(List<String> ids) {
        return getAllStored(ids).stream().map(Datasets::ckanRecord).toList();
    }

    /** As {@link #getAll}, the records as stored (see {@link #findStored}). */
    public List<StoredRecord> getAllStored(List<String> ids) {
        return store.getAll(KIND, ids);
    }

    public static Resource resourceOf(StoredRecord record) {
        return new Resource(Resource.Type.DATASET, record.id(), record.organisation());
    }

    /** Who may see a dataset, as the index's permission labels ({@link DatasetAccess#labels}). */
    static List<String> labels(ObjectNode body) {
        return DatasetAccess.labels(CkanDatasetMapping.visibilityOfBody(body));
    }

    /**
     * The index field for one of CKAN's field names. The index is shared by every kind of record, so
     * dataset fields carry their own prefix and cannot clash with another kind's field of the same name.
     */
    public static String f(String field) {
        return field.startsWith(PREFIX) ? field : PREFIX + field;
    }

    static final String PREFIX = "dataset.";

    public static String now(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(CKAN_TIME);
    }

    /** Epoch millis of a CKAN timestamp (no zone: UTC), or null when it is not one. */
    public static Long millis(String ckanTime) {
        if (ckanTime == null || ckanTime.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(ckanTime).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(ckanTime).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    public static IndexProjection projection() {
        return IndexProjection.of(KIND, record -> {
            if (PURGED.equals(record.state())) {
                return Optional.empty();
            }
            return Optional.of(document(ckanRecord(record)));
        });
    }

    private static IndexDocument document(StoredRecord record) {
        ObjectNode b = record.body();
        IndexDocument.Builder doc = IndexDocument.builder(KIND, record.id());
        String title = b.path("title").asText("");
        doc.keyword(f("id"), record.id())
                .keyword(f("name"), b.path("name").asText())
                .keyword(f("state"), b.path("state").asText(ACTIVE))
                .keyword(f("capacity"), b.path("private").asBoolean(false) ? "private" : "public")
                .keyword(f("owner_org"), b.path("owner_org").asText(null))
                .keyword(f("organization"), b.path("organization_name").asText(null))
                .keyword(f("license_id"), b.path("license_id").asText(null))
                .keyword(f("type"), b.path("type").asText("dataset"))
                .keyword(f("dataset_type"), b.path("type").asText("dataset"))
                .keyword(f("creator_user_id"), b.path("creator_user_id").asText(null))
                .keyword(f("url"), b.path("url").asText(null))
                .keyword(f("version"), b.path("version").asText(null))
                .keyword(f("title_string"), title.toLowerCase(java.util.Locale.ROOT))
                .keywords(f("permission_labels"), labels(b));
        doc.text(f("title"), title)
                .text(f("notes"), b.path("notes").asText(null))
                .text(f("author"), b.path("author").asText(null))
                .text(f("maintainer"), b.path("maintainer").asText(null));
        // CKAN's catch-all field repeats every other text, and resources are shown from the dict, never highlighted:
        // searched only, not stored a second time.
        doc.searchOnly(f("text")).searchOnly(f("res_name")).searchOnly(f("res_description"));
        doc.text(f("text"), b.path("name").asText()).text(f("text"), title).text(f("text"), b.path("notes").asText(null));
        for (JsonNode tag : b.path("tags")) {
            doc.keyword(f("tags"), tag.asText()).text(f("text"), tag.asText());
        }
        for (JsonNode group : b.path("groups")) {
            // `text` holds every word of the other searched fields (as CKAN's Solr schema copies them into it),
            // so that package_search can count its matches in `text` alone (SearchQuery.matchField).
            doc.keyword(f("groups"), group.path("name").asText()).text(f("text"), group.path("name").asText())
                    .text(f("text"), group.path("title").asText(null));
        }
        doc.text(f("text"), b.path("organization_title").asText(null));
        for (JsonNode resource : b.path("resources")) {
            doc.keyword(f("res_id"), resource.path("id").asText())
                    .keyword(f("res_format"), resource.path("format").asText(null))
                    .keyword(f("res_url"), resource.path("url").asText(null))
                    .text(f("res_name"), resource.path("name").asText(null))
                    .text(f("res_description"), resource.path("description").asText(null))
                    .text(f("text"), resource.path("name").asText(null))
                    .text(f("text"), resource.path("description").asText(null));
        }
        for (JsonNode extra : b.path("extras")) {
            String value = extra.path("value").isValueNode() ? extra.path("value").asText() : extra.path("value").toString();
            doc.keyword(f("extras_") + extra.path("key").asText(), value).text(f("text"), value);
        }
        for (String field : Donl.DATASET_FIELDS) {
            for (String value : Donl.values(b.get(field))) {
                doc.keyword(f(field), value);
                if (field.equals("theme")) {
                    Donl.topTheme(value).ifPresent(top -> doc.keyword(f("theme"), top));
                }
            }
        }
        doc.number(f("metadata_created"), millis(b.path("metadata_created").asText(null)))
                .number(f("metadata_modified"), millis(b.path("metadata_modified").asText(null)))
                .number(f("num_resources"), (long) b.path("resources").size())
                .number(f("num_tags"), (long) b.path("tags").size());
        return doc.summary(PackageSummary.of(record).bytes()).build();
    }
}
