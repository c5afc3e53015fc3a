package nl.vindplaats.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.IfMatch;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.LinkHeader;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.QueryParams;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.SearchResult;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API register's REST API ({@code /api-register/v1}), with the paths and semantics of the
 * national register's v2 API: list, search, filter groups, one entry (JSON or JSON-LD), its stored
 * OpenAPI documents, registration and update by the owning organisation, and organisations.
 *
 * <p>Over 400 lines because it declares every route of the register API and its answers in one table, so a path is
 * found in one search; splitting by concept (entries, specifications, probes) is left for issue 17.
 */
public final class RegisterApi {
    public static final String BASE = "/api-register/v1";
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/api-register.json";
    public static final String VERSION = "1.0.0";
    /** Longest {@code version} that GET /apis/{id}/oas/{version} takes; longer is bad input (400). */
    static final int MAX_VERSION_LENGTH = 256;
    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 100;
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> OAS_STATUSES = Set.of("unknown", "valid", "invalid", "unreachable");

    private final Register register;
    private final ApiEntries entries;
    private final Probes probes;
    private final Organisations organisations;
    private final BlobStore blobs;
    private final String publicBaseUrl;

    public RegisterApi(Register register, ApiEntries entries, Probes probes, Organisations organisations, BlobStore blobs,
                       String publicBaseUrl) {
        this.register = register;
        this.entries = entries;
        this.probes = probes;
        this.organisations = organisations;
        this.blobs = blobs;
        this.publicBaseUrl = publicBaseUrl == null ? null : publicBaseUrl.replaceAll("/+$", "");
    }

    public List<Operation> operations() {
        // _search and filters come before {id}: the first matching route wins.
        return List.of(
                OpenApiDocument.operation(BASE, OPENAPI),
                Operation.read("api.list", HandlerType.GET, BASE + "/apis", Permission.anyone(), this::list),
                Operation.read("api.search", HandlerType.GET, BASE + "/apis/_search", Permission.anyone(), this::search),
                Operation.read("api.filters", HandlerType.GET, BASE + "/apis/filters", Permission.anyone(), this::filterGroups),
                Operation.read("api.show", HandlerType.GET, BASE + "/apis/{id}", Permission.anyone(), this::show),
                Operation.read("api.oas", HandlerType.GET, BASE + "/apis/{id}/oas/{version}", Permission.anyone(),
                        this::oas),
                Operation.write("api.create", HandlerType.POST, BASE + "/apis",
                        Permission.requires(Level.WRITE, (ctx, token) -> organisationOfBody(ctx)), this::create),
                Operation.write("api.update", HandlerType.PUT, BASE + "/apis/{id}",
                        Permission.requires(Level.WRITE, (ctx, token) -> resourceOf(existing(ctx.pathParam("id")))),
                        this::update),
                Operation.read("api-organisation.list", HandlerType.GET, BASE + "/organisations", Permission.anyone(),
                        this::listOrganisations),
                Operation.write("api-organisation.create", HandlerType.POST, BASE + "/organisations",
                        Permission.platform(Level.ADMIN), this::createOrganisation));
    }

    // ---- reading ----

