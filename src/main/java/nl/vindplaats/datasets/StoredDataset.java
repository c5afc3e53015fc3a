package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.BodyLayout;
import nl.vindplaats.store.StoredRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Dataset} as the body of its stored record, and back: the model's fields by their own names, a layout
 * marker ({@code "layout": 2}), who may see the dataset ({@link Visibility}), and the extras of the mapper that received
 * it under that mapper's name ({@code "extras": {"ckan": …}}), kept as that mapper wrote them. Values of the value
 * lists are stored as their URIs; their labels come from the value lists when a body is read. An empty list, an empty
 * contact or period and a null value are left out.
 *
 * <p>Bodies written before this layout are the CKAN dict itself (no marker): {@link #layout()} rewrites them at start,
 * and {@link CkanDatasetStorage#dict(ObjectNode)} reads either, as the change log keeps the older versions as they
 * were written.
 *
 * @param extras what the model has no place for, per mapper (its name → the object it wrote)
 */
public record StoredDataset(Dataset dataset, Visibility visibility, ObjectNode extras) {
    /** The layout's number, as documents number theirs ({@code "layout": 2}; the CKAN dict before it had none). */
    public static final int LAYOUT = 2;
    static final String MARKER = "layout";

    /**
     * Who may see the dataset ({@link DatasetAccess}): its state (active, draft, deleted, purged), whether only its
     * organisation may see it, and who created it (a token's id, which may see its own drafts). Each null when the
     * dataset was received without it.
     */
    public record Visibility(String state, Boolean restricted, String creatorId) {
    }

    /** Whether a stored body is in this layout (a body without the marker is a CKAN dict of an earlier release). */
    public static boolean isCurrent(ObjectNode body) {
        JsonNode marker = body.get(MARKER);
        return marker != null && marker.isInt() && marker.intValue() == LAYOUT;
    }

    /** The layout of dataset records, for {@link nl.vindplaats.store.RecordStore#relayout} at start. */
    public static BodyLayout layout() {
        return new BodyLayout() {
            @Override
            public String kind() {
                return Datasets.KIND;
            }

            @Override
            public boolean isCurrent(ObjectNode body) {
                return StoredDataset.isCurrent(body);
            }

            @Override
            public ObjectNode upgrade(StoredRecord old) {
                return CkanDatasetStorage.stored(old.body()).body();
            }
        };
    }

    /** The stored body. */
    public ObjectNode body() {
        Dataset d = dataset;
        ObjectNode b = Json.object();
        b.put(MARKER, LAYOUT);
        Json.putPresent(b, "id", d.id());
        Json.putPresent(b, "name", d.name());
        Json.putPresent(b, "title", d.title());
        Json.putPresent(b, "description", d.description());
        Json.putPresent(b, "identifier", d.identifier());
        Json.putPresent(b, "organisationId", d.organisationId());
        Json.putPresent(b, "publisher", d.publisher());
        Json.putPresent(b, "authority", d.authority());
        putTexts(b, "themes", d.themes().stream().map(Dataset.Concept::uri).toList());
        putTexts(b, "languages", d.languages());
        Json.putPresent(b, "metadataLanguage", d.metadataLanguage());
        putConcept(b, "licence", d.licence());
        putConcept(b, "status", d.status());
        putConcept(b, "accessRights", d.accessRights());
        putConcept(b, "frequency", d.frequency());
        putTexts(b, "keywords", d.keywords());
        if (!d.contact().isEmpty()) {
            ObjectNode contact = b.putObject("contact");
            Json.putPresent(contact, "name", d.contact().name());
            Json.putPresent(contact, "email", d.contact().email());
            Json.putPresent(contact, "phone", d.contact().phone());
            Json.putPresent(contact, "website", d.contact().website());
            Json.putPresent(contact, "address", d.contact().address());
            Json.putPresent(contact, "title", d.contact().title());
        }
        Json.putPresent(b, "landingPage", d.landingPage());
        Json.putPresent(b, "version", d.version());
        Json.putPresent(b, "releaseDate", d.releaseDate());
        Json.putPresent(b, "modificationDate", d.modificationDate());
        if (!d.temporal().isEmpty()) {
            ObjectNode temporal = b.putObject("temporal");
            Json.putPresent(temporal, "label", d.temporal().label());
            Json.putPresent(temporal, "start", d.temporal().start());
            Json.putPresent(temporal, "end", d.temporal().end());
        }
        putTexts(b, "conformsTo", d.conformsTo());
        Json.putPresent(b, "created", d.created() == null ? null : d.created().toString());
        Json.putPresent(b, "modified", d.modified() == null ? null : d.modified().toString());
        if (!d.distributions().isEmpty()) {
            ArrayNode distributions = b.putArray("distributions");
            d.distributions().forEach(r -> distributions.add(distribution(r)));
        }
        ObjectNode v = Json.object();
        Json.putPresent(v, "state", visibility.state());
        if (visibility.restricted() != null) {
            v.put("restricted", visibility.restricted());
        }
        Json.putPresent(v, "creatorId", visibility.creatorId());
        if (!v.isEmpty()) {
            b.set("visibility", v);
        }
        if (!extras.isEmpty()) {
            b.set("extras", extras);
        }
        return b;
    }

    private static ObjectNode distribution(Distribution r) {
        ObjectNode o = Json.object();
        Json.putPresent(o, "id", r.id());
        Json.putPresent(o, "name", r.name());
        Json.putPresent(o, "description", r.description());
        Json.putPresent(o, "accessUrl", r.accessUrl());
        putTexts(o, "downloadUrls", r.downloadUrls());
        if (r.uploaded()) {
            o.put("uploaded", true);
        }
        putConcept(o, "format", r.format());
        Json.putPresent(o, "mediaType", r.mediaType());
        Json.putPresent(o, "detectedMediaType", r.detectedMediaType());
        putConcept(o, "licence", r.licence());
        Json.putPresent(o, "byteSize", r.byteSize());
        putTexts(o, "languages", r.languages());
        Json.putPresent(o, "status", r.status());
        return o;
    }

    /** The dataset a body in this layout holds ({@link #isCurrent}); labels from the value lists. */
    public static StoredDataset read(ObjectNode b) {
        JsonNode contact = b.path("contact");
        JsonNode temporal = b.path("temporal");
        List<Distribution> distributions = new ArrayList<>();
        for (JsonNode r : b.path("distributions")) {
            distributions.add(distribution(r));
        }
        Dataset dataset = new Dataset(text(b, "id"), text(b, "name"), text(b, "title"), text(b, "description"),
                text(b, "identifier"), text(b, "organisationId"), text(b, "publisher"), text(b, "authority"),
                list(b, "themes", uri -> CkanDatasetMapping.concept("theme", uri)), texts(b, "languages"),
                text(b, "metadataLanguage"), concept(b, "licence", "license_id"),
                concept(b, "status", "dataset_status"), concept(b, "accessRights", "access_rights"),
                concept(b, "frequency", "frequency"), texts(b, "keywords"),
                new Dataset.Contact(text(contact, "name"), text(contact, "email"), text(contact, "phone"),
                        text(contact, "website"), text(contact, "address"), text(contact, "title")),
                text(b, "landingPage"), text(b, "version"), text(b, "releaseDate"), text(b, "modificationDate"),
                new Dataset.Period(text(temporal, "label"), text(temporal, "start"), text(temporal, "end")),
                texts(b, "conformsTo"), instant(b, "created"), instant(b, "modified"), distributions);
        JsonNode extras = b.get("extras");
        return new StoredDataset(dataset, visibilityOf(b), extras instanceof ObjectNode o ? o : Json.object());
    }

    /** Who may see the dataset a body in this layout holds, without reading the rest. */
    static Visibility visibilityOf(ObjectNode b) {
        JsonNode v = b.path("visibility");
        JsonNode restricted = v.get("restricted");
        return new Visibility(text(v, "state"), restricted == null ? null : restricted.asBoolean(),
                text(v, "creatorId"));
    }

    private static Distribution distribution(JsonNode r) {
        String format = text(r, "format");
        return new Distribution(text(r, "id"), text(r, "name"), text(r, "description"), text(r, "accessUrl"),
                texts(r, "downloadUrls"), r.path("uploaded").asBoolean(false),
                format == null ? null : new Dataset.Concept(format, CkanDatasetMapping.fileTypeLabel(format)),
                text(r, "mediaType"), text(r, "detectedMediaType"), concept(r, "licence", "license_id"),
                text(r, "byteSize"), texts(r, "languages"), text(r, "status"));
    }

    /** A value-list concept by its URI, labelled from the value list it belongs to (named as DONL names it). */
    private static Dataset.Concept concept(JsonNode node, String field, String valueList) {
        return CkanDatasetMapping.concept(valueList, text(node, field));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode node, String field) {
        return list(node, field, Function.identity());
    }

    private static <T> List<T> list(JsonNode node, String field, Function<String, T> item) {
        JsonNode values = node.get(field);
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(values.size());
        values.forEach(value -> out.add(item.apply(value.asText())));
        return out;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static void putConcept(ObjectNode o, String field, Dataset.Concept concept) {
        Json.putPresent(o, field, concept == null ? null : concept.uri());
    }

    private static void putTexts(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = o.putArray(field);
            values.forEach(list::add);
        }
    }
}
