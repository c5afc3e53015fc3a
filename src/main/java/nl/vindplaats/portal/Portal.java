package nl.vindplaats.portal;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.register.ApiListing;
import nl.vindplaats.register.Probes;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueLists;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * The portal: server-rendered pages in Dutch over APIs, datasets and documents, for people rather than clients.
 * Every page works without JavaScript; lists come from the search index through each feature's public search.
 */
public final class Portal {
    static final String STYLE_SHEET = "/assets/portal.css";
    /** The paths whose errors are HTML pages (the home page's errors: {@link PortalErrors#homeOr}). */
    private static final List<String> BASES = List.of("/zoeken", "/dataset", "/documenten", "/apis", "/organisaties",
            "/assets",
            "/organization", "/group");

    private static final String SWAGGER_UI_DIR = "META-INF/resources/webjars/swagger-ui/5.35.0/";
    private static final java.util.Map<String, byte[]> SWAGGER_UI = new java.util.concurrent.ConcurrentHashMap<>();

    private final SearchPages search;
    private final DatasetPages datasets;
    private final DocumentPages documents;
    private final ApiPages apis;
    private final OrganisationPages organisationPages;
    private final DatasetSearchPages datasetSearch;
    private final DocumentSearchPages documentSearch;
    private final ApiSearchPages apiSearch;
    private final byte[] styleSheet = resource("portal/portal.css");
    private final byte[] viewerScript = resource("portal/spec-viewer.js");

    /** @param dcatForms the handler of {@code /dataset/{name}.ttl|.rdf|.jsonld}, which shares the dataset path */
    public Portal(RecordStore store, SearchIndex index, Organisations organisations, ValueLists lists, Clock clock,
                  Handler dcatForms) {
        this(store, index, organisations, lists, clock, dcatForms, null);
    }

    /** @param probes the register's health probes (an API page's uptime), or null where none run */
    public Portal(RecordStore store, SearchIndex index, Organisations organisations, ValueLists lists, Clock clock,
                  Handler dcatForms, Probes probes) {
        CombinedSearch combined = new CombinedSearch(new DatasetCatalogue(store, index),
                new Publications(store, index, lists, clock), new ApiListing(store, index), organisations);
        this.search = new SearchPages(combined, organisations);
        this.datasets = new DatasetPages(new DatasetCatalogue(store, index), organisations, dcatForms);
        this.documents = new DocumentPages(new Publications(store, index, lists, clock), organisations);
        this.apis = new ApiPages(new ApiListing(store, index), organisations,
                entry -> probes == null ? null : probes.summary(entry));
        this.organisationPages = new OrganisationPages(combined, organisations);
        this.datasetSearch = new DatasetSearchPages(new DatasetCatalogue(store, index), organisations);
        this.documentSearch = new DocumentSearchPages(new Publications(store, index, lists, clock), organisations);
        this.apiSearch = new ApiSearchPages(new ApiListing(store, index));
    }

    /** The handler of the operation with this name, among {@code operations} (to share a path with it). */
    public static Handler handlerOf(List<Operation> operations, String name) {
        return operations.stream().filter(o -> o.name().equals(name)).findFirst().map(Operation::handler)
                .orElseThrow(() -> new IllegalArgumentException("no operation " + name));
    }

    /** Must come before the DCAT forms' {@code /dataset/{file}} in the route table: the first match is served. */
    public List<Operation> operations() {
        return List.of(
                page("portal.home", "/", search::home),
                page("portal.search", "/zoeken", search::search),
                // The parameter is "file", as the DCAT forms name it (their handler reads it); written <file>, not
                // {file}, since the route table refuses a second path spelled exactly like theirs.
                page("portal.dataset", "/dataset/<file>", datasets::show),
                page("portal.document", "/documenten/{id}", documents::show),
                page("portal.api", "/apis/{id}", apis::show),
                page("portal.organisation", "/organisaties/{slug}", organisationPages::show),
                page("portal.datasets", "/dataset", datasetSearch::search),
                page("portal.ckanOrganisation", "/organization/{name}", datasetSearch::organisation),
                page("portal.group", "/group/{name}", datasetSearch::group),
                page("portal.documents", "/documenten", documentSearch::search),
                page("portal.apis", "/apis", apiSearch::search),
                page("portal.specification", "/apis/{id}/specificatie", apis::specification),
                page("portal.viewer", "/assets/swagger-ui/{file}", this::viewerAsset),
                page("portal.viewerScript", "/assets/spec-viewer.js", ctx -> asset(ctx, "text/javascript", viewerScript)),
                page("portal.style", STYLE_SHEET, ctx -> {
                    Pages.secure(ctx);
                    ctx.header("Cache-Control", "public, max-age=3600");
                    ctx.contentType("text/css; charset=utf-8").result(styleSheet);
                }));
    }

    /** The surfaces whose errors are pages; {@code others}: the format of the DCAT forms under /dataset. */
    public static List<ApiSurface> surfaces(ErrorFormat others) {
        return BASES.stream().map(base -> new ApiSurface(base, null, PortalErrors.format(others))).toList();
    }

    /** Swagger UI's two files from its webjar; nothing else of the jar is served. */
    private void viewerAsset(io.javalin.http.Context ctx) {
        String file = ctx.pathParam("file");
        String type = switch (file) {
            case "swagger-ui-bundle.js" -> "text/javascript";
            case "swagger-ui.css" -> "text/css";
            default -> throw new nl.vindplaats.http.ApiError(404, PortalErrors.DUTCH,
                    "Dit bestand van de specificatieviewer bestaat niet.", List.of());
        };
        asset(ctx, type, SWAGGER_UI.computeIfAbsent(file, f -> resource(SWAGGER_UI_DIR + f)));
    }

    private static void asset(io.javalin.http.Context ctx, String type, byte[] bytes) {
        Pages.secure(ctx);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(type + "; charset=utf-8").result(bytes);
    }

    private static Operation page(String name, String path, Handler handler) {
        return Operation.read(name, HandlerType.GET, path, Permission.anyone(), handler);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Portal.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
