package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.util.List;
import java.util.Map;

/**
 * The parameters of each action, typed, for the OpenAPI document: what a generated client's methods take.
 * Read actions take them as query parameters or in a JSON body; write actions in a JSON body (or form
 * fields; the resource actions also as multipart/form-data with the file as {@code upload}).
 */
final class CkanParameters {
    /** One parameter: its name, JSON type ("string", "integer", "boolean", or a schema name), required or not. */
    record Parameter(String name, String type, boolean required, String description) {
        boolean scalar() {
            return List.of("string", "integer", "boolean").contains(type);
        }
    }

    private static Parameter p(String name, String type, String description) {
        return new Parameter(name, type, false, description);
    }

    private static Parameter required(String name, String type, String description) {
        return new Parameter(name, type, true, description);
    }

    private static final Parameter ID = required("id", "string", "id or name");
    private static final Parameter LIMIT = p("limit", "integer", "how many at most");
    private static final Parameter OFFSET = p("offset", "integer", "how many to skip");
    private static final List<Parameter> GROUP_LIST = List.of(p("sort", "string", "e.g. 'title asc'; name, title or "
                    + "package_count with asc or desc"), LIMIT, OFFSET, p("all_fields", "boolean", "dicts, not names"),
            p("include_extras", "boolean", "with all_fields: each one's extras"));
    private static final List<Parameter> ORGANIZATION_FIELDS = List.of(p("name", "string", "2-100 of a-z 0-9 - _"),
            p("title", "string", null), p("description", "string", null), p("image_url", "string", null),
            p("extras", "ExtraList", "[{key, value}]"));
    private static final List<Parameter> GROUP_FIELDS = List.of(p("name", "string", "2-100 of a-z 0-9 - _"),
            p("title", "string", null), p("description", "string", null), p("image_url", "string", null));
    private static final List<Parameter> MEMBER = List.of(required("id", "string", "the group (id or name)"),
            required("object", "string", "the dataset (id or name)"), p("object_type", "string", "package"));

    private static final Map<String, List<Parameter>> BY_ACTION = Map.ofEntries(
            Map.entry("package_list", List.of(LIMIT, OFFSET)),
            Map.entry("current_package_list_with_resources", List.of(LIMIT, OFFSET)),
            Map.entry("package_show", List.of(ID)),
            Map.entry("package_autocomplete", List.of(required("q", "string", "part of a name or title"),
                    p("limit", "integer", "10 by default"))),
            Map.entry("package_search", List.of(p("q", "string", "words, or field:value syntax; *:* by default"),
                    p("fq", "string", "a filter query"), p("fq_list", "StringList", "filter queries"),
                    p("sort", "string", "'score desc, metadata_modified desc' by default"),
                    p("rows", "integer", "10 by default, at most 1000"), p("start", "integer", "offset"),
                    p("facet", "boolean", "true by default"), p("facet.field", "string", "a JSON list of fields"),
                    p("facet.limit", "integer", "50 by default; -1 for all"), p("facet.mincount", "integer", "1"),
                    p("fl", "string", "fields to return"), p("include_private", "boolean", null),
                    p("include_drafts", "boolean", null), p("include_deleted", "boolean", null))),
            Map.entry("resource_show", List.of(required("id", "string", "the resource id"))),
            Map.entry("resource_search", List.of(required("query", "string", "field:term (name, description, "
                            + "format, url, id, mimetype)"), p("order_by", "string", null), LIMIT, OFFSET)),
            Map.entry("organization_list", withList(GROUP_LIST, p("organizations", "string", "names, comma-separated"))),
            Map.entry("group_list", withList(GROUP_LIST, p("groups", "string", "names, comma-separated"))),
            Map.entry("organization_show", List.of(ID, p("include_datasets", "boolean", "false by default"))),
            Map.entry("group_show", List.of(ID, p("include_datasets", "boolean", "false by default"))),
            Map.entry("organization_list_for_user", List.of(p("permission", "string", "manage_group by default"))),
            Map.entry("member_list", List.of(ID, p("object_type", "string", "package"))),
            Map.entry("tag_list", List.of(p("query", "string", "part of a tag"), p("vocabulary_id", "string", null),
                    p("all_fields", "boolean", null))),
            Map.entry("tag_show", List.of(required("id", "string", "the tag name"),
                    p("include_datasets", "boolean", null))),
            Map.entry("format_autocomplete", List.of(required("q", "string", "part of a format"),
                    p("limit", "integer", "5 by default"))),
            Map.entry("license_list", List.of()),
            Map.entry("status_show", List.of()),
            Map.entry("help_show", List.of(required("name", "string", "an action name"))),
            Map.entry("config_option_list", List.of()),
            Map.entry("api_token_list", List.of(p("user_id", "string", "ignored: tokens are the platform's"))),
            Map.entry("package_create", List.of(required("body", "PackageInput", null))),
            Map.entry("package_update", List.of(required("body", "PackageInput", "with id (or name)"))),
            Map.entry("package_patch", List.of(required("body", "PackageInput", "with id (or name)"))),
            Map.entry("package_delete", List.of(ID)),
            Map.entry("dataset_purge", List.of(ID)),
            Map.entry("resource_create", List.of(required("body", "ResourceInput", "with package_id"))),
            Map.entry("resource_update", List.of(required("body", "ResourceInput", "with id"))),
            Map.entry("resource_patch", List.of(required("body", "ResourceInput", "with id"))),
            Map.entry("resource_delete", List.of(required("id", "string", "the resource id"))),
            Map.entry("organization_create", withList(ORGANIZATION_FIELDS, p("id", "string", "its TOOI URI"))),
            Map.entry("organization_update", withList(ORGANIZATION_FIELDS, ID)),
            Map.entry("organization_patch", withList(ORGANIZATION_FIELDS, ID)),
            Map.entry("organization_delete", List.of(ID)),
            Map.entry("group_create", withList(GROUP_FIELDS, p("id", "string", "sysadmin only"))),
            Map.entry("group_update", withList(GROUP_FIELDS, ID)),
            Map.entry("group_patch", withList(GROUP_FIELDS, ID)),
            Map.entry("group_delete", List.of(ID)),
            Map.entry("member_create", withList(MEMBER, p("capacity", "string", "public by default"))),
            Map.entry("member_delete", MEMBER),
            Map.entry("tag_delete", List.of(required("id", "string", "the tag name"))),
            Map.entry("api_token_create", List.of(required("name", "string", null),
                    p("user", "string", "ignored: the token is the caller's"),
                    p("expires_at", "string", "an ISO time"))),
            Map.entry("api_token_revoke", List.of(p("jti", "string", "the token id"),
                    p("token", "string", "the secret"))));

