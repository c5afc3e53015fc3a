package nl.vindplaats.datasets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dataset's CKAN/DCAT-AP-DONL dict (as the CKAN API takes and shows it, and as an earlier release stored it) to and
 * from {@link Dataset}. Reading keeps what the model
 * has no place for as the CKAN extras of the dataset ({@link Read#extras}): CKAN's own keys (state, groups, its
 * {@code extras} list, …), DONL fields the model does not hold, and a value stored in another JSON form than the one
 * written back (a null, a size given as text); writing lays those over the model's keys, so that dict → model → dict
 * gives the dict back. Labels come from the value lists as the CKAN API shows them
 * ({@link Donl#displayName}). How a dict is kept in the stored layout: {@link CkanDatasetStorage}.
 */
public final class CkanDatasetMapping {
    static final String RESOURCES = "resources";

    private CkanDatasetMapping() {
    }

    /**
     * A dataset read from its stored body, with what the model does not hold: the body's keys (and, under
     * {@code resources}, one object per resource in the same order) whose JSON the model does not give back.
     */
    public record Read(Dataset dataset, ObjectNode extras) {
    }

    /** The dataset a stored record holds, in either layout. */
    public static Dataset dataset(StoredRecord record) {
        Dataset dataset = StoredDataset.isCurrent(record.body()) ? StoredDataset.read(record.body()).dataset()
                : dataset(record.body());
        return record.id().equals(dataset.id()) ? dataset : withId(dataset, record.id());
    }

    /** The dataset a stored body describes. */
    public static Dataset dataset(ObjectNode b) {
        List<Dataset.Concept> themes = new ArrayList<>();
        for (String theme : texts(b.get("theme"))) {
            themes.add(concept("theme", theme));
        }
        List<String> keywords = new ArrayList<>();
        for (JsonNode t : b.path("tags")) {
            keywords.add(t.isObject() ? t.path("name").asText() : t.asText());
        }
        List<Distribution> distributions = new ArrayList<>();
        for (JsonNode r : b.path(RESOURCES)) {
            distributions.add(distribution(r));
        }
        Dataset.Contact contact = new Dataset.Contact(text(b, "contact_point_name"), text(b, "contact_point_email"),
                text(b, "contact_point_phone"), text(b, "contact_point_website"), text(b, "contact_point_address"),
                text(b, "contact_point_title"));
        Dataset.Period temporal = new Dataset.Period(text(b, "temporal_label"), text(b, "temporal_start"),
                text(b, "temporal_end"));
        return new Dataset(text(b, "id"), text(b, "name"), text(b, "title"), text(b, "notes"), text(b, "identifier"),
                text(b, "owner_org"), text(b, "publisher"), text(b, "authority"), themes, texts(b.get("language")),
                text(b, "metadata_language"), concept("license_id", text(b, "license_id")),
                concept("dataset_status", text(b, "dataset_status")),
                concept("access_rights", text(b, "access_rights")), concept("frequency", text(b, "frequency")),
                keywords, contact, text(b, "url"), text(b, "version"), text(b, "issued"), text(b, "modified"),
                temporal, texts(b.get("conforms_to")), instant(b, "metadata_created"),
                instant(b, "metadata_modified"), distributions);
    }

    /** A stored body read into the model, with the CKAN extras that give the body back. */
    static Read read(ObjectNode body) {
        Dataset dataset = dataset(body);
        return new Read(dataset, extras(body, body(dataset, Json.object())));
    }

    /** The stored body of a dataset: the model's keys, then its CKAN extras over them (copied). */
    static ObjectNode body(Dataset d, ObjectNode extras) {
        return body(d, extras, true);
    }

    /**
     * As {@link #body(Dataset, ObjectNode)}; without {@code copy} the extras' values become part of the dict, for
     * extras just read from a stored body that nothing else holds on to.
     */
    static ObjectNode body(Dataset d, ObjectNode extras, boolean copy) {
        ObjectNode b = Json.object();
        Json.putPresent(b, "id", d.id());
        Json.putPresent(b, "name", d.name());
        Json.putPresent(b, "title", d.title());
        Json.putPresent(b, "notes", d.description());
        Json.putPresent(b, "identifier", d.identifier());
        Json.putPresent(b, "owner_org", d.organisationId());
        Json.putPresent(b, "publisher", d.publisher());
        Json.putPresent(b, "authority", d.authority());
        putList(b, "theme", d.themes().stream().map(Dataset.Concept::uri).toList());
        putList(b, "language", d.languages());
        Json.putPresent(b, "metadata_language", d.metadataLanguage());
        putConcept(b, "license_id", d.licence());
        putConcept(b, "dataset_status", d.status());
        putConcept(b, "access_rights", d.accessRights());
        putConcept(b, "frequency", d.frequency());
        putList(b, "tags", d.keywords());
        Json.putPresent(b, "contact_point_name", d.contact().name());
        Json.putPresent(b, "contact_point_email", d.contact().email());
        Json.putPresent(b, "contact_point_phone", d.contact().phone());
        Json.putPresent(b, "contact_point_website", d.contact().website());
        Json.putPresent(b, "contact_point_address", d.contact().address());
        Json.putPresent(b, "contact_point_title", d.contact().title());
        Json.putPresent(b, "url", d.landingPage());
        Json.putPresent(b, "version", d.version());
        Json.putPresent(b, "issued", d.releaseDate());
        Json.putPresent(b, "modified", d.modificationDate());
        Json.putPresent(b, "temporal_label", d.temporal().label());
        Json.putPresent(b, "temporal_start", d.temporal().start());
        Json.putPresent(b, "temporal_end", d.temporal().end());
        putList(b, "conforms_to", d.conformsTo());
        if (d.created() != null) {
            b.put("metadata_created", Datasets.now(d.created()));
        }
        if (d.modified() != null) {
            b.put("metadata_modified", Datasets.now(d.modified()));
        }
        if (!d.distributions().isEmpty()) {
            ArrayNode resources = b.putArray(RESOURCES);
            d.distributions().forEach(r -> resources.add(resource(r)));
        }
        return overlay(b, extras, copy);
    }

    private static Distribution distribution(JsonNode r) {
        String format = text(r, "format");
        return new Distribution(text(r, "id"), text(r, "name"), text(r, "description"), text(r, "url"),
                texts(r.get("download_url")), "upload".equals(text(r, "url_type")),
                format == null ? null : new Dataset.Concept(format, fileTypeLabel(format)), text(r, "media_type"),
                text(r, "mimetype"), concept("license_id", text(r, "license_id")), text(r, "size"),
                texts(r.get("language")), text(r, "status"));
    }

    private static ObjectNode resource(Distribution r) {
        ObjectNode o = Json.object();
        Json.putPresent(o, "id", r.id());
        Json.putPresent(o, "name", r.name());
        Json.putPresent(o, "description", r.description());
        Json.putPresent(o, "url", r.accessUrl());
        putList(o, "download_url", r.downloadUrls());
        if (r.uploaded()) {
            o.put("url_type", "upload");
        }
        Json.putPresent(o, "format", r.format() == null ? null : r.format().uri());
        Json.putPresent(o, "media_type", r.mediaType());
        Json.putPresent(o, "mimetype", r.detectedMediaType());
        putConcept(o, "license_id", r.licence());
        if (r.byteSize() != null) {
            o.set("size", size(r.byteSize()));
        }
        putList(o, "language", r.languages());
        Json.putPresent(o, "status", r.status());
        return o;
    }

    /** CKAN keeps a size as given: written as a JSON number where it is one (a size given as text is an extra). */
    private static JsonNode size(String byteSize) {
        if (byteSize.matches("0|[1-9]\\d*")) {
            try {
                return Json.MAPPER.readTree(byteSize);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(byteSize);
    }

    /** What of {@code stored} the {@code written} body does not give back: per key, and per resource. */
    private static ObjectNode extras(ObjectNode stored, ObjectNode written) {
        ObjectNode extras = Json.object();
        for (Map.Entry<String, JsonNode> e : stored.properties()) {
            JsonNode mine = written.get(e.getKey());
            if (e.getKey().equals(RESOURCES) && e.getValue().isArray() && mine != null
                    && mine.size() == e.getValue().size()) {
                ArrayNode perResource = Json.MAPPER.createArrayNode();
                for (int i = 0; i < mine.size(); i++) {
                    JsonNode r = e.getValue().get(i);
                    perResource.add(r.isObject() ? extras((ObjectNode) r, (ObjectNode) mine.get(i)) : r);
                }
                extras.set(RESOURCES, perResource);
            } else if (!e.getValue().equals(mine)) {
                extras.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return extras;
    }

    private static ObjectNode overlay(ObjectNode written, ObjectNode extras, boolean copy) {
        for (Map.Entry<String, JsonNode> e : extras.properties()) {
            JsonNode mine = written.get(e.getKey());
            if (e.getKey().equals(RESOURCES) && e.getValue().isArray() && mine != null
                    && mine.size() == e.getValue().size()) {
                for (int i = 0; i < mine.size(); i++) {
                    JsonNode r = e.getValue().get(i);
                    if (r.isObject() && mine.get(i).isObject()) {
                        overlay((ObjectNode) mine.get(i), (ObjectNode) r, copy);
                    } else {
                        ((ArrayNode) mine).set(i, copy ? r.deepCopy() : r);
                    }
                }
            } else {
                written.set(e.getKey(), copy ? e.getValue().deepCopy() : e.getValue());
            }
        }
        return written;
    }

    /** What {@link DatasetAccess} judges a stored dataset by. */
    public static DatasetAccess.Visibility visibility(StoredRecord record) {
        ObjectNode b = record.body();
        if (StoredDataset.isCurrent(b)) {
            StoredDataset.Visibility v = StoredDataset.visibilityOf(b);
            return new DatasetAccess.Visibility(record.id(), record.organisation(),
                    v.state() == null ? Datasets.ACTIVE : v.state(), Boolean.TRUE.equals(v.restricted()),
                    v.creatorId());
        }
        return new DatasetAccess.Visibility(record.id(), record.organisation(), b.path("state").asText(Datasets.ACTIVE),
                b.path("private").asBoolean(false), b.path("creator_user_id").asText(null));
    }

    /** The same, from a body alone (as the index projection sees it; a stored body always names its state). */
    static DatasetAccess.Visibility visibilityOfBody(ObjectNode b) {
        return new DatasetAccess.Visibility(b.path("id").asText(), b.path("owner_org").asText(null),
                b.path("state").asText(), b.path("private").asBoolean(false), b.path("creator_user_id").asText(null));
    }

    /** The fields of the stored dict a {@link DatasetSummary} is made of. */
    private static final Set<String> SUMMARY_FIELDS = Set.of("id", "name", "title", "notes", "metadata_modified");

    /**
     * A dataset's summary as the search index keeps it (see {@link PackageSummary}). A result page reads twenty of
     * them, each a whole dict: only the five top-level fields a summary shows are taken, the rest (resources, extras)
     * is skipped unread instead of built into a tree.
     */
    public static DatasetSummary summary(byte[] indexSummary) {
        PackageSummary summary = PackageSummary.read(indexSummary);
        Map<String, String> values = topLevelValues(summary.ownJson(), SUMMARY_FIELDS);
        String name = values.getOrDefault("name", "");
        String title = ReadableDataset.text(values.get("title"));
        Long modified = Datasets.millis(values.get("metadata_modified"));
        return new DatasetSummary(values.getOrDefault("id", ""), name, title != null ? title : name,
                ReadableDataset.text(values.get("notes")), summary.ownerOrg().isEmpty() ? null : summary.ownerOrg(),
                modified == null ? null : Instant.ofEpochMilli(modified));
    }

    /** The title as the index holds it ({@link Datasets#projection}): the stored value as it is; null when none. */
    static String indexedTitle(byte[] indexSummary) {
        return topLevelValues(PackageSummary.read(indexSummary).ownJson(), Set.of("title")).get("title");
    }

    /**
     * The single values (as text) of some top-level fields of a dict's JSON, read with a streaming parser that stops
     * once it has them all; lists, objects and nulls are passed over unread.
     */
    private static Map<String, String> topLevelValues(byte[] json, Set<String> fields) {
        Map<String, String> values = new HashMap<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("A dataset summary is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME && values.size() < fields.size()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL && fields.contains(field)) {
                    values.put(field, parser.getValueAsString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** EU file types by their code (…/file-type/CSV → CSV); a plain format ("csv") as it is. */
    static String fileTypeLabel(String format) {
        return format.startsWith("http") ? format.substring(format.lastIndexOf('/') + 1) : format;
    }

    static Dataset.Concept concept(String field, String uri) {
        return uri == null ? null : new Dataset.Concept(uri, Donl.displayName(field, uri));
    }

    private static Dataset withId(Dataset d, String id) {
        return new Dataset(id, d.name(), d.title(), d.description(), d.identifier(), d.organisationId(),
                d.publisher(), d.authority(), d.themes(), d.languages(), d.metadataLanguage(), d.licence(), d.status(),
                d.accessRights(), d.frequency(), d.keywords(), d.contact(), d.landingPage(), d.version(),
                d.releaseDate(), d.modificationDate(), d.temporal(), d.conformsTo(), d.created(), d.modified(),
                d.distributions());
    }

    /** A value as stored, untrimmed; null when absent, null or not a single value. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** The values of a field that holds one value or a list (null items left out). */
    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull() || node.isObject()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(v -> {
                if (!v.isNull() && !v.isContainerNode()) {
                    values.add(v.asText());
                }
            });
        } else {
            values.add(node.asText());
        }
        return values;
    }


    private static void putConcept(ObjectNode o, String field, Dataset.Concept concept) {
        Json.putPresent(o, field, concept == null ? null : concept.uri());
    }

    private static void putList(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = o.putArray(field);
            values.forEach(list::add);
        }
    }

    private static Instant instant(JsonNode node, String field) {
        Long millis = Datasets.millis(text(node, field));
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
