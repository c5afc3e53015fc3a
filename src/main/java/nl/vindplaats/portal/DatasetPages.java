package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.Dataset;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.http.ApiError;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset's page at CKAN's own URL, {@code /dataset/{name}}, so that links to a CKAN portal keep working. The
 * same URL is the dataset's URI in the DCAT catalogue, so it answers RDF to a client that asks for it in its
 * {@code Accept} header ({@link DcatNegotiation}); the DCAT forms {@code /dataset/{name}.ttl}, {@code .rdf} and
 * {@code .jsonld} are served from the same route.
 */
public final class DatasetPages {
    private static final Pattern DCAT_FORM = Pattern.compile("^/dataset/([^/]+)\\.(ttl|rdf|jsonld)$");
    /** Marks a request answered in a DCAT form, so that its errors keep the DCAT forms' format. */
    private static final String ANSWERS_RDF = "vindplaats.portal.rdf";

    /** Writes one dataset (by id or name) in one DCAT form ({@code ttl}, {@code rdf}, {@code jsonld}) as the answer. */
    @FunctionalInterface
    public interface DcatForms {
        void write(Context ctx, String idOrName, String format) throws Exception;
    }

    private final DatasetCatalogue datasets;
    private final Organisations organisations;
    private final DcatForms dcatForms;
    private final PageAddresses addresses;

    DatasetPages(DatasetCatalogue datasets, Organisations organisations, DcatForms dcatForms,
                 PageAddresses addresses) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.dcatForms = dcatForms;
        this.addresses = addresses;
    }

    /**
     * @param organisation the owning organisation, or null when it is not known here
     * @param jsonLd       the schema.org description of the dataset, as JSON safe to place in a script element
     * @param feedUrl      the Atom feed of the dataset's changes
     */
    public record DatasetModel(Dataset dataset, Organisation organisation, String jsonLd, String feedUrl) {
    }

    /**
     * The language of a licence's label where it is not the page's: DCAT-AP-DONL's licences (URIs) have Dutch
     * labels only; CKAN's own licences (short ids) have English titles, which stay unmarked.
     */
    public static String licenceLang(Dataset.Concept licence) {
        return licence != null && licence.uri() != null && licence.uri().startsWith("http") ? Texts.dutchValue() : null;
    }

    /** Whether the request is answered in a DCAT form (by its path or its Accept header). */
    static boolean answersRdf(Context ctx) {
        return DCAT_FORM.matcher(ctx.path()).matches() || Boolean.TRUE.equals(ctx.attribute(ANSWERS_RDF));
    }

    void show(Context ctx) throws Exception {
        Matcher form = DCAT_FORM.matcher(ctx.path());
        if (form.matches()) {
            dcatForms.write(ctx, ctx.pathParam("name").substring(0, ctx.pathParam("name").lastIndexOf('.')),
                    form.group(2));
            return;
        }
        String name = ctx.pathParam("name");
        // One URL, several representations: caches must keep them apart.
        ctx.header("Vary", "Accept");
        String negotiated = DcatNegotiation.formatFor(ctx.header("Accept"));
        if (negotiated != null) {
            ctx.attribute(ANSWERS_RDF, true);
            dcatForms.write(ctx, name, negotiated);
            return;
        }
        Dataset dataset = datasets.publicDataset(name).orElseThrow(() -> PortalErrors.refuse(404, "error.dataset", name));
        Organisation organisation = dataset.organisationId() == null ? null
                : organisations.byId(dataset.organisationId()).map(Organisations.Versioned::organisation).orElse(null);
        String path = "/dataset/" + Links.path(dataset.name());
        String pageUrl = addresses.absolute(path);
        String feed = Feeds.datasetFeedPath(dataset.name());
        PageHead head = new PageHead(pageUrl, List.of(
                PageHead.atom(Texts.t("feed.dataset.link"), feed),
                new PageHead.Alternate("text/turtle", "DCAT (Turtle)", path + ".ttl"),
                new PageHead.Alternate("application/rdf+xml", "DCAT (RDF/XML)", path + ".rdf"),
                new PageHead.Alternate("application/ld+json", "DCAT (JSON-LD)", path + ".jsonld")));
        Pages.render(ctx, 200, "dataset.jte", new DatasetModel(dataset, organisation,
                DatasetJsonLd.of(dataset, organisation, pageUrl, addresses), feed), head);
    }
}