    private CkanParameters() {
    }

    private static List<Parameter> withList(List<Parameter> list, Parameter more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(more), list.stream()).toList();
    }

    /** The action's parameters; an action missing from the table fails the build's OpenAPI test. */
    static List<Parameter> of(String action) {
        List<Parameter> parameters = BY_ACTION.get(action);
        if (parameters == null) {
            throw new IllegalStateException("no parameters declared for CKAN action " + action);
        }
        return parameters;
    }

    /** The JSON schema of a request body that holds these parameters. */
    static ObjectNode bodySchema(List<Parameter> parameters) {
        if (parameters.size() == 1 && parameters.getFirst().name().equals("body")) {
            return Json.object().put("$ref", "#/components/schemas/" + parameters.getFirst().type());
        }
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Parameter p : parameters) {
            properties.set(p.name(), schemaOf(p));
        }
        List<String> required = parameters.stream().filter(Parameter::required).map(Parameter::name).toList();
        if (!required.isEmpty()) {
            required.forEach(schema.putArray("required")::add);
        }
        return schema;
    }

    static ObjectNode schemaOf(Parameter p) {
        ObjectNode schema = p.scalar() ? Json.object().put("type", p.type())
                : Json.object().put("$ref", "#/components/schemas/" + p.type());
        if (p.description() != null && p.scalar()) {
            schema.put("description", p.description());
        }
        return schema;
    }

    /** Input schemas the parameters refer to. */
    static void addSchemas(ObjectNode schemas) {
        schemas.putObject("StringList").put("type", "array").putObject("items").put("type", "string");
        ObjectNode extra = Json.object().put("type", "object");
        extra.putArray("required").add("key").add("value");
        extra.putObject("properties").putObject("key").put("type", "string");
        schemas.putObject("ExtraList").put("type", "array").set("items", extra);

        ObjectNode tag = Json.object().put("type", "object");
        tag.putArray("required").add("name");
        tag.putObject("properties").putObject("name").put("type", "string");
        ObjectNode groupRef = Json.object().put("type", "object");
        groupRef.putObject("properties").putObject("id").put("type", "string");
        groupRef.withObjectProperty("properties").putObject("name").put("type", "string");

        ObjectNode resource = schemas.putObject("ResourceInput").put("type", "object")
                .put("description", "A resource's fields; other keys are kept as resource fields.")
                .put("additionalProperties", true);
        ObjectNode rp = resource.putObject("properties");
        for (String field : List.of("id", "package_id", "url", "name", "description", "format", "mimetype", "hash",
                "url_type", "media_type", "language", "license_id", "status")) {
            rp.putObject(field).put("type", "string");
        }
        rp.putObject("size").put("type", "integer");

        ObjectNode pkg = schemas.putObject("PackageInput").put("type", "object")
                .put("description", "A dataset's fields: CKAN's core fields and the DCAT-AP-DONL fields (see the "
                        + "README), which are further keys.")
                .put("additionalProperties", true);
        ObjectNode pp = pkg.putObject("properties");
        for (String field : List.of("id", "name", "title", "owner_org", "notes", "url", "version", "author",
                "author_email", "maintainer", "maintainer_email", "license_id", "type", "state", "tag_string",
                "metadata_modified")) {
            pp.putObject(field).put("type", "string");
        }
        pp.putObject("private").put("type", "boolean");
        pp.putObject("tags").put("type", "array").set("items", tag);
        pp.putObject("groups").put("type", "array").set("items", groupRef);
        pp.putObject("extras").put("$ref", "#/components/schemas/ExtraList");
        pp.putObject("resources").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/ResourceInput");
    }
}
