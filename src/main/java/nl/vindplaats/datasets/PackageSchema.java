package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CKAN's dataset schema: turns a data dict from package_create/update into the dataset body to
 * store, with CKAN's rules and messages (names, tags, extras, resources, organisation, private),
 * then the DCAT-AP-DONL rules. Collects every error before refusing, as CKAN does.
 *
 * <p>Over 400 lines because it is the field-to-rules table of a CKAN dataset and its resources (validation as data, as
 * CKAN's schema.py), which reads best whole.
 */
public final class PackageSchema {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]*");
    private static final Pattern TAG = Pattern.compile("[\\w \\-.]*", Pattern.UNICODE_CHARACTER_CLASS);
    private static final List<String> CORE_TEXT = List.of("title", "notes", "url", "version", "author",
            "author_email", "maintainer", "maintainer_email", "license_id");
    private static final Set<String> EXTRA_KEYS = Set.of("key", "value", "deleted", "state");
    /** Fields that hold one value; a list or dict there is refused, as CKAN's schema does. */
    private static final List<String> SCALARS = List.of("id", "name", "owner_org", "title", "notes", "url", "version",
            "author", "author_email", "maintainer", "maintainer_email", "license_id", "type", "state", "private",
            "tag_string", "metadata_modified");

    private final Datasets datasets;
    private final Organisations organisations;
    private final Groups groups;

    private final boolean strictDonl;

    PackageSchema(Datasets datasets, Organisations organisations, Groups groups, boolean strictDonl) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.groups = groups;
        this.strictDonl = strictDonl;
    }

    /** A DONL organisation: one of the platform's organisations, by its TOOI URI. */
    private boolean knownOrganisation(String uri) {
        return organisations.byId(uri).isPresent();
    }

    /**
     * The body to store.
     *
     * @param current the dataset being updated, or null for a create
     */
    public ObjectNode validate(ObjectNode data, StoredRecord current, Caller caller, Instant now) {
        ObjectNode errors = Json.object();
        if (DatasetLimits.exceeded(data, errors)) {
            throw CkanErrors.validation(errors);
        }
        ObjectNode out = Json.object();
        ObjectNode old = current == null ? Json.object() : current.body();

        String id;
        if (current == null) {
            id = Ids.uuid();
            String given = text(data, "id");
            if (given != null && caller.sysadmin()) {
                if (datasets.find(given).isPresent()) {
                    error(errors, "id", "Dataset id already exists");
                }
                id = given;
            }
        } else {
            id = current.id();
        }
        out.put("id", id);

        for (String field : SCALARS) {
            JsonNode value = data.get(field);
            if (value != null && value.isContainerNode()) {
                error(errors, field, "Must be a string, not " + (value.isArray() ? "a list" : "a dict"));
                data = data.deepCopy();
                data.remove(field);
            }
        }
        String name = text(data, "name");
        if (name == null && current != null) {
            name = current.body().path("name").asText();
        }
        nameErrors(name, id).forEach(m -> error(errors, "name", m));
        out.put("name", name);

        for (String field : CORE_TEXT) {
            String value = text(data, field);
            out.put(field, value);
        }
        if (out.path("title").asText("").isEmpty()) {
            out.put("title", name);
        }
        if (out.path("title").asText("").length() > 100) {
            error(errors, "title", "Must be at most 100 characters long");
        }
        out.put("type", text(data, "type") == null ? old.path("type").asText("dataset") : text(data, "type"));

        String state = text(data, "state");
        if (state == null) {
            state = current == null ? Datasets.ACTIVE : old.path("state").asText(Datasets.ACTIVE);
        } else if (!Set.of(Datasets.ACTIVE, Datasets.DRAFT, Datasets.DELETED).contains(state)) {
            error(errors, "state", "Invalid state: " + state);
        }
        out.put("state", state);

        boolean isPrivate = bool(data, "private", current != null && old.path("private").asBoolean(false), errors);
        out.put("private", isPrivate);

        String org = text(data, "owner_org");
        if (org == null && current != null && !data.has("owner_org")) {
            org = old.path("owner_org").asText(null);
        }
        if (org == null || org.isBlank()) {
            if (isPrivate) {
                error(errors, "private", "Datasets with no organization can't be private.");
            }
            error(errors, "owner_org", "An organization must be provided");
            out.putNull("owner_org");
        } else {
            String ref = org;
            Optional<Organisations.Versioned> found = organisations.find(ref);
            if (found.isEmpty()) {
                error(errors, "owner_org", "Organization does not exist");
                out.putNull("owner_org");
            } else {
                out.put("owner_org", found.get().organisation().id());
                out.put("organization_name", found.get().organisation().slug());
                out.put("organization_title", found.get().organisation().name());
            }
        }

        out.set("tags", tags(data, errors));
        out.set("groups", data.has("groups") || current == null ? groupList(data.get("groups"), errors)
                : old.path("groups").deepCopy());
        out.set("extras", extras(data.get("extras"), caller, errors));
        out.set("resources", data.has("resources") || current == null
                ? resources(data.get("resources"), old.path("resources"), id, now, errors)
                : old.path("resources").deepCopy());

        for (String field : Donl.DATASET_FIELDS) {
            JsonNode value = data.get(field);
            if (value != null && !value.isNull()) {
                out.set(field, value.deepCopy());
            }
        }
        Donl.validateDataset(out, errors, this::knownOrganisation, strictDonl);

        out.put("creator_user_id", current == null ? caller.userId() : old.path("creator_user_id").asText(null));
        out.put("metadata_created", current == null ? Datasets.now(now) : old.path("metadata_created").asText());
        String modified = text(data, "metadata_modified");
        out.put("metadata_modified", caller.sysadmin() && modified != null && Datasets.millis(modified) != null
                ? modified : Datasets.now(now));

        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        return out;
    }

    /** CKAN's name rules (name_validator), shared by datasets, groups and organisations. */
    public static List<String> nameRuleErrors(String name) {
        if (name == null || name.isEmpty()) {
            return List.of("Missing value");
        }
        if (name.length() < 2) {
            return List.of("Must be at least 2 characters long");
        }
        if (name.length() > 100) {
            return List.of("Name must be a maximum of 100 characters long");
        }
        if (!NAME.matcher(name).matches()) {
            return List.of("Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_");
        }
        return List.of();
    }

    /** CKAN's name rules, and uniqueness among datasets that are not deleted. */
    private List<String> nameErrors(String name, String ownId) {
        List<String> ruleErrors = nameRuleErrors(name);
        if (!ruleErrors.isEmpty()) {
            return ruleErrors;
        }
        if (Set.of("new", "edit", "search").contains(name)) {
            return List.of("That name cannot be used");
        }
        Optional<StoredRecord> holder = datasets.find(name);
        if (holder.isPresent() && !holder.get().id().equals(ownId)
                && !Datasets.DELETED.equals(holder.get().state())) {
            return List.of("That URL is already in use.");
        }
        return List.of();
    }

    private static ArrayNode tags(ObjectNode data, ObjectNode errors) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode tags = data.get("tags");
        if (tags instanceof ArrayNode array) {
            for (JsonNode t : array) {
                if (t.isObject() && t.path("name").isValueNode()) {
                    names.add(t.path("name").asText(""));
                } else if (t.isTextual()) {
                    names.add(t.asText());
                } else {
                    error(errors, "tags", "Each tag must be a dict with a name (or a name)");
                }
            }
        } else if (tags != null && !tags.isNull()) {
            error(errors, "tags", "Must be a list of tags, such as [{\"name\": \"water\"}]");
        }
        String tagString = text(data, "tag_string");
        if (tagString != null) {
            for (String part : tagString.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String tag : names) {
            if (tag.length() < 2) {
                error(errors, "tags", "Tag \"" + tag + "\" length is less than minimum 2");
            } else if (tag.length() > 100) {
                error(errors, "tags", "Tag \"" + tag + "\" length is more than maximum 100");
            } else if (!TAG.matcher(tag).matches()) {
                error(errors, "tags", "Tag \"" + tag + "\" must be alphanumeric characters or symbols: -_.");
            } else {
                out.add(tag);
            }
        }
        return out;
    }

    ArrayNode groupList(JsonNode given, ObjectNode errors) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (given == null || given.isNull()) {
            return out;
        }
        if (!given.isArray()) {
            error(errors, "groups", "Must be a list of groups, such as [{\"name\": \"thema\"}]");
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode g : given) {
            String ref = g.isObject() ? (g.hasNonNull("id") ? g.get("id").asText() : g.path("name").asText(null)) : g.asText();
            Optional<StoredRecord> group = groups.find(ref).filter(r -> !Datasets.DELETED.equals(r.state()));
            if (group.isEmpty()) {
                error(errors, "groups", "Group " + ref + " does not exist");
            } else if (seen.add(group.get().id())) {
                out.addObject().put("id", group.get().id()).put("name", group.get().body().path("name").asText())
                        .put("title", group.get().body().path("title").asText());
            }
        }
        return out;
    }

    private static ArrayNode extras(JsonNode given, Caller caller, ObjectNode errors) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (given == null || given.isNull()) {
            return out;
        }
        if (!given.isArray()) {
            error(errors, "extras", "Must be a list of {key, value}");
            return out;
        }
        ArrayNode nested = Json.MAPPER.createArrayNode();
        boolean failed = false;
        Set<String> keys = new java.util.HashSet<>();
        for (JsonNode extra : given) {
            ObjectNode fieldErrors = Json.object();
            if (!extra.isObject()) {
                fieldErrors.putArray("key").add("Missing value");
            } else {
                extra.fieldNames().forEachRemaining(field -> {
                    if (!EXTRA_KEYS.contains(field) && !(field.equals("id") && caller.sysadmin())) {
                        fieldErrors.putArray(field).add("The input field " + field + " was not expected.");
                    }
                });
                String key = extra.path("key").asText("");
                if (key.isBlank()) {
                    fieldErrors.putArray("key").add("Missing value");
                } else if (!keys.add(key)) {
                    fieldErrors.putArray("key").add("Duplicate key \"" + key + "\"");
                } else if (Donl.DATASET_FIELDS.contains(key)) {
                    fieldErrors.putArray("key").add("There is a schema field with the same name");
                }
                if (fieldErrors.isEmpty() && !extra.path("deleted").asBoolean(false)) {
                    out.addObject().put("key", key).set("value", extra.path("value").deepCopy());
                }
            }
            failed |= !fieldErrors.isEmpty();
            nested.add(fieldErrors);
        }
        if (failed) {
            errors.set("extras", nested);
        }
        return out;
    }

    /** Resources keep every field they are given (CKAN stores unknown keys as resource fields), except extras. */
    public static ArrayNode resources(JsonNode given, JsonNode previous, String packageId, Instant now, ObjectNode errors) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (given == null || given.isNull()) {
            return out;
        }
        if (!given.isArray()) {
            error(errors, "resources", "Must be a list of resources");
            return out;
        }
        if (given.size() > DatasetLimits.RESOURCES) {
            error(errors, "resources", "Must hold at most " + DatasetLimits.RESOURCES + " values, not " + given.size());
            return out;
        }
        Map<String, JsonNode> before = new HashMap<>();
        if (previous != null) {
            previous.forEach(r -> before.put(r.path("id").asText(), r));
        }
        int position = 0;
        for (JsonNode resource : given) {
            if (!resource.isObject()) {
                error(errors, "resources", "Each resource must be a dict");
                continue;
            }
            out.add(resource((ObjectNode) resource, before, packageId, position++, now, errors));
        }
        return out;
    }

    static ObjectNode resource(ObjectNode given, Map<String, JsonNode> before, String packageId, int position,
                               Instant now, ObjectNode errors) {
        ObjectNode r = given.deepCopy();
        r.remove("extras");
        ObjectNode tooMany = Json.object();
        if (DatasetLimits.resourceFieldsExceeded(r, tooMany)) {
            ArrayNode list = errors.withArray("resources");
            while (list.size() < position) {
                list.addObject();
            }
            list.add(tooMany);
            return r;
        }
        String id = text(given, "id");
        if (id == null) {
            id = Ids.uuid();
        }
        JsonNode old = before.get(id);
        r.put("id", id);
        r.put("package_id", packageId);
        r.put("position", position);
        r.put("state", "active");
        if (!r.hasNonNull("url")) {
            r.put("url", "");
        }
        for (String field : List.of("name", "mimetype", "size", "last_modified", "url_type", "resource_type",
                "cache_url", "cache_last_updated", "mimetype_inner")) {
            if (!r.has(field)) {
                r.putNull(field);
            }
        }
        for (String field : List.of("description", "format", "hash")) {
            if (!r.hasNonNull(field)) {
                r.put(field, "");
            }
        }
        r.put("datastore_active", r.path("datastore_active").asBoolean(false));
        r.put("created", old != null ? old.path("created").asText() : Datasets.now(now));
        r.put("metadata_modified", Datasets.now(now));
        Donl.validateResource(r, position, errors);
        return r;
    }

    public static String text(JsonNode data, String key) {
        JsonNode value = data.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : value.get(value.size() - 1).asText();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static boolean bool(ObjectNode data, String key, boolean fallback, ObjectNode errors) {
        JsonNode value = data.get(key);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return switch (value.asText().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1", "t", "y" -> true;
            case "false", "no", "off", "0", "f", "n" -> false;
            default -> {
                error(errors, key, "Unrecognized boolean value: " + value.asText());
                yield fallback;
            }
        };
    }

    public static void error(ObjectNode errors, String field, String message) {
        errors.withArray(field).add(message);
    }
}
