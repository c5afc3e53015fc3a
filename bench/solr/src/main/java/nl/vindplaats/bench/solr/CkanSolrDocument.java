package nl.vindplaats.bench.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Solr document CKAN's {@code PackageSearchIndex.index_package} (ckan/lib/search/index.py) writes for a
 * dataset dict, step by step in its order, with CKAN's defaults: site id {@code default}, no vocabulary
 * tags, no relationships, no extra resource columns, the default permission labels
 * ({@code ckan/lib/plugins.py DefaultPermissionLabels}).
 *
 * <p>The DCAT-AP-DONL fields (theme, language, modified, …) are not columns of CKAN's package table: a
 * schema extension (ckanext-scheming) keeps them as package extras, a list as its JSON text, and the
 * unvalidated dict that index_package reads carries them in {@code extras}. So here every key that is not
 * a core package column becomes an extra in the same way, and then follows index_package's extras rule:
 * {@code extras_<key>} (text, stored, copied into {@code text}) and {@code <key>} (string, by the
 * schema's {@code *} field) when the key is not reserved.
 */
final class CkanSolrDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE_ID = "default";
    /** Columns of CKAN's package table and what package_show adds itself (package_dictize). */
    private static final Set<String> CORE = Set.of("id", "name", "title", "author", "author_email", "maintainer",
            "maintainer_email", "license_id", "license_title", "license_url", "notes", "url", "version", "state",
            "type", "owner_org", "private", "creator_user_id", "metadata_created", "metadata_modified",
            "num_tags", "num_resources", "isopen", "organization", "tags", "groups", "resources", "extras",
            "relationships_as_subject", "relationships_as_object", "plugin_data");
    /** index.py RESERVED_FIELDS: extras with these keys get only their extras_ field. */
    private static final Set<String> RESERVED = Set.of("entity_type", "res_url", "text", "urls", "indexed_ts",
            "site_id", "tags", "groups", "res_name", "res_description", "res_format", "res_type");
    private static final List<Map.Entry<String, String>> RESOURCE_FIELDS = List.of(Map.entry("name", "res_name"),
            Map.entry("description", "res_description"), Map.entry("format", "res_format"),
            Map.entry("url", "res_url"), Map.entry("resource_type", "res_type"));

    private CkanSolrDocument() {
    }

    static ObjectNode of(ObjectNode dataset) {
        ObjectNode raw = unvalidated(dataset);
        ObjectNode doc = JSON.createObjectNode();
        // data_dict: the dict package_show gives without the custom schema; validated_data_dict: with it
        // (CKAN returns each search result from the latter).
        doc.put("data_dict", raw.toString());
        doc.put("validated_data_dict", dataset.toString());
        copyScalars(raw, doc);
        String title = raw.path("title").asText("");
        if (!title.isEmpty()) {
            doc.put("title_string", title);
        }

        for (JsonNode extra : raw.path("extras")) {
            String key = extra.path("key").asText().replaceAll("[^0-9A-Za-z_-]", "");
            String value = extra.path("value").asText();
            doc.put("extras_" + key, value);
            if (!RESERVED.contains(key) && !raw.has(key)) {
                doc.put(key, value);
            }
        }

        ArrayNode tags = doc.putArray("tags");
        raw.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        doc.put("capacity", raw.path("private").asBoolean(false) ? "private" : "public");
        ArrayNode groups = doc.putArray("groups");
        raw.path("groups").forEach(group -> groups.add(group.path("name").asText()));
        JsonNode organization = raw.path("organization");
        if (organization.isObject()) {
            doc.put("organization", organization.path("name").asText());
        }

        for (Map.Entry<String, String> field : RESOURCE_FIELDS) {
            if (!raw.path("resources").isEmpty()) {
                ArrayNode values = doc.putArray(field.getValue());
                raw.path("resources").forEach(resource -> values.add(resource.path(field.getKey()).asText("")));
            }
        }

        doc.put("entity_type", "package");
        doc.put("dataset_type", raw.path("type").asText("dataset"));
        doc.put("metadata_created", solrDate(raw.path("metadata_created").asText()));
        doc.put("metadata_modified", solrDate(raw.path("metadata_modified").asText()));
        doc.put("site_id", SITE_ID);
        doc.put("title", title.stripLeading());
        doc.put("index_id", CkanIndexer.md5(raw.path("id").asText() + SITE_ID));
        doc.putArray("permission_labels").add(permissionLabel(raw));
        return doc;
    }

    /** The dict as CKAN stores it: core columns at the top, every other field an extra (lists as JSON). */
    private static ObjectNode unvalidated(ObjectNode dataset) {
        ObjectNode raw = JSON.createObjectNode();
        ArrayNode extras = JSON.createArrayNode();
        dataset.path("extras").forEach(extras::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = dataset.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("extras")) {
                continue;
            }
            if (CORE.contains(field.getKey())) {
                raw.set(field.getKey(), field.getValue());
            } else {
                JsonNode value = field.getValue();
                extras.addObject().put("key", field.getKey())
                        .put("value", value.isValueNode() ? value.asText() : value.toString());
            }
        }
        raw.set("extras", extras);
        return raw;
    }

    /** Core fields that are plain values go to Solr as they are (the schema's own or its {@code *} field). */
    private static void copyScalars(ObjectNode raw, ObjectNode doc) {
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                continue;
            }
            if (field.getKey().endsWith("_date")) {
                if (!value.asText().isEmpty()) {
                    doc.put(field.getKey(), solrDate(value.asText()));
                }
                continue;
            }
            doc.set(field.getKey(), value);
        }
    }

    /** index.py: "SOLR is quite picky with dates, and only accepts ISO dates with UTC time (trailing Z)". */
    private static String solrDate(String isoLocal) {
        return isoLocal.endsWith("Z") ? isoLocal : isoLocal + "Z";
    }

    /** DefaultPermissionLabels.get_dataset_labels. */
    private static String permissionLabel(ObjectNode raw) {
        if (raw.path("state").asText().equals("active") && !raw.path("private").asBoolean(false)) {
            return "public";
        }
        if (raw.hasNonNull("owner_org")) {
            return "member-" + raw.path("owner_org").asText();
        }
        return "creator-" + raw.path("creator_user_id").asText();
    }
}
