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

    private final SearchPages search;
    private final DatasetPages datasets;
    private final DocumentPages documents;
    private final ApiPages apis;
    private final OrganisationPages organisationPages;
    private final DatasetSearchPages datasetSearch;
    private final DocumentSearchPages documentSearch;
    private final byte[] styleSheet = resource("portal/portal.css");

    /** @param dcatForms the handler of {@code /dataset/{name}.ttl|.rdf|.jsonld}, which shares the dataset path */
    public Portal(RecordStore store, SearchIndex index, Organisations organisations, ValueLists lists, Clock clock,
                  Handler dcatForms) {
        CombinedSearch combined = new CombinedSearch(new DatasetCatalogue(store, index),
                new Publications(store, index, lists, clock), new ApiListing(store, index), organisations);
        this.search = new SearchPages(combined, organisations);
        this.datasets = new DatasetPages(new DatasetCatalogue(store, index), organisations, dcatForms);
        this.documents = new DocumentPages(new Publications(store, index, lists, clock), organisations);
        this.apis = new ApiPages(new ApiListing(store, index), organisations);
        this.organisationPages = new OrganisationPages(combined, organisations);
        this.datasetSearch = new DatasetSearchPages(new DatasetCatalogue(store, index), organisations);
        this.documentSearch = new DocumentSearchPages(new Publications(store, index, lists, clock), organisations);
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
