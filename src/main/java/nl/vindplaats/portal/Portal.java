package nl.vindplaats.portal;

import io.javalin.http.Handler;
import java.util.function.Supplier;
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
 * The portal: server-rendered pages in Dutch and English over APIs, datasets and documents, for people rather than clients.
 * Every page works without JavaScript; lists come from the search index through each feature's public search.
 */
public final class Portal {
    /** The site's icon, linked by every page (without it, browsers ask for /favicon.ico, a 404). */
    public static final String ICON = "/assets/favicon.svg";
    /** The sitemap of the portal's pages, for robots.txt. */
    public static final String SITEMAP = PageSitemaps.PATH;
    /** The paths whose errors are HTML pages (the home page's errors: {@link PortalErrors#homeOr}). */
    private static final List<String> BASES = List.of("/zoeken", "/dataset", "/documenten", "/apis", "/organisaties",
            "/assets", "/organization", "/group", "/docs", Feeds.SEARCH);

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
    private final PageAddresses addresses;
    private final Feeds feeds;
    private final PageSitemaps sitemaps;
    private final DocsPages docs;
    private final StyleSheets styles;

    /**
     * An API this instance serves, for {@code /docs}: a short name for its page, the path its OpenAPI document is
     * served at, and that document.
     */
    public record ServedApi(String name, String documentPath, byte[] document) {
    }
    private final byte[] viewerScript = resource("portal/spec-viewer.js");
    private final byte[] icon = resource("portal/favicon.svg");

    /**
     * @param dcatForms writes a dataset in a DCAT form, for {@code /dataset/{name}.ttl|.rdf|.jsonld} and content
     *                  negotiation on {@code /dataset/{name}}
     * @param baseUrl   the address clients reach this instance at, for canonical links, sitemaps and feeds
     * @param sitemapSize most URLs in one sitemap of the pages (at most the protocol's 50,000)
     * @param probes    the register's health probes (an API page's uptime), or null where none run
     * @param served    the APIs this instance serves, for {@code /docs}
     * @param houseStyle the instance's house style, design tokens served after the base tokens
     *                   ({@link #readHouseStyle}), or null
     */
    public Portal(RecordStore store, SearchIndex index, Organisations organisations, ValueLists lists, Clock clock,
                  DatasetPages.DcatForms dcatForms, Supplier<String> baseUrl, int sitemapSize, Probes probes,
                  List<ServedApi> served, byte[] houseStyle) {
        this.styles = new StyleSheets(houseStyle);
        this.docs = new DocsPages(served);
        this.addresses = new PageAddresses(baseUrl);
        Publications publications = new Publications(store, index, lists, clock);
        CombinedSearch combined = new CombinedSearch(new DatasetCatalogue(store, index), publications,
                new ApiListing(store, index), organisations);
        this.search = new SearchPages(combined, organisations, publications);
        this.datasets = new DatasetPages(new DatasetCatalogue(store, index), organisations, dcatForms, addresses);
        this.documents = new DocumentPages(new Publications(store, index, lists, clock), organisations);
        this.apis = new ApiPages(new ApiListing(store, index), organisations,
                entry -> probes == null ? null : probes.summary(entry));
        this.organisationPages = new OrganisationPages(combined, organisations);
        this.datasetSearch = new DatasetSearchPages(new DatasetCatalogue(store, index), organisations);
        this.documentSearch = new DocumentSearchPages(new Publications(store, index, lists, clock), organisations);
        this.apiSearch = new ApiSearchPages(new ApiListing(store, index));
        this.feeds = new Feeds(combined, new DatasetCatalogue(store, index), organisations, addresses, clock);
        this.sitemaps = new PageSitemaps(combined, new DatasetCatalogue(store, index),
                new Publications(store, index, lists, clock), new ApiListing(store, index), organisations, addresses,
                sitemapSize);
    }

