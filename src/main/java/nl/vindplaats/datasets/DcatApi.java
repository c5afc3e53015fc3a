package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Routes;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
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
import java.util.List;
import java.util.Map;

/**
 * DCAT RDF of the public datasets, as data.overheid.nl's ckanext-dcat serves it: the catalogue at
 * {@code /catalog.{ttl,rdf,jsonld}} (paged, with {@code modified_since}, {@code q} and {@code fq}) and
 * one dataset at {@code /dataset/{id}.{ttl,rdf,jsonld}} (the portal routes that path here), in the DCAT-AP (2.1.1
 * and 3.0) shape.
 */
final class DcatApi {
    static final int PAGE_SIZE = 100;
    private static final String ADMS = "http://www.w3.org/ns/adms#";
    private static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private static final Map<String, Lang> FORMATS = Map.of("ttl", Lang.TURTLE, "rdf", Lang.RDFXML,
            "jsonld", Lang.JSONLD);
    private static final Map<String, String> CONTENT_TYPES = Map.of("ttl", "text/turtle", "rdf",
            "application/rdf+xml", "jsonld", "application/ld+json");

    private final Datasets datasets;
    private final Organisations organisations;
    private final SearchIndex index;
    private final CkanSite site;

    DcatApi(Datasets datasets, Organisations organisations, SearchIndex index, CkanSite site) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.index = index;
        this.site = site;
    }

    List<Operation> operations() {
        return List.of(
                Operation.read("dcat.catalog", HandlerType.GET, "/catalog.ttl", Permission.anyone(), ctx -> catalog(ctx, "ttl")),
                Operation.read("dcat.catalog", HandlerType.GET, "/catalog.rdf", Permission.anyone(), ctx -> catalog(ctx, "rdf")),
                Operation.read("dcat.catalog", HandlerType.GET, "/catalog.jsonld", Permission.anyone(),
                        ctx -> catalog(ctx, "jsonld")));
    }

    private void catalog(Context ctx, String format) {
        int page = 1;
        String rawPage = ctx.queryParam("page");
        if (rawPage != null) {
            try {
                page = Integer.parseInt(rawPage);
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1) {
                throw ApiError.invalid("page", "must be a whole number of 1 or more");
            }
        }
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
        org.apache.lucene.search.BooleanQuery.Builder extra = new org.apache.lucene.search.BooleanQuery.Builder();
        boolean hasExtra = false;
        try {
            if (q != null && !q.isBlank()) {
                extra.add(SolrSyntax.query(q), org.apache.lucene.search.BooleanClause.Occur.MUST);
                hasExtra = true;
            }
            String fq = ctx.queryParam("fq");
            if (fq != null && !fq.isBlank()) {
                extra.add(SolrSyntax.query(fq), org.apache.lucene.search.BooleanClause.Occur.FILTER);
                hasExtra = true;
            }
        } catch (ApiError | SolrSyntax.UnknownField e) {
            throw ApiError.invalid(q != null ? "q" : "fq", "not a valid query: " + e.getMessage());
        }
        if (hasExtra) {
            query.extra(extra.build());
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
        for (StoredRecord record : datasets.getAll(result.ids())) {
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
    void dataset(Context ctx, String idOrName, String format) {
        if (!FORMATS.containsKey(format)) {
            throw new IllegalArgumentException("no DCAT form " + format);
        }
        StoredRecord record = datasets.find(idOrName)
                .orElseThrow(() -> ApiError.notFound("There is no dataset " + idOrName + "."));
        if (!DatasetAccess.canSee(Routes.token(ctx), DatasetMapping.visibility(record))) {
            throw ApiError.notFound("There is no dataset " + idOrName + ".");
        }
        Model model = model();
        addDataset(model, record, profile(ctx));
        write(ctx, model, format);
    }

    private static Model model() {
        Model model = ModelFactory.createDefaultModel();
        model.setNsPrefix("dcat", DCAT.NS).setNsPrefix("dct", DCTerms.NS).setNsPrefix("foaf", FOAF.NS)
                .setNsPrefix("vcard", VCARD4.NS).setNsPrefix("skos", SKOS.uri).setNsPrefix("adms", ADMS)
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

    /** One dataset with its distributions, contact point and the typed resources DCAT-AP's ranges ask for. */
    Resource addDataset(Model m, StoredRecord record, Profile profile) {
        ObjectNode b = record.body();
        String uri = site.siteUrl() + "/dataset/" + record.id();
        Resource ds = m.createResource(uri).addProperty(RDF.type, DCAT.Dataset)
                .addProperty(DCTerms.title, b.path("title").asText(b.path("name").asText()))
                .addProperty(DCTerms.description, text(b, "notes", b.path("title").asText(b.path("name").asText())));
        ds.addProperty(DCTerms.identifier, text(b, "identifier", uri));
        for (JsonNode tag : b.path("tags")) {
            ds.addProperty(DCAT.keyword, tag.asText());
        }
        for (String language : Donl.values(b.get("language"))) {
            iri(m, language).ifPresent(l -> ds.addProperty(DCTerms.language, l.addProperty(RDF.type, DCTerms.LinguisticSystem)));
        }
        for (String theme : Donl.values(b.get("theme"))) {
            iri(m, theme).ifPresent(t -> ds.addProperty(DCAT.theme, t.addProperty(RDF.type, SKOS.Concept)
                    .addProperty(SKOS.prefLabel, m.createLiteral(label(theme), "nl"))));
        }
        date(m, b, "modified").ifPresent(d -> ds.addLiteral(DCTerms.modified, d));
        date(m, b, "issued").ifPresent(d -> ds.addLiteral(DCTerms.issued, d));
        String publisher = b.path("publisher").asText(b.path("owner_org").asText(null));
        if (publisher != null) {
            String name = organisations.byId(publisher).map(o -> o.organisation().name()).orElse(publisher);
            iri(m, publisher).ifPresent(p -> ds.addProperty(DCTerms.publisher,
                    p.addProperty(RDF.type, FOAF.Agent).addProperty(FOAF.name, name)));
        }
        if (b.hasNonNull("contact_point_name") || b.hasNonNull("contact_point_email")) {
            Resource contact = m.createResource().addProperty(RDF.type, VCARD4.Kind)
                    .addProperty(VCARD4.fn, text(b, "contact_point_name", ""));
            if (b.hasNonNull("contact_point_email")) {
                contact.addProperty(VCARD4.hasEmail, m.createResource("mailto:" + b.get("contact_point_email").asText()));
            }
            if (b.hasNonNull("contact_point_website")) {
                iri(m, b.get("contact_point_website").asText()).ifPresent(w -> contact.addProperty(VCARD4.hasURL, w));
            }
            ds.addProperty(DCAT.contactPoint, contact);
        }
        iri(m, b.path("access_rights").asText(null)).ifPresent(r ->
                ds.addProperty(DCTerms.accessRights, r.addProperty(RDF.type, DCTerms.RightsStatement)));
        iri(m, b.path("frequency").asText(null)).ifPresent(f ->
                ds.addProperty(DCTerms.accrualPeriodicity, f.addProperty(RDF.type, DCTerms.Frequency)));
        iri(m, b.path("url").asText(null)).ifPresent(l ->
                ds.addProperty(DCAT.landingPage, l.addProperty(RDF.type, FOAF.Document)));
        if (b.hasNonNull("version") && !b.get("version").asText().isBlank()) {
            ds.addProperty(OWL.versionInfo, b.get("version").asText());
        }
        if (b.hasNonNull("temporal_start") || b.hasNonNull("temporal_end")) {
            Resource period = m.createResource().addProperty(RDF.type, DCTerms.PeriodOfTime);
            date(m, b, "temporal_start").ifPresent(d -> period.addLiteral(DCAT.startDate, d));
            date(m, b, "temporal_end").ifPresent(d -> period.addLiteral(DCAT.endDate, d));
            ds.addProperty(DCTerms.temporal, period);
        }
        for (String conforms : Donl.values(b.get("conforms_to"))) {
            iri(m, conforms).ifPresent(c -> ds.addProperty(DCTerms.conformsTo, c.addProperty(RDF.type, DCTerms.Standard)));
        }
        String datasetLicense = b.path("license_id").asText(null);
        for (JsonNode r : b.path("resources")) {
            Resource dist = m.createResource(uri + "/resource/" + r.path("id").asText())
                    .addProperty(RDF.type, DCAT.Distribution);
            iri(m, r.path("url").asText(null)).ifPresent(u -> dist.addProperty(DCAT.accessURL, u));
            if (!r.path("name").asText("").isBlank()) {
                dist.addProperty(DCTerms.title, r.get("name").asText());
            }
            if (!r.path("description").asText("").isBlank()) {
                dist.addProperty(DCTerms.description, r.get("description").asText());
            }
            String format = r.path("format").asText("");
            if (format.startsWith("http")) {
                iri(m, format).ifPresent(f -> dist.addProperty(DCTerms.format, f.addProperty(RDF.type, DCTerms.MediaTypeOrExtent)));
            }
            String mediaType = r.path("media_type").asText(r.path("mimetype").asText(""));
            if (!mediaType.isBlank()) {
                String iana = mediaType.startsWith("http") ? mediaType
                        : "https://www.iana.org/assignments/media-types/" + mediaType;
                iri(m, iana).ifPresent(t -> dist.addProperty(DCAT.mediaType, t.addProperty(RDF.type, DCTerms.MediaType)));
            }
            String license = r.path("license_id").asText(datasetLicense);
            Licenses.find(license).filter(l -> !l.url().isEmpty()).flatMap(l -> iri(m, l.url()))
                    .ifPresent(l -> dist.addProperty(DCTerms.license, l.addProperty(RDF.type, DCTerms.LicenseDocument)));
            if (r.hasNonNull("size") && r.get("size").asText().matches("\\d+")) {
                // DCAT-AP 2.1.1 types the size as xsd:decimal, 3.0 as xsd:nonNegativeInteger.
                dist.addLiteral(DCAT.byteSize, m.createTypedLiteral(r.get("size").asText(),
                        profile == Profile.DCAT_AP_2 ? XSDDatatype.XSDdecimal : XSDDatatype.XSDnonNegativeInteger));
            }
            if ("upload".equals(r.path("url_type").asText())) {
                // An uploaded file: its CKAN download URL is where the file itself is fetched.
                iri(m, r.path("url").asText(null)).ifPresent(u -> dist.addProperty(DCAT.downloadURL, u));
            }
            for (String download : Donl.values(r.get("download_url"))) {
                iri(m, download).ifPresent(d -> dist.addProperty(DCAT.downloadURL, d));
            }
            for (String language : Donl.values(r.get("language"))) {
                iri(m, language).ifPresent(l -> dist.addProperty(DCTerms.language,
                        l.addProperty(RDF.type, DCTerms.LinguisticSystem)));
            }
            iri(m, r.path("status").asText(null)).ifPresent(s ->
                    dist.addProperty(m.createProperty(ADMS, "status"), s.addProperty(RDF.type, SKOS.Concept)
                            .addProperty(SKOS.prefLabel, m.createLiteral(label(s.getURI()), "en"))));
            ds.addProperty(DCAT.distribution, dist);
        }
        return ds;
    }

    private static String text(ObjectNode b, String field, String fallback) {
        String value = b.path(field).asText("");
        return value.isBlank() ? fallback : value;
    }

    /** A resource for a value that is an absolute http(s) IRI; other values are left out of the RDF. */
    private static java.util.Optional<Resource> iri(Model m, String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return java.util.Optional.of(m.createResource(uri.toString()));
            }
        } catch (java.net.URISyntaxException e) {
            // not an IRI: nothing to link to
        }
        return java.util.Optional.empty();
    }

    /** A DONL date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS) as xsd:date or xsd:dateTime. */
    private static java.util.Optional<Literal> date(Model m, ObjectNode b, String field) {
        String value = b.path(field).asText("");
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return java.util.Optional.of(m.createTypedLiteral(value, XSDDatatype.XSDdate));
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return java.util.Optional.of(m.createTypedLiteral(value, XSDDatatype.XSDdateTime));
        }
        return java.util.Optional.empty();
    }
}
