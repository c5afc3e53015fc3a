package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.access.ResourceDirectory;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.datasets.Caller;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.CkanJson;
import nl.vindplaats.datasets.CkanSite;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Groups;
import nl.vindplaats.datasets.HarvestedDatasets;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.RecordStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The CKAN-compatible Action API v3 ({@code /api/3/action/{name}}, {@code /api/action/{name}} and
 * data.overheid.nl's {@code /data/api/3/action/{name}}). Every action is declared once in the
 * action table; this class derives from it one operation per action, path prefix and method, so
 * the route table checks each call's permission and audits each write. It also answers CKAN's
 * malformed calls (unknown action, GET on a write action, bad JSON) with CKAN's bare-string 400s.
 */
public final class CkanApi {
    /** The path prefixes CKAN clients call actions under. */
    /** Base path of the Action API as the API register lists it; its OpenAPI document is at BASE + "/openapi.json". */
    public static final String BASE = "/api/3";
    public static final List<String> PREFIXES = List.of("/api/3/action", "/api/action", "/data/api/3/action");
    private static final String DATA = "ckan.data";
    private static final Pattern JSONP_CALLBACK =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final Datasets datasets;
    private final PackageSchema schema;
    private final Clock clock;
    private final ResourceUploads uploads;
    private final Supplier<String> baseUrl;
    private final CkanHarvester harvester;

    /**
     * @param datasets       the datasets, in the store and the index
     * @param groups         the groups and organisations' group records
     * @param schema         the rules a dataset written through this API keeps
     * @param harvestWrites  the writes of the {@code ckan} harvest source type
     * @param blobs          where uploaded resource files are kept
     * @param maxUploadBytes the largest resource file accepted
     * @param baseUrl        the public base URL of the service, for the help and download URLs in answers
     */
    public CkanApi(Datasets datasets, Groups groups, PackageSchema schema, HarvestedDatasets harvestWrites,
                   RecordStore store, SearchIndex index, Organisations organisations, TokenStore tokens,
                   ResourceDirectory resources, CkanSite site, Clock clock, BlobStore blobs, long maxUploadBytes,
                   Supplier<String> baseUrl) {
        this.datasets = datasets;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.uploads = new ResourceUploads(store, datasets, blobs, maxUploadBytes, baseUrl);
        PackageView view = new PackageView(organisations, groups);
        this.schema = schema;
        resources.register(Resource.Type.DATASET, id -> datasets.find(id).map(Datasets::resourceOf));
        List<Action> all = new ArrayList<>();
        all.addAll(new PackageActions(datasets, organisations, schema, view, index, clock, uploads).actions());
        all.add(new PackageSearch(organisations, groups, view, index, site.defaultSort()).action());
        all.addAll(new GroupActions(datasets, organisations, groups, view, index, clock).actions());
        all.addAll(new SiteActions(site, tokens, name -> Optional.ofNullable(actions.get(name))
                .map(Action::help).orElse(null)).actions());
        all.forEach(a -> actions.put(a.name(), a));
        this.harvester = new CkanHarvester(harvestWrites);
    }

    /** The {@code ckan} harvest source type: another CKAN's datasets into this one. */
    public nl.vindplaats.harvest.Harvester harvester() {
        return harvester;
    }

    /**
     * Puts a few complete DCAT-AP-DONL datasets into an instance that has none ({@code serve --demo}),
     * published by the given organisations (TOOI URIs).
     */
    public void loadDemoData(List<String> organisationIds) {
        if (organisationIds.isEmpty() || datasets.find("demo-gemeentelijke-indeling").isPresent()) {
            return;
        }
        Caller system = new Caller(new nl.vindplaats.access.ApiToken("demo", "demo data", Resource.PLATFORM,
                nl.vindplaats.access.Level.ADMIN, null, clock.instant(), null, null, null));
        String[][] demo = {
                {"demo-gemeentelijke-indeling", "Gemeentelijke indeling van Nederland",
                        "Alle gemeenten van Nederland met hun code en provincie.",
                        "http://standaarden.overheid.nl/owms/terms/Gemeenten", "indeling"},
                {"demo-bomenkaart", "Bomen in beheer van de gemeente",
                        "Locatie, soort en plantjaar van de bomen die de gemeente beheert.",
                        "http://standaarden.overheid.nl/owms/terms/Natuur-_en_landschapsbeheer", "bomen"},
                {"demo-fietspaden", "Fietspaden in de provincie",
                        "Ligging en verharding van de fietspaden die de provincie beheert.",
                        "http://standaarden.overheid.nl/owms/terms/Weg_(thema)", "fietsen"}};
        for (int i = 0; i < demo.length; i++) {
            String org = organisationIds.get(i % organisationIds.size());
            ObjectNode d = Json.object();
            d.put("name", demo[i][0]).put("title", demo[i][1]).put("notes", demo[i][2]).put("owner_org", org)
                    .put("identifier", "https://data.vindplaats.example/dataset/" + demo[i][0])
                    .put("metadata_language", "http://publications.europa.eu/resource/authority/language/NLD")
                    .put("language", "http://publications.europa.eu/resource/authority/language/NLD")
                    .put("theme", demo[i][3]).put("modified", "2025-01-15T09:00:00")
                    .put("authority", org).put("publisher", org)
                    .put("contact_point_name", "Servicedesk open data")
                    .put("contact_point_email", "opendata@vindplaats.example")
                    .put("license_id", "http://creativecommons.org/publicdomain/zero/1.0/deed.nl")
                    .put("access_rights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
                    .put("dataset_status", "http://data.overheid.nl/status/beschikbaar");
            d.putArray("tags").add(demo[i][4]).add("demo");
            d.putArray("resources").addObject().put("url", "https://data.vindplaats.example/" + demo[i][0] + ".csv")
                    .put("name", demo[i][1] + " (CSV)").put("description", "Het volledige bestand.")
                    .put("format", "http://publications.europa.eu/resource/authority/file-type/CSV")
                    .put("media_type", "https://www.iana.org/assignments/media-types/text/csv");
            datasets.create(schema.validate(d, null, system, clock.instant()), "demo");
        }
    }

    /** The record kinds this API makes findable. */
    public static List<IndexProjection> projections() {
        return List.of(Datasets.projection(), Groups.projection());
    }

    /** Errors under these base paths are rendered in CKAN's format; every answer carries API-Version. */
    public List<ApiSurface> surfaces() {
        ErrorFormat format = CkanErrors.format(baseUrl);
        return List.of(new ApiSurface("/api", CkanSite.CKAN_VERSION, format),
                new ApiSurface("/data/api", CkanSite.CKAN_VERSION, format));
    }

    /** The OpenAPI document served at /api/3/openapi.json (also what the API register lists). */
    public byte[] openApiDocument() {
        return CkanJson.bytes(CkanOpenApi.document(actions.values()));
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>(uploads.operations());
        for (String prefix : PREFIXES) {
            for (Action action : actions.values()) {
                String path = prefix + "/" + action.name();
                operations.add(new Operation("ckan." + action.name(), action.writes(), HandlerType.POST, path,
                        action.permission(), ctx -> run(ctx, action)));
                if (action.writes()) {
                    operations.add(Operation.read("ckan." + action.name() + ".get", HandlerType.GET, path,
                            Permission.anyone(), ctx -> {
                                throw CkanErrors.badRequest(
                                        "JSON Error: Invalid request. Please use POST method for your request");
                            }));
                } else {
                    operations.add(Operation.read("ckan." + action.name(), HandlerType.GET, path,
                            action.permission(), ctx -> run(ctx, action)));
                }
            }
        }
        // Declared after every action, so they only answer names that are not in the table.
        for (String prefix : PREFIXES) {
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST)) {
                operations.add(Operation.read("ckan.unknown", method, prefix + "/{name}", Permission.anyone(), ctx -> {
                    throw CkanErrors.badRequest("Action name not known: " + ctx.pathParam("name"));
                }));
            }
        }
        byte[] openApi = openApiDocument();
        operations.add(Operation.read("ckan.openapi", HandlerType.GET, "/api/3/openapi.json", Permission.anyone(),
                ctx -> ctx.contentType("application/json").result(openApi)));
        for (String path : List.of("/api", "/api/1", "/api/2", "/api/3", "/data/api", "/data/api/3")) {
            int version = path.endsWith("/1") ? 1 : path.endsWith("/2") ? 2 : 3;
            operations.add(Operation.read("ckan.version", HandlerType.GET, path, Permission.anyone(),
                    ctx -> ctx.contentType("application/json;charset=utf-8")
                            .result(CkanJson.write(Map.of("version", version)))));
        }
        return operations;
    }

    private void run(Context ctx, Action action) throws Exception {
        ctx.header("X-Content-Type-Options", "nosniff");
        String callback = jsonpCallback(ctx);
        ObjectNode data = data(ctx);
        Caller caller = new Caller(Routes.token(ctx));
        Object result = action.handler().run(new Call(ctx, action.name(), data, caller));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("help", CkanErrors.helpUrl(baseUrl, ctx));
        envelope.put("success", true);
        envelope.put("result", result);
        if (callback != null) {
            ctx.contentType("application/javascript;charset=utf-8")
                    .result(callback + "(" + CkanJson.write(envelope) + ");");
        } else {
            ctx.contentType("application/json;charset=utf-8");
            CkanJson.write(ctx.outputStream(), envelope);
        }
    }

    /**
     * The JSONP callback of a GET, or null when none is asked for. A callback is a JavaScript identifier path
     * ({@code jQuery123_456}, {@code ns.cb}); anything else would let a caller write script into the answer.
     */
    static String jsonpCallback(Context ctx) {
        String callback = ctx.method() == HandlerType.GET ? ctx.queryParam("callback") : null;
        if (callback == null || callback.isEmpty()) {
            return null;
        }
        if (!JSONP_CALLBACK.matcher(callback).matches()) {
            throw CkanErrors.badRequest("Invalid callback: it must be a JavaScript identifier or a path of them "
                    + "(letters, digits, _, $ and .)");
        }
        return callback;
    }

    /**
     * The call's data dict, read once per request: query parameters for GET (a repeated key becomes a
     * list), form fields or a JSON object for POST.
     */
    static ObjectNode data(Context ctx) {
        ObjectNode cached = ctx.attribute(DATA);
        if (cached != null) {
            return cached;
        }
        ObjectNode data;
        if (ctx.method() == HandlerType.GET) {
            data = fromParameters(ctx.queryParamMap());
        } else {
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
            if (type.startsWith("application/x-www-form-urlencoded") && startsWithBrace(ctx.bodyAsBytes())) {
                // curl -d '{...}' sends JSON labelled as a form; CKAN reads it as JSON, and so do we.
                data = jsonBody(ctx.bodyAsBytes());
            } else if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
                data = fromParameters(ctx.formParamMap());
            } else {
                data = jsonBody(ctx.bodyAsBytes());
            }
        }
        data.remove("callback");
        data.remove("_");
        ctx.attribute(DATA, data);
        return data;
    }

    /** Parsed from the bytes: a 10 MB body is not first decoded into a String of its own. */
    private static ObjectNode jsonBody(byte[] body) {
        if (body == null || isBlank(body)) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CkanErrors.badRequest("JSON Error: Error decoding JSON data. Error: " + e.getOriginalMessage()
                    .lines().findFirst().orElse("") + " JSON data extracted from the request: " + abbreviate(body));
        } catch (java.io.IOException e) {
            // Reading from an array in memory: only unreadable input ends up here.
            throw CkanErrors.badRequest("JSON Error: Error decoding JSON data. Error: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw CkanErrors.badRequest("JSON Error: Request data JSON decoded to " + abbreviate(body)
                    + " but it needs to be a dictionary.");
        }
        return object;
    }

    private static String abbreviate(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 400), java.nio.charset.StandardCharsets.UTF_8);
        return start.length() > 100 ? start.substring(0, 100) + "..." : start;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithBrace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    private static ObjectNode fromParameters(Map<String, List<String>> parameters) {
        ObjectNode data = Json.object();
        parameters.forEach((key, values) -> {
            if (values.isEmpty()) {
                return; // a multipart file part, not a field
            }
            if (values.size() == 1) {
                data.put(key, values.getFirst());
            } else {
                ArrayNode list = data.putArray(key);
                values.forEach(list::add);
            }
        });
        return data;
    }
}