    private void list(Context ctx) {
        respondWithPage(ctx, ctx.queryParam("q"), false);
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiError.invalid("q", "required: the words to search for");
        }
        respondWithPage(ctx, q, true);
    }

    private void respondWithPage(Context ctx, String q, boolean highlight) {
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE / MAX_PER_PAGE);
        int perPage = intParam(ctx, "perPage", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        Map<String, List<String>> filters = filters(ctx);
        ApiEntries.Found found = entries.search(q, filters, List.of(), (page - 1) * perPage, perPage, highlight);
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (int i = 0; i < found.entries().size(); i++) {
            ObjectNode item = itemJson(found.entries().get(i));
            if (highlight) {
                SearchResult.Hit hit = found.hits().get(i);
                ObjectNode marked = item.putObject("highlights");
                hit.highlights().forEach((field, fragments) -> marked.set(
                        field.substring(ApiEntries.PREFIX.length()), Json.MAPPER.valueToTree(fragments)));
            }
            items.add(item);
        }
        pagingHeaders(ctx, page, perPage, found.total());
        ctx.json(items);
    }

    /** Filter groups with counts; each group counts under the other groups' active filters, so choices can be combined. */
    private void filterGroups(Context ctx) {
        Map<String, List<String>> active = filters(ctx);
        String q = ctx.queryParam("q");
        ArrayNode groups = Json.MAPPER.createArrayNode();
        for (String group : List.of("organisation", "status", "auth", "apiType", "adrScore", "oasStatus",
                "availability")) {
            Map<String, List<String>> others = new LinkedHashMap<>(active);
            others.remove(group);
            boolean organisation = group.equals("organisation");
            String field = organisation ? ApiEntries.ORGANISATION_FACET : ApiEntries.FILTER_FIELDS.get(group);
            ApiEntries.Found found = entries.search(q, others, List.of(field), 0, 0, false);
            ObjectNode g = groups.addObject().put("key", group).put("label", FilterLabels.group(group));
            ArrayNode options = g.putArray("options");
            List<SearchResult.FacetCount> counts = new ArrayList<>(found.facets().getOrDefault(field, List.of()));
            if (group.equals("adrScore")) {
                counts.sort((a, b) -> Integer.compare(Integer.parseInt(b.value()), Integer.parseInt(a.value())));
            }
            for (SearchResult.FacetCount count : counts) {
                String value = count.value();
                String label = FilterLabels.value(group, value);
                if (organisation) {
                    int split = value.indexOf(ApiEntries.LABEL_SEPARATOR);
                    label = value.substring(split + 1);
                    value = value.substring(0, split);
                }
                options.addObject().put("value", value).put("label", label).put("count", count.count())
                        .put("selected", active.getOrDefault(group, List.of()).contains(value));
            }
        }
        ctx.json(groups);
    }

    private void show(Context ctx) {
        ApiEntries.Versioned v = existing(ctx.pathParam("id"));
        ctx.header("Vary", "Accept").header("ETag", Requests.etag(v.version()));
        if (prefersJsonLd(ctx.header("Accept"))) {
            ctx.contentType("application/ld+json").result(Json.write(JsonLd.dataService(v.entry(), baseUrl(ctx) + BASE)));
            return;
        }
        ObjectNode json = itemJson(v);
        json.set("probe", Json.MAPPER.valueToTree(probes.summary(v.entry())));
        ctx.json(json);
    }

    /** One stored version of the entry's OpenAPI document: by its info.version, or "latest". */
    private void oas(Context ctx) throws IOException {
        String wanted = ctx.pathParam("version");
        if (wanted.length() > MAX_VERSION_LENGTH || wanted.isBlank() || wanted.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.invalid("version", "latest, or an info.version of at most " + MAX_VERSION_LENGTH
                    + " characters without control characters");
        }
        ApiEntries.Versioned v = existing(ctx.pathParam("id"));
        ApiEntry.Specification spec = v.entry().specification();
        List<ApiEntry.StoredSpec> versions = spec == null || spec.versions() == null ? List.of() : spec.versions();
        ApiEntry.StoredSpec found = null;
        for (ApiEntry.StoredSpec s : versions) {
            boolean latest = "latest".equals(wanted) && s.sha256().equals(spec.sha256());
            if (latest || s.version().equals(wanted)) {
                found = s; // the last one stored with that version wins
            }
        }
        if (found == null) {
            throw ApiError.notFound("API " + v.entry().id() + " has no stored OpenAPI document with version " + wanted
                    + "; stored: " + versions.stream().map(ApiEntry.StoredSpec::version).distinct().toList() + ".");
        }
        if (!blobs.exists(found.sha256())) {
            throw ApiError.notFound("The stored document " + found.sha256() + " is missing from the blob store.");
        }
        InputStream in = blobs.open(found.sha256());
        ctx.header("OAS-Version", found.version()).header("ETag", "\"" + found.sha256() + "\"");
        if (spec.url() != null) {
            ctx.header("OAS-Source", spec.url());
        }
        ctx.contentType(found.mediaType()).result(in);
    }

    /** The configured public URL, or else the one this request reached us at. */
    private String baseUrl(Context ctx) {
        return publicBaseUrl != null ? publicBaseUrl : ctx.scheme() + "://" + ctx.host();
    }

    // ---- writing ----

    private void create(Context ctx) throws JsonProcessingException {
        ObjectNode body = Requests.jsonObject(ctx);
        Register.Registration registration = registration(body, true);
        ApiEntries.Versioned created = register.create(registration, Routes.resource(ctx).id());
        Routes.wrote(ctx, resourceOf(created));
        ctx.status(201).header("Location", BASE + "/apis/" + created.entry().id())
                .header("ETag", Requests.etag(created.version()));
        ctx.json(itemJson(created));
    }

    private void update(Context ctx) throws JsonProcessingException {
        ApiEntries.Versioned current = existing(ctx.pathParam("id"));
        String harvestedFrom = RegisterHarvester.markOf(current.entry(), RegisterHarvester.SOURCE_URL);
        if (harvestedFrom != null) {
            throw ApiError.conflict("This API is harvested from " + harvestedFrom + " (harvest source "
                    + RegisterHarvester.markOf(current.entry(), RegisterHarvester.SOURCE_ID)
                    + "); it changes only through its harvest source. Change it there.");
        }
        ObjectNode body = ctx.body().isBlank() ? Json.object() : Requests.jsonObject(ctx);
        Register.Registration registration = registration(body, false);
        if (registration.organisationUri() != null && current.entry().organisation() != null
                && !registration.organisationUri().equals(current.entry().organisation().uri())) {
            throw ApiError.invalid("organisationUri", "an API cannot move to another organisation");
        }
        IfMatch precondition = IfMatch.of(ctx.header("If-Match"));
        long expected = precondition == null ? current.version()
                : precondition.versionToReplace(current.version(), "API " + current.entry().id());
        ApiEntries.Versioned updated = register.update(current, registration, expected);
        ctx.header("ETag", Requests.etag(updated.version()));
        ctx.json(itemJson(updated));
    }

    private Register.Registration registration(ObjectNode body, boolean creating) {
        List<InvalidParam> invalid = new ArrayList<>();
        Set<String> known = Set.of("id", "oasUrl", "oasBody", "organisationUri", "contact", "apiType", "auth",
                "description", "docsUrl", "apiUrl", "lifecycle");
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                invalid.add(new InvalidParam(f, "unknown field"));
            }
        });
        String id = text(body, "id");
        if (id != null && (!creating || !ID.matcher(id).matches() || id.length() > 100)) {
            invalid.add(new InvalidParam("id", creating ? "lower-case letters, digits and single hyphens, at most 100"
                    : "an API's id cannot change"));
        }
        String oasUrl = text(body, "oasUrl");
        if (oasUrl != null && !RegisterV1.isHttpUrl(oasUrl)) {
            invalid.add(new InvalidParam("oasUrl", "must be an http or https URL"));
        }
        JsonNode oasBodyNode = body.get("oasBody");
        byte[] oasBody = null;
        if (oasBodyNode != null && !oasBodyNode.isNull()) {
            oasBody = oasBodyNode.isTextual() ? oasBodyNode.asText().getBytes(StandardCharsets.UTF_8)
                    : oasBodyNode.isObject() ? Json.write(oasBodyNode).getBytes(StandardCharsets.UTF_8) : null;
            if (oasBody == null) {
                invalid.add(new InvalidParam("oasBody", "the OpenAPI document, as a JSON object or as JSON or YAML text"));
            }
        }
        if (creating && oasUrl == null && oasBody == null) {
            invalid.add(new InvalidParam("oasUrl", "required: oasUrl or oasBody"));
        }
        if (oasUrl != null && oasBody != null) {
            invalid.add(new InvalidParam("oasBody", "send oasUrl or oasBody, not both"));
        }
        String organisationUri = text(body, "organisationUri");
        if (creating && organisationUri == null) {
            invalid.add(new InvalidParam("organisationUri", "required: the organisation's TOOI URI"));
        }
        ApiEntry.Contact contact = null;
        JsonNode c = body.get("contact");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                invalid.add(new InvalidParam("contact", "must be an object with name, email, phone and url"));
            } else {
                c.fieldNames().forEachRemaining(f -> {
                    if (!Set.of("name", "email", "phone", "url").contains(f)) {
                        invalid.add(new InvalidParam("contact." + f, "unknown field"));
                    }
                });
                String email = text(c, "email");
                if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    invalid.add(new InvalidParam("contact.email", "must be an e-mail address"));
                }
                String url = RegisterV1.url(c.get("url"), "contact.url", false, invalid);
                contact = new ApiEntry.Contact(text(c, "name"), email, text(c, "phone"), url);
                if (contact.name() == null && contact.email() == null && contact.url() == null && contact.phone() == null) {
                    invalid.add(new InvalidParam("contact", "give at least one of name, email, phone, url"));
                }
            }
        } else if (creating) {
            invalid.add(new InvalidParam("contact", "required: who to contact about the API (name, email, url)"));
        }
        String apiType = text(body, "apiType");
        if (apiType != null && !ApiEntry.API_TYPES.contains(apiType)) {
            invalid.add(new InvalidParam("apiType", "one of " + sorted(ApiEntry.API_TYPES)));
        }
        String auth = text(body, "auth");
        if (auth != null && !ApiEntry.AUTHENTICATIONS.contains(auth)) {
            invalid.add(new InvalidParam("auth", "one of " + sorted(ApiEntry.AUTHENTICATIONS)));
        }
        String lifecycle = text(body, "lifecycle");
        if (lifecycle != null && !ApiEntry.LIFECYCLES.contains(lifecycle)) {
            invalid.add(new InvalidParam("lifecycle", "one of " + sorted(ApiEntry.LIFECYCLES)));
        }
        String docsUrl = RegisterV1.url(body.get("docsUrl"), "docsUrl", false, invalid);
        String apiUrl = RegisterV1.url(body.get("apiUrl"), "apiUrl", false, invalid);
        String description = text(body, "description");
        if (description != null && description.length() > RegisterV1.MAX_DESCRIPTION) {
            invalid.add(new InvalidParam("description", "at most " + RegisterV1.MAX_DESCRIPTION + " characters"));
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The API registration is not valid.", invalid);
        }
        return new Register.Registration(id, oasUrl, oasBody, organisationUri, contact, apiType, auth, description,
                docsUrl, apiUrl, lifecycle);
    }

    private Resource organisationOfBody(Context ctx) {
        ObjectNode body;
        try {
            body = Requests.jsonObject(ctx);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        }
        String uri = text(body, "organisationUri");
        if (uri == null) {
            throw ApiError.invalid("organisationUri", "required: the organisation's TOOI URI");
        }
        Organisations.Versioned organisation = organisations.byId(uri).orElseThrow(() ->
                ApiError.invalid("organisationUri", "there is no organisation " + uri + " in this register"));
        return Resource.organisation(organisation.organisation().id());
    }

    public static Resource resourceOf(ApiEntries.Versioned v) {
        String organisation = v.entry().organisation() == null ? null : v.entry().organisation().uri();
        return new Resource(Resource.Type.API_ENTRY, v.entry().id(), organisation);
    }

    private ApiEntries.Versioned existing(String id) {
        return entries.get(id).orElseThrow(() -> ApiError.notFound("There is no API with id " + id + "."));
    }

    // ---- organisations ----

    private void listOrganisations(Context ctx) {
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE / MAX_PER_PAGE);
        int perPage = intParam(ctx, "perPage", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        Organisations.Found found = organisations.search(ctx.queryParam("q"), (page - 1) * perPage, perPage);
        ArrayNode items = Json.MAPPER.createArrayNode();
        found.organisations().forEach(o -> items.add(organisationJson(o.organisation())));
        pagingHeaders(ctx, page, perPage, found.total());
        ctx.json(items);
    }

    private void createOrganisation(Context ctx) throws JsonProcessingException {
        ObjectNode body = Requests.jsonObject(ctx);
        List<InvalidParam> invalid = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!Set.of("uri", "label").contains(f)) {
                invalid.add(new InvalidParam(f, "unknown field"));
            }
        });
        String uri = text(body, "uri");
        if (uri == null || !RegisterV1.isHttpUrl(uri)) {
            invalid.add(new InvalidParam("uri", "required: the organisation's TOOI URI"));
        }
        String label = text(body, "label");
        if (label == null || label.length() > 300) {
            invalid.add(new InvalidParam("label", "required: the organisation's name, at most 300 characters"));
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The organisation is not valid.", invalid);
        }
        if (organisations.byId(uri).isPresent()) {
            throw ApiError.conflict("The organisation " + uri + " is already registered.");
        }
        String slug = Register.slug(label);
        for (int n = 2; organisations.bySlug(slug).isPresent(); n++) {
            slug = Register.slug(label) + "-" + n;
        }
        Organisation organisation = new Organisation(uri, label, slug);
        organisations.create(organisation, "created in the API register");
        Routes.wrote(ctx, Resource.organisation(uri));
        ctx.status(201).json(organisationJson(organisation));
    }

    private static ObjectNode organisationJson(Organisation o) {
        ObjectNode json = Json.object().put("uri", o.id()).put("label", o.name());
        json.putObject("_links").putObject("apis").put("href",
                BASE + "/apis?organisation=" + URLEncoder.encode(o.id(), StandardCharsets.UTF_8));
        return json;
    }

    // ---- wire format ----

    ObjectNode itemJson(ApiEntries.Versioned v) {
        ApiEntry e = v.entry();
        ObjectNode json = ApiEntries.toBody(e);
        json.remove("lifecycle");
        json.putObject("lifecycle").put("status", e.lifecycleStatus());
        if (e.adrScore() != null) {
            json.put("adrScore", e.adrScore());
        }
        json.put("version", v.version());
        json.put("created", v.record().created().toString());
        json.put("modified", v.record().modified().toString());
        ObjectNode links = json.putObject("_links");
        links.putObject("self").put("href", BASE + "/apis/" + e.id());
        if (e.specification() != null && e.specification().sha256() != null) {
            links.putObject("oas").put("href", BASE + "/apis/" + e.id() + "/oas/" + e.specification().version());
        }
        return json;
    }

    private Map<String, List<String>> filters(Context ctx) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        List<InvalidParam> invalid = new ArrayList<>();
        for (String param : ApiEntries.FILTER_FIELDS.keySet()) {
            List<String> values = ctx.queryParams(param).stream()
                    .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                continue;
            }
            Set<String> allowed = switch (param) {
                case "status" -> ApiEntry.LIFECYCLES;
                case "auth" -> ApiEntry.AUTHENTICATIONS;
                case "apiType" -> ApiEntry.API_TYPES;
                case "oasStatus" -> OAS_STATUSES;
                case "availability" -> ApiEntry.AVAILABILITIES;
                default -> null;
            };
            for (String value : values) {
                if (allowed != null && !allowed.contains(value)) {
                    invalid.add(new InvalidParam(param, "'" + value + "' is not one of " + sorted(allowed)));
                } else if (param.equals("adrScore") && !value.matches("100|[1-9]?\\d")) {
                    invalid.add(new InvalidParam(param, "a whole number from 0 to 100"));
                }
            }
            filters.put(param, values);
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The filters are not valid.", invalid);
        }
        return filters;
    }

    /** RFC 8288 links (first, prev, next, last) keeping the other query parameters, and the register's paging headers. */
    private static void pagingHeaders(Context ctx, int page, int perPage, long total) {
        long pages = LinkHeader.pageCount(total, perPage);
        StringBuilder others = new StringBuilder();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("perPage")) {
                for (String value : values) {
                    others.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
        });
        ctx.header("Link", LinkHeader.pages(page, Math.min(page - 1, pages), pages,
                n -> ctx.path() + "?page=" + n + "&perPage=" + perPage + others));
        ctx.header("Total-Count", Long.toString(total));
        ctx.header("Current-Page", Integer.toString(page));
        ctx.header("Per-Page", Integer.toString(perPage));
        ctx.header("Total-Pages", Long.toString(pages));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        return QueryParams.wholeNumber(raw == null ? null : raw.strip(), fallback, min, max,
                QueryParams.problem(name, min, max));
    }

    /** True when the client asks for JSON-LD at least as much as for plain JSON. */
    static boolean prefersJsonLd(String accept) {
        if (accept == null) {
            return false;
        }
        double ld = 0;
        double json = 0;
        for (String part : accept.split(",")) {
            String[] pieces = part.strip().split(";");
            String type = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException ignored) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/ld+json")) {
                ld = Math.max(ld, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return ld > 0 && ld >= json;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}
