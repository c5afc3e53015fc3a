package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that reads the stored dataset body (CKAN/DCAT-AP-DONL field names) into {@link Dataset} and
 * {@link DatasetSummary}. Labels come from the value lists as the CKAN API shows them ({@link Donl#displayName}).
 */
public final class DatasetMapping {
    private DatasetMapping() {
    }

    public static Dataset dataset(StoredRecord record) {
        ObjectNode b = record.body();
        List<Dataset.Concept> themes = new ArrayList<>();
        for (String theme : Donl.values(b.get("theme"))) {
            themes.add(concept("theme", theme));
        }
        List<String> keywords = new ArrayList<>();
        b.path("tags").forEach(t -> keywords.add(t.isObject() ? t.path("name").asText() : t.asText()));
        List<Distribution> distributions = new ArrayList<>();
        for (JsonNode r : b.path("resources")) {
            distributions.add(distribution(r));
        }
        Dataset.Contact contact = new Dataset.Contact(text(b, "contact_point_name"), text(b, "contact_point_email"),
                text(b, "contact_point_phone"), text(b, "contact_point_website"), text(b, "contact_point_address"));
        return new Dataset(record.id(), b.path("name").asText(), titleOf(b), text(b, "notes"),
                text(b, "owner_org"), themes, concept("license_id", text(b, "license_id")),
                concept("dataset_status", text(b, "dataset_status")),
                concept("access_rights", text(b, "access_rights")), concept("frequency", text(b, "frequency")),
                keywords, contact, instant(b, "metadata_created"), instant(b, "metadata_modified"), distributions);
    }

    /** What {@link DatasetAccess} judges a stored dataset by. */
    public static DatasetAccess.Visibility visibility(StoredRecord record) {
        ObjectNode b = record.body();
        return new DatasetAccess.Visibility(record.id(), record.organisation(), b.path("state").asText(Datasets.ACTIVE),
                b.path("private").asBoolean(false), b.path("creator_user_id").asText(null));
    }

    /** The same, from a body alone (as the index projection sees it; a stored body always names its state). */
    static DatasetAccess.Visibility visibilityOfBody(ObjectNode b) {
        return new DatasetAccess.Visibility(b.path("id").asText(), b.path("owner_org").asText(null),
                b.path("state").asText(), b.path("private").asBoolean(false), b.path("creator_user_id").asText(null));
    }

    /** A dataset's summary as the search index keeps it (see {@link PackageSummary}). */
    public static DatasetSummary summary(byte[] indexSummary) {
        PackageSummary summary = PackageSummary.read(indexSummary);
        ObjectNode dict;
        try {
            dict = (ObjectNode) Json.MAPPER.readTree(summary.ownJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DatasetSummary(dict.path("id").asText(), dict.path("name").asText(), titleOf(dict),
                text(dict, "notes"), summary.ownerOrg().isEmpty() ? null : summary.ownerOrg(),
                instant(dict, "metadata_modified"));
    }

    private static Distribution distribution(JsonNode r) {
        String format = text(r, "format");
        Long size = r.path("size").canConvertToLong() ? r.path("size").asLong() : null;
        return new Distribution(text(r, "id"), text(r, "name"), text(r, "description"), text(r, "url"),
                Donl.values(r.get("download_url")),
                format == null ? null : new Dataset.Concept(format, fileTypeLabel(format)), text(r, "mimetype"),
                concept("license_id", text(r, "license_id")), size);
    }

    /** EU file types by their code (…/file-type/CSV → CSV); a plain format ("csv") as it is. */
    static String fileTypeLabel(String format) {
        return format.startsWith("http") ? format.substring(format.lastIndexOf('/') + 1) : format;
    }

    private static Dataset.Concept concept(String field, String uri) {
        return uri == null ? null : new Dataset.Concept(uri, Donl.displayName(field, uri));
    }

    private static String titleOf(JsonNode b) {
        String title = text(b, "title");
        return title != null ? title : b.path("name").asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Instant instant(JsonNode node, String field) {
        Long millis = Datasets.millis(text(node, field));
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
