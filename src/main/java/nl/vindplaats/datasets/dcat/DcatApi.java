package nl.vindplaats.datasets.dcat;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.CkanDatasetMapping;
import nl.vindplaats.datasets.CkanSite;
import nl.vindplaats.datasets.DatasetAccess;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Donl;
import nl.vindplaats.datasets.SolrSyntax;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Routes;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.Condition;
import nl.vindplaats.search.QuerySyntax;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.http.QueryParams;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DCAT RDF of the public datasets, as data.overheid.nl's ckanext-dcat serves it: the catalogue at
 * {@code /catalog.{ttl,rdf,jsonld}} (paged, with {@code modified_since}, {@code q} and {@code fq}) and
 * one dataset at {@code /dataset/{id}.{ttl,rdf,jsonld}} (the portal routes that path here), in the DCAT-AP (2.1.1
 * and 3.0) shape.
 */
public final class DcatApi {
    static final int PAGE_SIZE = 100;
    private static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private static final Map<String, Lang> FORMATS = Map.of("ttl", Lang.TURTLE, "rdf", Lang.RDFXML,
            "jsonld", Lang.JSONLD);
    private static final Map<String, String> CONTENT_TYPES = Map.of("ttl", "text/turtle", "rdf",
            "application/rdf+xml", "jsonld", "application/ld+json");

    private final Datasets datasets;
    private final Organisations organisations;
    private final SearchIndex index;
    private final CkanSite site;

