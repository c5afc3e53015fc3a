package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.CkanSite;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of the CKAN-compatible API (CKAN has none), built from the action table
 * so that it lists every action: its documentation, its methods, and the schema of its result.
 */
final class CkanOpenApi {
    /** The result schema of each action; actions not named here return any JSON value. */
    private static final Map<String, String> RESULTS = Map.ofEntries(
            Map.entry("package_show", "Package"), Map.entry("package_create", "Package"),
            Map.entry("package_update", "Package"), Map.entry("package_patch", "Package"),
            Map.entry("package_search", "SearchResult"), Map.entry("current_package_list_with_resources", "PackageList"),
            Map.entry("package_list", "NameList"), Map.entry("tag_list", "NamesOrDicts"),
            Map.entry("group_list", "NamesOrDicts"), Map.entry("organization_list", "NamesOrDicts"),
            Map.entry("format_autocomplete", "NameList"), Map.entry("package_autocomplete", "Autocomplete"),
            Map.entry("organization_show", "Organization"), Map.entry("organization_create", "Organization"),
            Map.entry("organization_update", "Organization"), Map.entry("organization_patch", "Organization"),
            Map.entry("organization_list_for_user", "OrganizationList"),
            Map.entry("group_show", "Group"), Map.entry("group_create", "Group"), Map.entry("group_update", "Group"),
            Map.entry("group_patch", "Group"), Map.entry("resource_show", "Resource"),
            Map.entry("resource_create", "Resource"), Map.entry("resource_update", "Resource"),
            Map.entry("resource_patch", "Resource"), Map.entry("resource_search", "ResourceSearch"),
            Map.entry("tag_show", "Tag"), Map.entry("license_list", "LicenseList"), Map.entry("status_show", "Status"),
            Map.entry("help_show", "Text"), Map.entry("api_token_create", "NewToken"),
            Map.entry("package_delete", "Nothing"), Map.entry("dataset_purge", "Nothing"),
            Map.entry("resource_delete", "Nothing"), Map.entry("group_delete", "Nothing"),
            Map.entry("member_delete", "Nothing"), Map.entry("tag_delete", "Nothing"),
            Map.entry("api_token_revoke", "Nothing"), Map.entry("api_token_list", "TokenList"),
            Map.entry("config_option_list", "NameList"), Map.entry("member_create", "Member"),
            Map.entry("member_list", "MemberList"), Map.entry("organization_delete", "Nothing"));

    private static final String JSONP_PATTERN = "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$";

    private CkanOpenApi() {
    }

