package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Dictizes records the way CKAN shows them: package, organisation, group and tag dicts. */
public final class PackageView {
    private final Organisations organisations;
    private final Groups groups;
    /**
     * Each organisation's dict as JSON, with the directory entry it was written from: written again once the
     * directory holds another entry for it (after any change to an organisation), not for every list.
     */
    private final Map<String, WrittenOrganisation> organisationJson = new ConcurrentHashMap<>();

    private record WrittenOrganisation(Organisations.Versioned from, byte[] json) {
    }

    private static final byte[] ORGANIZATION_KEY = "{\"organization\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GROUPS_KEY = ",\"groups\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    public PackageView(Organisations organisations, Groups groups) {
        this.organisations = organisations;
        this.groups = groups;
    }

    /** Looks groups up once per request. */
    public final class Session {
        private final Map<String, Optional<StoredRecord>> groupRecords = new HashMap<>();
        private final Map<String, byte[]> groupJson = new HashMap<>();

        /**
         * A dataset's dict from its record: the JSON its list entry is written as, read back as a tree, so that a
         * dataset cannot show otherwise in package_show than in a list.
         */
        public ObjectNode packageDict(StoredRecord record) {
            return tree(joined(PackageSummary.of(record)));
        }

        /** A dataset's dict from its summary in the index, as a tree: for a list that shows only some keys. */
        public ObjectNode listedDict(byte[] summary) {
            return tree(joined(PackageSummary.read(summary)));
        }

        private static ObjectNode tree(byte[] json) {
            try {
                return (ObjectNode) Json.MAPPER.readTree(json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // not thrown: the JSON was just written
            }
        }

        /**
         * A dataset's dict from its summary in the index, as CKAN answers lists from the dicts Solr keeps: no
         * record is read from the store and no dict is built. Its organisation and groups are joined now, so a
         * renamed one shows at once (CKAN shows what they were when the dataset was last indexed).
         */
        public RawValue listed(byte[] summary) {
            return new RawValue(new AsciiJson(joined(PackageSummary.read(summary))));
        }

        /** The dataset's own dict with its organisation and groups joined in, as JSON. */
        private byte[] joined(PackageSummary dataset) {
            byte[] own = dataset.ownJson();
            ByteArrayOutputStream json = new ByteArrayOutputStream(own.length + 1024);
            json.writeBytes(ORGANIZATION_KEY);
            json.writeBytes(organizationJson(dataset.ownerOrg()));
            json.writeBytes(GROUPS_KEY);
            boolean first = true;
            for (String id : dataset.groupIds()) {
                byte[] group = groupJson.computeIfAbsent(id, g -> group(g)
                        .map(r -> CkanJson.bytes(groupDict(r, false))).orElse(new byte[0]));
                if (group.length > 0) {
                    if (!first) {
                        json.write(',');
                    }
                    json.writeBytes(group);
                    first = false;
                }
            }
            json.write(']');
            if (own.length > 2) {
                json.write(',');
                json.write(own, 1, own.length - 1);
            } else {
                json.write('}');
            }
            return json.toByteArray();
        }

        private byte[] organizationJson(String idOrSlug) {
            Optional<Organisations.Versioned> found = idOrSlug.isEmpty() ? Optional.empty()
                    : organisations.find(idOrSlug);
            if (found.isEmpty()) {
                return NULL;
            }
            Organisations.Versioned org = found.get();
            WrittenOrganisation written = organisationJson.get(org.organisation().id());
            if (written == null || written.from() != org) {
                written = new WrittenOrganisation(org, CkanJson.bytes(organizationDict(org)));
                organisationJson.put(org.organisation().id(), written);
            }
            return written.json();
        }

        Optional<StoredRecord> group(String id) {
            return groupRecords.computeIfAbsent(id, groups::find);
        }
    }

    public Session session() {
        return new Session();
    }

    /** The dict of a dataset without its organization and groups: what its own record decides. */
    static ObjectNode ownDict(StoredRecord record) {
        ObjectNode b = record.body();
        ObjectNode d = Json.object();
        for (String field : new String[] {"id", "name", "title", "type", "state", "private", "owner_org", "notes",
                "url", "version", "author", "author_email", "maintainer", "maintainer_email", "license_id",
                "creator_user_id", "metadata_created", "metadata_modified"}) {
            d.set(field, b.has(field) ? b.get(field).deepCopy() : Json.MAPPER.nullNode());
        }
        var license = Licenses.find(b.path("license_id").asText(null));
        if (license.isPresent()) {
            d.put("license_title", license.get().title());
            d.put("license_url", license.get().url());
            d.put("isopen", license.get().open());
        } else {
            d.put("license_title", b.path("license_id").asText(null));
            d.put("isopen", false);
        }
        ArrayNode tags = d.putArray("tags");
        b.path("tags").forEach(t -> tags.add(tagDict(t.asText())));
        d.put("num_tags", tags.size());
        d.set("extras", b.path("extras").isArray() ? b.get("extras").deepCopy() : Json.MAPPER.createArrayNode());
        d.set("resources", b.path("resources").isArray() ? b.get("resources").deepCopy()
                : Json.MAPPER.createArrayNode());
        d.put("num_resources", d.get("resources").size());
        for (String field : Donl.DATASET_FIELDS) {
            if (b.has(field)) {
                d.set(field, b.get(field).deepCopy());
            }
        }
        d.putArray("relationships_as_subject");
        d.putArray("relationships_as_object");
        return d;
    }

    public static ObjectNode organizationDict(Organisations.Versioned v) {
        ObjectNode o = Json.object();
        o.put("id", v.organisation().id());
        o.put("name", v.organisation().slug());
        o.put("title", v.organisation().name());
        o.put("display_name", v.organisation().name());
        o.put("type", "organization");
        ObjectNode profile = v.profile();
        o.put("description", profile.path("description").asText(""));
        o.put("image_url", profile.path("image_url").asText(""));
        o.put("image_display_url", profile.path("image_url").asText(""));
        o.put("created", Datasets.now(v.record().created()));
        o.put("is_organization", true);
        o.put("approval_status", "approved");
        o.put("state", "active");
        return o;
    }

    public static ObjectNode groupDict(StoredRecord r, boolean full) {
        ObjectNode b = r.body();
        ObjectNode g = Json.object();
        g.put("id", r.id());
        g.put("name", b.path("name").asText());
        g.put("title", b.path("title").asText());
        g.put("display_name", b.path("title").asText("").isEmpty() ? b.path("name").asText() : b.path("title").asText());
        g.put("description", b.path("description").asText(""));
        g.put("image_url", b.path("image_url").asText(""));
        g.put("image_display_url", b.path("image_url").asText(""));
        if (full) {
            g.put("type", "group");
            g.put("is_organization", false);
            g.put("approval_status", "approved");
            g.put("state", b.path("state").asText("active"));
            g.put("created", Datasets.now(r.created()));
        }
        return g;
    }

    /** CKAN gives tags ids; ours are derived from the name, so the same tag has the same id everywhere. */
    public static ObjectNode tagDict(String name) {
        ObjectNode t = Json.object();
        t.put("id", UUID.nameUUIDFromBytes(("tag:" + name).getBytes(StandardCharsets.UTF_8)).toString());
        t.put("name", name);
        t.put("display_name", name);
        t.put("state", "active");
        t.putNull("vocabulary_id");
        return t;
    }
}