    public DcatApi(Datasets datasets, Organisations organisations, SearchIndex index, CkanSite site) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.index = index;
        this.site = site;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.read("dcat.catalog", HandlerType.GET, "/catalog.ttl", Permission.anyone(), ctx -> catalog(ctx, "ttl")),
                Operation.read("dcat.catalog", HandlerType.GET, "/catalog.rdf", Permission.anyone(), ctx -> catalog(ctx, "rdf")),
                Operation.read("dcat.catalog", HandlerType.GET, "/catalog.jsonld", Permission.anyone(),
                        ctx -> catalog(ctx, "jsonld")));
    }

    private void catalog(Context ctx, String format) {
        int page = QueryParams.wholeNumber(ctx.queryParam("page"), 1, 1, Integer.MAX_VALUE,
                fault -> ApiError.invalid("page", "must be a whole number of 1 or more"));
        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public")
                .sortBy(SearchQuery.SortKey.number(Datasets.f("metadata_modified"), true))
                .page((page - 1) * PAGE_SIZE, PAGE_SIZE);
        String since = ctx.queryParam("modified_since");
        if (since != null) {
            Long millis = Datasets.millis(since);
            if (millis == null) {
                throw ApiError.invalid("modified_since", "must be an ISO date-time such as 2024-01-01T00:00:00");
            }
            query.range(Datasets.f("metadata_modified"), millis, null);
        }
        String q = ctx.queryParam("q");
        List<Condition> scored = new ArrayList<>();
        List<Condition> filters = new ArrayList<>();
        try {
            if (q != null && !q.isBlank()) {
                scored.add(SolrSyntax.query(q));
            }
            String fq = ctx.queryParam("fq");
            if (fq != null && !fq.isBlank()) {
                filters.add(SolrSyntax.query(fq));
            }
        } catch (ApiError | QuerySyntax.UnknownField e) {
            throw ApiError.invalid(q != null ? "q" : "fq", "not a valid query: " + e.getMessage());
        }
        if (!scored.isEmpty() || !filters.isEmpty()) {
            query.extra(Condition.allOf(scored, filters));
        }
        SearchResult result = index.search(query.build());
        Model model = model();
        String base = site.siteUrl();
        Resource catalog = model.createResource(base + "/catalog")
                .addProperty(RDF.type, DCAT.Catalog)
                .addProperty(DCTerms.title, site.siteTitle())
                .addProperty(DCTerms.description, site.siteDescription())
                .addProperty(FOAF.homepage, model.createResource(base).addProperty(RDF.type, FOAF.Document))
                .addProperty(DCTerms.publisher, model.createResource(base + "/organization")
                        .addProperty(RDF.type, FOAF.Agent).addProperty(FOAF.name, site.siteTitle()));
        for (StoredRecord record : datasets.getAllStored(result.ids())) {
            catalog.addProperty(DCAT.dataset, addDataset(model, record, profile(ctx)));
        }
        long pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String self = base + "/catalog." + format + "?page=";
        Resource paging = model.createResource(self + page)
                .addProperty(RDF.type, model.createResource(HYDRA + "PagedCollection"))
                .addLiteral(model.createProperty(HYDRA, "totalItems"), model.createTypedLiteral(result.total()))
                .addLiteral(model.createProperty(HYDRA, "itemsPerPage"), model.createTypedLiteral(PAGE_SIZE));
        paging(model, paging, "first", self + 1);
        paging(model, paging, "last", self + pages);
        if (page < pages) {
            paging(model, paging, "next", self + (page + 1));
        }
        if (page > 1) {
            paging(model, paging, "previous", self + (page - 1));
        }
        write(ctx, model, format);
    }

    /**
     * A paging link under Hydra's current name ({@code hydra:next}) and its deprecated one ({@code hydra:nextPage}), as
     * ckanext-dcat writes both (literals on a {@code hydra:PagedCollection}) so that older and newer readers follow it.
     */
    private static void paging(Model model, Resource paging, String link, String url) {
        paging.addProperty(model.createProperty(HYDRA, link), url);
        paging.addProperty(model.createProperty(HYDRA, link + "Page"), url);
    }

    /** One dataset (by id or name) in one DCAT form: {@code ttl}, {@code rdf} or {@code jsonld}. */
    public void dataset(Context ctx, String idOrName, String format) {
        if (!FORMATS.containsKey(format)) {
            throw new IllegalArgumentException("no DCAT form " + format);
        }
        StoredRecord record = datasets.findStored(idOrName)
                .orElseThrow(() -> ApiError.notFound("There is no dataset " + idOrName + "."));
        if (!DatasetAccess.canSee(Routes.token(ctx), CkanDatasetMapping.visibility(record))) {
            throw ApiError.notFound("There is no dataset " + idOrName + ".");
        }
        Model model = model();
        addDataset(model, record, profile(ctx));
        write(ctx, model, format);
    }

    private static Model model() {
        Model model = ModelFactory.createDefaultModel();
        model.setNsPrefix("dcat", DCAT.NS).setNsPrefix("dct", DCTerms.NS).setNsPrefix("foaf", FOAF.NS)
                .setNsPrefix("vcard", VCARD4.NS).setNsPrefix("skos", SKOS.uri).setNsPrefix("adms", DcatDatasetRdf.ADMS)
                .setNsPrefix("owl", OWL.NS).setNsPrefix("hydra", HYDRA)
                .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        return model;
    }

    private static void write(Context ctx, Model model, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, model, FORMATS.get(format));
        ctx.contentType(CONTENT_TYPES.get(format) + ";charset=utf-8").result(out.toByteArray());
    }

    /** The DCAT-AP version to write, chosen with {@code ?profile=dcat-ap-2.1.1} or {@code dcat-ap-3.0} (default). */
    enum Profile { DCAT_AP_2, DCAT_AP_3 }

    static Profile profile(Context ctx) {
        String raw = ctx.queryParam("profile");
        if (raw == null || raw.equals("dcat-ap-3.0")) {
            return Profile.DCAT_AP_3;
        }
        if (raw.equals("dcat-ap-2.1.1")) {
            return Profile.DCAT_AP_2;
        }
        throw ApiError.invalid("profile", "one of dcat-ap-2.1.1, dcat-ap-3.0");
    }

    /** A readable label for a concept URI, e.g. …/Huisvesting_(thema) → Huisvesting (thema). */
    static String label(String uri) {
        return Donl.displayName("theme", uri);
    }

    /** One dataset, read from its stored record into the model and written as DCAT. */
    Resource addDataset(Model m, StoredRecord record, Profile profile) {
        return rdf().add(m, CkanDatasetMapping.dataset(record), profile);
    }

    private DcatDatasetRdf rdf() {
        return new DcatDatasetRdf(site.siteUrl(),
                id -> organisations.byId(id).map(o -> o.organisation().name()).orElse(id));
    }
}