    static ObjectNode document(Collection<Action> actions) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "Vindplaats CKAN-compatible Action API").put("version", CkanSite.CKAN_VERSION)
                .put("description", "CKAN's Action API v3 with DCAT-AP-DONL metadata. Also served under /api/action "
                        + "and /data/api/3/action. Send a platform token raw in Authorization (or X-CKAN-API-Key).");
        doc.putArray("servers").addObject().put("url", "/api/3/action");
        doc.putObject("components").set("schemas", schemas());
        doc.withObjectProperty("components").putObject("securitySchemes").putObject("token").put("type", "apiKey")
                .put("in", "header").put("name", "Authorization");
        ObjectNode paths = doc.putObject("paths");
        for (Action action : actions) {
            ObjectNode path = paths.putObject("/" + action.name());
            List<CkanParameters.Parameter> parameters = CkanParameters.of(action.name());
            if (!action.writes()) {
                ObjectNode get = operation(action, path.putObject("get"), "_get");
                ArrayNode query = get.putArray("parameters");
                for (CkanParameters.Parameter p : parameters) {
                    if (p.scalar()) {
                        ObjectNode q = query.addObject().put("name", p.name()).put("in", "query");
                        if (p.required()) {
                            q.put("required", true);
                        }
                        q.set("schema", CkanParameters.schemaOf(p));
                    }
                }
                query.addObject().put("name", "callback").put("in", "query")
                        .put("description", "JSONP: wrap the response in a call of this function (served as "
                                + "anonymous, as application/javascript); a JavaScript identifier path, else 400")
                        .putObject("schema").put("type", "string").put("pattern", JSONP_PATTERN);
            }
            ObjectNode post = operation(action, path.putObject("post"), "");
            ObjectNode body = post.putObject("requestBody").put("description", "The action's data dict")
                    .put("required", parameters.stream().anyMatch(CkanParameters.Parameter::required));
            ObjectNode content = body.putObject("content");
            if (action.name().startsWith("resource_") && action.writes() && !action.name().equals("resource_delete")) {
                // First, so that generated clients send files: generators use a body's first media type only.
                content.putObject("multipart/form-data").set("schema", ref("ResourceUploadForm"));
            }
            content.putObject("application/json").set("schema", CkanParameters.bodySchema(parameters));
        }
        nl.vindplaats.http.ApiVersionHeader.declareOnEveryResponse(doc, CkanSite.CKAN_VERSION);
        return doc;
    }

    private static ObjectNode operation(Action action, ObjectNode op, String idSuffix) {
        op.put("operationId", action.name() + idSuffix);
        op.put("summary", action.name());
        op.put("description", action.help());
        if (action.level() != null) {
            op.putArray("security").addObject().putArray("token");
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode success = responses.putObject("200").put("description", "Success").putObject("content");
        success.putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + responseName(action.name()));
        if (!action.writes()) {
            success.putObject("application/javascript").putObject("schema").put("type", "string")
                    .put("description", "With callback: the same answer wrapped as callback(answer);");
        }
        for (String status : List.of("403", "404", "409", "500")) {
            responses.putObject(status).put("description", "CKAN error").putObject("content")
                    .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/ErrorResponse");
        }
        responses.putObject("400").put("description", "Search Query Error, or a bare string for a malformed call")
                .putObject("content").putObject("application/json").putObject("schema")
                .putArray("oneOf").add(ref("ErrorResponse")).addObject().put("type", "string");
        return op;
    }

    static String responseName(String action) {
        return RESULTS.getOrDefault(action, "Any") + "Response";
    }

    private static ObjectNode ref(String name) {
        return Json.object().put("$ref", "#/components/schemas/" + name);
    }

    private static ObjectNode schemas() {
        ObjectNode s = Json.object();
        ObjectNode tag = object(s, "Tag", "id", "name", "display_name", "state");
        props(tag, "string", "id", "name", "display_name", "state");
        ObjectNode resource = object(s, "Resource", "id", "package_id", "url", "position", "created", "state");
        props(resource, "string", "id", "package_id", "url", "created", "state", "format", "description");
        props(resource, "integer", "position");
        ObjectNode org = object(s, "Organization", "id", "name", "title", "type", "is_organization", "state");
        props(org, "string", "id", "name", "title", "display_name", "description", "created", "state");
        org.withObjectProperty("properties").putObject("type").put("const", "organization");
        props(org, "boolean", "is_organization");
        ObjectNode group = object(s, "Group", "id", "name", "title", "display_name");
        props(group, "string", "id", "name", "title", "display_name", "description", "image_url");
        ObjectNode pkg = object(s, "Package", "id", "name", "title", "type", "state", "private", "owner_org",
                "metadata_created", "metadata_modified", "tags", "groups", "extras", "resources", "num_resources",
                "num_tags", "organization", "isopen");
        props(pkg, "string", "id", "name", "type", "metadata_created", "metadata_modified");
        pkg.withObjectProperty("properties").putObject("state").putArray("enum").add("active").add("draft").add("deleted");
        props(pkg, "boolean", "private", "isopen");
        props(pkg, "integer", "num_resources", "num_tags");
        pkg.withObjectProperty("properties").putObject("title").putArray("type").add("string").add("null");
        pkg.withObjectProperty("properties").putObject("owner_org").putArray("type").add("string").add("null");
        // Null when the owner organisation is unknown; written as a nullable reference generators understand
        // ({"type": "null"} stops some client generators).
        pkg.withObjectProperty("properties").putObject("organization").putArray("anyOf").add(ref("Organization"))
                .add(Json.object().putNull("const").put("description", "no organization"));
        array(pkg.withObjectProperty("properties").putObject("tags"), ref("Tag"));
        array(pkg.withObjectProperty("properties").putObject("groups"), ref("Group"));
        array(pkg.withObjectProperty("properties").putObject("resources"), ref("Resource"));
        ObjectNode extra = Json.object().put("type", "object");
        extra.putArray("required").add("key").add("value");
        extra.putObject("properties").putObject("key").put("type", "string");
        array(pkg.withObjectProperty("properties").putObject("extras"), extra);

        ObjectNode search = object(s, "SearchResult", "count", "results", "facets", "search_facets", "sort");
        props(search, "integer", "count");
        props(search, "string", "sort");
        array(search.withObjectProperty("properties").putObject("results"), Json.object().put("type", "object"));
        search.withObjectProperty("properties").putObject("facets").put("type", "object").putObject("additionalProperties")
                .put("type", "object").putObject("additionalProperties").put("type", "integer");
        ObjectNode item = Json.object().put("type", "object");
        item.putArray("required").add("name").add("display_name").add("count");
        item.putObject("properties").putObject("count").put("type", "integer");
        ObjectNode facet = Json.object().put("type", "object");
        facet.putArray("required").add("title").add("items");
        array(facet.putObject("properties").putObject("items"), item);
        search.withObjectProperty("properties").putObject("search_facets").put("type", "object").set("additionalProperties", facet);

        array(s.putObject("PackageList"), ref("Package"));
        array(s.putObject("NameList"), Json.object().put("type", "string"));
        array(s.putObject("OrganizationList"), ref("Organization"));
        ObjectNode namesOrDicts = s.putObject("NamesOrDicts");
        array(namesOrDicts, Json.object().set("oneOf", Json.MAPPER.createArrayNode()
                .add(Json.object().put("type", "string")).add(Json.object().put("type", "object"))));
        ObjectNode auto = Json.object().put("type", "object");
        auto.putArray("required").add("name").add("title").add("match_field").add("match_displayed");
        array(s.putObject("Autocomplete"), auto);
        ObjectNode resourceSearch = object(s, "ResourceSearch", "count", "results");
        props(resourceSearch, "integer", "count");
        array(resourceSearch.withObjectProperty("properties").putObject("results"), ref("Resource"));
        ObjectNode license = Json.object().put("type", "object");
        license.putArray("required").add("id").add("title").add("url");
        array(s.putObject("LicenseList"), license);
        ObjectNode status = object(s, "Status", "site_title", "site_url", "locale_default", "extensions");
        props(status, "string", "site_title", "site_description", "site_url", "locale_default", "ckan_version");
        s.putObject("Text").put("type", "string");
        ObjectNode newToken = object(s, "NewToken", "token");
        props(newToken, "string", "token");
        s.putObject("Nothing").put("description", "Always null: the action answers with no result.")
                .putNull("const");
        s.putObject("Any").put("description", "Any JSON value");
        ObjectNode token = Json.object().put("type", "object");
        token.putArray("required").add("id").add("name");
        token.putObject("properties").putObject("id").put("type", "string");
        token.withObjectProperty("properties").putObject("name").put("type", "string");
        array(s.putObject("TokenList"), token);
        ObjectNode member = object(s, "Member", "table_name", "table_id", "group_id", "capacity", "state");
        props(member, "string", "table_name", "table_id", "group_id", "capacity", "state");
        ObjectNode triple = Json.object().put("type", "array").put("description", "[id, type, capacity]");
        triple.putObject("items").put("type", "string");
        array(s.putObject("MemberList"), triple);
        CkanParameters.addSchemas(s);
        ObjectNode form = s.putObject("ResourceUploadForm").put("type", "object").put("description", "A resource's "
                + "fields as form fields, and its file as upload (as ckanapi's upload@file and CKAN's form send it)");
        ObjectNode fields = form.putObject("properties");
        for (String field : List.of("package_id", "id", "name", "description", "format", "url")) {
            fields.putObject(field).put("type", "string");
        }
        fields.putObject("upload").put("type", "string").put("format", "binary");

        for (String result : new java.util.TreeSet<>(RESULTS.values())) {
            envelope(s, result);
        }
        envelope(s, "Any");
        ObjectNode error = object(s, "ErrorResponse", "help", "success", "error");
        error.withObjectProperty("properties").putObject("success").put("const", false);
        props(error, "string", "help");
        ObjectNode detail = error.withObjectProperty("properties").putObject("error").put("type", "object");
        detail.putArray("required").add("__type");
        detail.putObject("properties").putObject("__type").putArray("enum").add("Validation Error")
                .add("Not Found Error").add("Authorization Error").add("Search Query Error").add("Search Error")
                .add("Search Connection Error").add("Internal Server Error");
        return s;
    }

    private static void envelope(ObjectNode s, String result) {
        ObjectNode e = object(s, result + "Response", "help", "success", "result");
        props(e, "string", "help");
        e.withObjectProperty("properties").putObject("success").put("const", true);
        e.withObjectProperty("properties").set("result", ref(result));
    }

    private static ObjectNode object(ObjectNode schemas, String name, String... required) {
        ObjectNode o = schemas.putObject(name).put("type", "object");
        ArrayNode req = o.putArray("required");
        for (String r : required) {
            req.add(r);
        }
        o.putObject("properties");
        return o;
    }

    private static void props(ObjectNode schema, String type, String... names) {
        for (String name : names) {
            schema.withObjectProperty("properties").putObject(name).put("type", type);
        }
    }

    private static void array(ObjectNode schema, ObjectNode items) {
        schema.put("type", "array").set("items", items);
    }
}