    /** The first matching route is served: a feed's path comes before the page path it would also match. */
    public List<Operation> operations() {
        return List.of(
                page("portal.home", "/", search::home),
                page("portal.search", "/zoeken", search::search),
                page("portal.search.feed", Feeds.SEARCH, feeds::search),
                page("portal.sitemap", PageSitemaps.PATH, sitemaps::sitemap),
                page("portal.sitemap.part", PageSitemaps.PART, sitemaps::part),
                // Its page, its DCAT forms (.ttl, .rdf, .jsonld, and by Accept header) and its feed (.atom).
                page("portal.dataset", "/dataset/{name}", ctx -> {
                    String name = ctx.pathParam("name");
                    if (name.endsWith(".atom")) {
                        feeds.dataset(ctx, name.substring(0, name.length() - ".atom".length()));
                    } else {
                        datasets.show(ctx);
                    }
                }),
                page("portal.document", "/documenten/{id}", documents::show),
                page("portal.api", "/apis/{id}", apis::show),
                page("portal.organisation.feed", Feeds.ORGANISATION, feeds::organisation),
                page("portal.organisation", "/organisaties/{slug}", organisationPages::show),
                page("portal.datasets", "/dataset", datasetSearch::search),
                page("portal.ckanOrganisation", "/organization/{name}", datasetSearch::organisation),
                page("portal.group", "/group/{name}", datasetSearch::group),
                page("portal.documents", "/documenten", documentSearch::search),
                page("portal.apis", "/apis", apiSearch::search),
                page("portal.specification", "/apis/{id}/specificatie", apis::specification),
                page("portal.docs", "/docs", docs::list),
                page("portal.docs.api", "/docs/{name}", docs::show),
                page("portal.viewer", "/assets/swagger-ui/{file}", this::viewerAsset),
                page("portal.viewerScript", "/assets/spec-viewer.js", ctx -> asset(ctx, "text/javascript", viewerScript)),
                page("portal.icon", ICON, ctx -> asset(ctx, "image/svg+xml", icon)),
                page("portal.style", StyleSheets.BASE, styles::serveBase),
                page("portal.houseStyle", StyleSheets.HOUSE_STYLE, styles::serveHouseStyle));
    }

    /** The surfaces whose errors are pages; {@code others}: the format of the DCAT forms under /dataset. */
    public static List<ApiSurface> surfaces(ErrorFormat others) {
        return BASES.stream().map(base -> new ApiSurface(base, null, PortalErrors.format(others))).toList();
    }

    /**
     * Reads a house style file (an NL Design System theme's tokens) for the constructor.
     *
     * @throws IllegalArgumentException saying why the file cannot be used, for the operator
     */
    public static byte[] readHouseStyle(java.nio.file.Path file) {
        return StyleSheets.readHouseStyle(file);
    }

    /** Swagger UI's two files from its webjar; nothing else of the jar is served. */
    private void viewerAsset(io.javalin.http.Context ctx) {
        String file = ctx.pathParam("file");
        String type = switch (file) {
            case "swagger-ui-bundle.js" -> "text/javascript";
            case "swagger-ui.css" -> "text/css";
            default -> throw PortalErrors.refuse(404, "error.viewer.file");
        };
        asset(ctx, type, SWAGGER_UI.computeIfAbsent(file, f -> resource(SWAGGER_UI_DIR + f)));
    }

    private static void asset(io.javalin.http.Context ctx, String type, byte[] bytes) {
        Pages.secure(ctx);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(type + "; charset=utf-8").result(bytes);
    }

    /** A page's handler finds the portal's addresses on its request (for its canonical link: {@link Pages}). */
    private Operation page(String name, String path, Handler handler) {
        return Operation.read(name, HandlerType.GET, path, Permission.anyone(), ctx -> {
            ctx.attribute(PageAddresses.ATTRIBUTE, addresses);
            ctx.attribute(StyleSheets.ATTRIBUTE, styles);
            Texts.handling(ctx, () -> handler.handle(ctx));
        });
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
