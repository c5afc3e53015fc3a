package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.register.ApiListing;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code /sitemap.xml}: the portal's pages for search engines — the home page, every API, public dataset and public
 * document page, and the pages of the organisations that publish most. At most 50,000 URLs a sitemap (the sitemaps
 * protocol's limit); over that, {@code /sitemap.xml} is a sitemap index of {@code /sitemap-{n}.xml}. Read from the
 * index on each request, in each kind's list order (newest first), so nothing is kept or pre-generated. The DiWoo
 * sitemaps of the documents' files are separate ({@code WooSitemaps}); robots.txt names both.
 */
final class PageSitemaps {
    static final String PATH = "/sitemap.xml";
    static final String PART = "/sitemap-{n}.xml";
    static final int MAX_URLS = 50_000;
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final CombinedSearch combined;
    private final DatasetCatalogue datasets;
    private final Publications publications;
    private final ApiListing apis;
    private final Organisations organisations;
    private final PageAddresses addresses;
    private final int perSitemap;

    PageSitemaps(CombinedSearch combined, DatasetCatalogue datasets, Publications publications, ApiListing apis,
                 Organisations organisations, PageAddresses addresses, int perSitemap) {
        this.combined = combined;
        this.datasets = datasets;
        this.publications = publications;
        this.apis = apis;
        this.organisations = organisations;
        this.addresses = addresses;
        this.perSitemap = perSitemap;
    }

    record Url(String path, Instant modified) {
    }

    /** One kind of page: how many there are, and a slice of them in a stable order. */
    private record Source(long total, BiFunction<Integer, Integer, List<Url>> slice) {
    }

    void sitemap(Context ctx) {
        List<Source> sources = sources();
        long total = sources.stream().mapToLong(Source::total).sum();
        if (total <= perSitemap) {
            respond(ctx, urls(sources, 0, (int) total), false);
            return;
        }
        long parts = (total + perSitemap - 1) / perSitemap;
        List<Url> index = new ArrayList<>();
        for (long n = 1; n <= parts; n++) {
            index.add(new Url(PART.replace("{n}", Long.toString(n)), null));
        }
        respond(ctx, index, true);
    }

    void part(Context ctx) {
        String raw = ctx.pathParam("n");
        List<Source> sources = sources();
        long total = sources.stream().mapToLong(Source::total).sum();
        long parts = total <= perSitemap ? 0 : (total + perSitemap - 1) / perSitemap;
        long n;
        try {
            n = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > parts) {
            throw PortalErrors.refuse(404, "error.sitemap", PATH);
        }
        long from = (n - 1) * perSitemap;
        respond(ctx, urls(sources, from, (int) Math.min(perSitemap, total - from)), false);
    }

    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(1, (offset, limit) -> List.of(new Url("/", null))));
        sources.add(new Source(apis.search(null, List.of(), 0, 1).total(), (offset, limit) ->
                apis.search(null, List.of(), offset, limit).hits().stream()
                        .map(h -> new Url("/apis/" + Links.path(h.entry().id()), h.record().modified())).toList()));
        sources.add(new Source(datasets.search(null, List.of(), 0, 1).total(), (offset, limit) ->
                datasets.search(null, List.of(), offset, limit).hits().stream()
                        .map(h -> new Url("/dataset/" + Links.path(h.dataset().name()), h.dataset().modified()))
                        .toList()));
        sources.add(new Source(publications.search(null, List.of(), 0, 1).total(), (offset, limit) ->
                publications.search(null, List.of(), offset, limit).hits().stream()
                        .map(h -> new Url("/documenten/" + Links.path(h.publication().id()),
                                h.publication().modified())).toList()));
        // The organisations that publish most (each kind's organisation facet): not every TOOI organisation.
        List<Url> publishers = new ArrayList<>();
        combined.run(new CombinedSearch.Request(null, null, null, 0, 1)).byOrganisation().keySet()
                .forEach(id -> organisations.byId(id).ifPresent(o ->
                        publishers.add(new Url(Urls.organisation(o.organisation()), null))));
        sources.add(new Source(publishers.size(), (offset, limit) ->
                publishers.subList(offset, Math.min(publishers.size(), offset + limit))));
        return sources;
    }

    /** {@code count} URLs from the {@code from}th on, over the sources one after the other. */
    private static List<Url> urls(List<Source> sources, long from, int count) {
        List<Url> urls = new ArrayList<>(count);
        long start = 0;
        for (Source source : sources) {
            long end = start + source.total();
            long wantedFrom = from + urls.size();
            if (urls.size() < count && wantedFrom < end) {
                int offset = (int) (wantedFrom - start);
                int limit = (int) Math.min(count - urls.size(), source.total() - offset);
                urls.addAll(source.slice().apply(offset, limit));
            }
            start = end;
        }
        return urls;
    }

    private void respond(Context ctx, List<Url> urls, boolean index) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("", index ? "sitemapindex" : "urlset", NS);
            xml.writeDefaultNamespace(NS);
            for (Url url : urls) {
                xml.writeCharacters("\n");
                xml.writeStartElement(NS, index ? "sitemap" : "url");
                xml.writeStartElement(NS, "loc");
                xml.writeCharacters(addresses.absolute(url.path()));
                xml.writeEndElement();
                if (url.modified() != null) {
                    xml.writeStartElement(NS, "lastmod");
                    xml.writeCharacters(url.modified().toString());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a sitemap", e);
        }
        ctx.contentType("application/xml; charset=utf-8").result(out.toString());
    }
}
