package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.http.ApiError;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Atom feeds (RFC 4287) for following what changes: of a search ({@code /zoeken.atom}, the search page's filters),
 * of an organisation ({@code /organisaties/{slug}.atom}) and of a dataset ({@code /dataset/{name}.atom}, its
 * versions from the change log). Every entry links to its page; ids are the pages' absolute addresses.
 */
final class Feeds {
    static final String ATOM = "application/atom+xml";
    static final String SEARCH = "/zoeken.atom";
    static final String ORGANISATION = "/organisaties/{slug}.atom";
    private static final String NS = "http://www.w3.org/2005/Atom";
    /** Entries in a feed, as CKAN's feeds give (ckan.feeds.limit). */
    static final int ENTRIES = 20;
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final CombinedSearch search;
    private final DatasetCatalogue datasets;
    private final Organisations organisations;
    private final PageAddresses addresses;
    private final Clock clock;

    Feeds(CombinedSearch search, DatasetCatalogue datasets, Organisations organisations, PageAddresses addresses,
          Clock clock) {
        this.search = search;
        this.datasets = datasets;
        this.organisations = organisations;
        this.addresses = addresses;
        this.clock = clock;
    }

    static String datasetFeedPath(String name) {
        return "/dataset/" + Links.path(name) + ".atom";
    }

    /** One entry: {@code id} and {@code link} are the page's absolute address unless {@code id} is given. */
    record Entry(String id, String title, String link, Instant updated, String summary, String category) {
    }

    record Feed(String id, String title, String self, String page, String author, List<Entry> entries) {
    }

    /** The newest matches of a search, with the search page's filters ({@link SearchFilters}). */
    void search(Context ctx) {
        SearchFilters filters = SearchFilters.read(ctx, organisations);
        String words = filters.words();
        Kind kind = filters.kind();
        Organisation organisation = filters.organisation();
        CombinedSearch.Outcome outcome = search.run(filters.request(0, ENTRIES));
        String query = PageAddresses.normalisedQuery(ctx.queryParamMap(), List.of("pagina"));
        StringBuilder title = new StringBuilder(words.isEmpty() ? Texts.t("feed.new") : Texts.t("feed.search", words));
        if (kind != null) {
            title.append(" – ").append(Texts.t("kind." + kind.code() + ".many"));
        }
        if (organisation != null) {
            title.append(" – ").append(organisation.name());
        }
        String self = addresses.absolute(SEARCH + query);
        write(ctx, new Feed(self, title + " (Vindplaats)", self, addresses.absolute("/zoeken" + query), "Vindplaats",
                entries(outcome.items())));
    }

    /** The newest APIs, datasets and documents of one organisation. */
    void organisation(Context ctx) {
        String slug = ctx.pathParam("slug");
        Organisation organisation = organisations.bySlug(slug).map(Organisations.Versioned::organisation)
                .orElseThrow(() -> PortalErrors.refuse(404, "error.organisation", slug));
        CombinedSearch.Outcome outcome = search.run(new CombinedSearch.Request(null, null, organisation.id(), 0,
                ENTRIES));
        String page = addresses.absolute(Urls.organisation(organisation));
        String self = page + ".atom";
        write(ctx, new Feed(self, organisation.name() + " (Vindplaats)", self, page, organisation.name(),
                entries(outcome.items())));
    }

    /** A dataset's versions, newest first: each change to it is one entry. */
    void dataset(Context ctx, String name) {
        List<DatasetCatalogue.Version> versions = datasets.versions(name);
        if (versions.isEmpty()) {
            throw PortalErrors.refuse(404, "error.dataset", name);
        }
        DatasetCatalogue.Version current = versions.getLast();
        String page = addresses.absolute("/dataset/" + Links.path(current.dataset().name()));
        List<Entry> entries = new ArrayList<>();
        for (DatasetCatalogue.Version v : versions.reversed()) {
            if (entries.size() == ENTRIES) {
                break;
            }
            String what = v.number() == 1 ? Texts.t("feed.published")
                    : Texts.t("feed.changed", String.valueOf(v.number()));
            entries.add(new Entry(page + "#versie-" + v.number(), what + ": " + v.dataset().title(), page, v.at(),
                    CombinedSearch.shorten(v.dataset().description()), null));
        }
        String author = current.dataset().organisationId() == null ? "Vindplaats"
                : organisations.byId(current.dataset().organisationId()).map(o -> o.organisation().name())
                .orElse("Vindplaats");
        String self = addresses.absolute(datasetFeedPath(current.dataset().name()));
        write(ctx, new Feed(self, Texts.t("feed.changes", current.dataset().title()) + " (Vindplaats)", self, page, author,
                entries));
    }

    private List<Entry> entries(List<ResultItem> items) {
        return items.stream().map(item -> new Entry(null, textOf(item.title()), addresses.absolute(item.url()),
                        dayOf(item.isoDate()), item.description() == null ? null : textOf(item.description()),
                        Texts.t("kind." + item.kind().code() + ".one")))
                .sorted(Comparator.comparing(Entry::updated, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    private static String textOf(Highlight title) {
        StringBuilder text = new StringBuilder();
        title.segments().forEach(s -> text.append(s.text()));
        return text.toString();
    }

    /** The result lists give a day; as a moment, its start in the Netherlands. */
    private static Instant dayOf(String isoDate) {
        if (isoDate == null || isoDate.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(isoDate).atStartOfDay(NETHERLANDS).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void write(Context ctx, Feed feed) {
        Instant updated = feed.entries().stream().map(Entry::updated).filter(u -> u != null)
                .max(Comparator.naturalOrder()).orElse(clock.instant());
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("", "feed", NS);
            xml.writeDefaultNamespace(NS);
            xml.writeAttribute("xml:lang", Texts.current().language());
            text(xml, "id", feed.id());
            text(xml, "title", feed.title());
            text(xml, "updated", updated.toString());
            link(xml, "self", ATOM, feed.self());
            link(xml, "alternate", "text/html", feed.page());
            xml.writeStartElement(NS, "author");
            text(xml, "name", feed.author());
            xml.writeEndElement();
            text(xml, "generator", "Vindplaats");
            for (Entry entry : feed.entries()) {
                xml.writeStartElement(NS, "entry");
                text(xml, "id", entry.id() != null ? entry.id() : entry.link());
                text(xml, "title", entry.title());
                text(xml, "updated", (entry.updated() != null ? entry.updated() : updated).toString());
                link(xml, "alternate", "text/html", entry.link());
                if (entry.summary() != null) {
                    text(xml, "summary", entry.summary());
                }
                if (entry.category() != null) {
                    xml.writeEmptyElement(NS, "category");
                    xml.writeAttribute("term", xmlText(entry.category()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing an Atom feed", e);
        }
        ctx.header("Cache-Control", "public, max-age=300");
        Texts.remember(ctx, true);
        ctx.contentType(ATOM + "; charset=utf-8").result(out.toString());
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(NS, name);
        xml.writeCharacters(xmlText(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement(NS, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    /** Without the characters XML 1.0 cannot carry (control characters), which a publisher's text may hold. */
    static String xmlText(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
