package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DiWoo sitemaps, from which the national Woo-index harvests publications: {@code robots.txt} points at
 * one sitemap index per Woo information category ({@code sitemapindex-diwoo-infocatNNN.xml}, the file name
 * the Woo-harvester requires), each index lists that category's sitemaps, and each sitemap lists at most
 * {@code pageSize} public documents with their {@code lastmod} and DiWoo metadata.
 *
 * <p>Always current: every request reads the search index (public documents of the category, in the
 * open data API's stable order: last modification, then id) and the store; nothing is cached or
 * pre-generated. The XML is streamed to the response in batches, never built whole in memory.
 */
public final class WooSitemaps {
    public static final String ROBOTS = "/robots.txt";
    public static final String INDEX = "/sitemapindex-diwoo-infocat{nnn}.xml";
    /** Base path of the sitemaps themselves (an API surface of its own, for its errors). */
    public static final String SITEMAPS = "/sitemaps";
    public static final String SITEMAP = "/sitemaps/diwoo-infocat{nnn}-{page}.xml";

    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/";
    private static final String DIWOO = "diwoo";
    /** Documents read from the store at a time while a sitemap is written. */
    private static final int BATCH = 500;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final Map<String, String> FILE_TYPES = Map.of(
            PlooiApi.PDF, "http://publications.europa.eu/resource/authority/file-type/PDF",
            PlooiApi.ZIP, "http://publications.europa.eu/resource/authority/file-type/ZIP");

    private final RecordStore store;
    private final SearchIndex index;
    private final ValueLists lists;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final String openDataSource;
    private final int pageSize;
    /** NNN → Woo category: 001 … 018 in the order of the law, as the Woo-index and OpenCatalogi number them. */
    private final Map<String, ValueItem> categories = new LinkedHashMap<>();

    public WooSitemaps(RecordStore store, SearchIndex index, ValueLists lists, Clock clock, Supplier<String> baseUrl,
                       String openDataSource, int pageSize) {
        if (pageSize < 1 || pageSize > 50_000) {
            throw new IllegalArgumentException("a sitemap holds 1 to 50,000 URLs, not " + pageSize);
        }
        this.store = store;
        this.index = index;
        this.lists = lists;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.openDataSource = openDataSource;
        this.pageSize = pageSize;
        List<ValueItem> ordered = lists.wooCategoriesInOrder();
        for (int i = 0; i < ordered.size(); i++) {
            categories.put(String.format("%03d", i + 1), ordered.get(i));
        }
    }

    public List<Operation> operations() {
        return List.of(
                Operation.read("sitemaps.robots", HandlerType.GET, ROBOTS, Permission.anyone(), this::robots),
                Operation.read("sitemaps.index", HandlerType.GET, INDEX, Permission.anyone(), this::sitemapIndex),
                Operation.read("sitemaps.sitemap", HandlerType.GET, SITEMAP, Permission.anyone(), this::sitemap));
    }

    /**
     * Every category's index, also those without public documents yet (an empty but valid index): the
     * Woo-harvester then learns of a category's first document without a change here, and of the
     * withdrawal of its last one by an empty index rather than by a file that disappeared.
     */
    private void robots(Context ctx) {
        StringBuilder text = new StringBuilder("User-agent: *\nDisallow:\n\n");
        categories.keySet().forEach(nnn -> text.append("Sitemap: ").append(indexUrl(nnn)).append('\n'));
        ctx.contentType("text/plain; charset=UTF-8").result(text.toString());
    }

    /** The sitemaps of one category; each {@code lastmod} is the last change of a document in it. */
    private void sitemapIndex(Context ctx) throws IOException {
        String nnn = ctx.pathParam("nnn");
        ValueItem category = category(nnn);
        Instant now = clock.instant();
        long total = count(category, now);
        long pages = (total + pageSize - 1) / pageSize;
        respondXml(ctx, xml -> {
            xml.writeStartElement("", "sitemapindex", SITEMAP_NS);
            xml.writeDefaultNamespace(SITEMAP_NS);
            for (long page = 1; page <= pages; page++) {
                xml.writeCharacters("\n");
                xml.writeStartElement("", "sitemap", SITEMAP_NS);
                text(xml, "loc", baseUrl.get() + sitemapPath(nnn, page));
                // Ordered by last change: a sitemap's last document is its most recently changed one.
                long last = Math.min(total, page * pageSize) - 1;
                Optional<StoredRecord> newest = documentAt(category, now, last);
                if (newest.isPresent()) {
                    text(xml, "lastmod", OpenDataDocument.millisUtc(newest.get().modified()));
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
        });
    }

    /** One sitemap: page {@code page} (from 1) of the category's public documents. */
    private void sitemap(Context ctx) throws IOException {
        String nnn = ctx.pathParam("nnn");
        ValueItem category = category(nnn);
        long page = pageNumber(ctx.pathParam("page"));
        Instant now = clock.instant();
        long total = count(category, now);
        long first = (page - 1) * pageSize;
        if (first >= total || first + pageSize > Integer.MAX_VALUE) {
            throw ApiError.notFound("Sitemap " + page + " of Woo category " + nnn + " does not exist; "
                    + indexUrl(nnn) + " lists the sitemaps there are.");
        }
        OpenDataDocument.Links links = new OpenDataDocument.Links(baseUrl.get(), openDataSource);
        respondXml(ctx, xml -> {
            xml.writeStartElement("", "urlset", SITEMAP_NS);
            xml.writeDefaultNamespace(SITEMAP_NS);
            xml.writeNamespace(DIWOO, DIWOO_NS);
            // One index read for the page (its ids only: one snapshot, so no document twice or skipped),
            // then the records from the store in batches as they are written.
            List<String> ids = index.search(inOrder(category, now).page((int) first, pageSize).build()).ids();
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                for (StoredRecord record : store.getAll(Documents.KIND, batch)) {
                    if (Documents.publiclyVisible(record, now)) { // it may have changed since the index read
                        xml.writeCharacters("\n");
                        url(xml, record, links);
                    }
                }
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
        });
    }

    // --- reading ---

    private ValueItem category(String nnn) {
        ValueItem category = categories.get(nnn);
        if (category == null) {
            throw ApiError.notFound("There is no Woo information category " + nnn + "; they are numbered 001 to "
                    + String.format("%03d", categories.size()) + ", as " + baseUrl.get() + ROBOTS + " lists them.");
        }
        return category;
    }

    private static long pageNumber(String raw) {
        if (raw.matches("[1-9][0-9]{0,8}")) {
            return Long.parseLong(raw);
        }
        throw ApiError.notFound("There is no sitemap '" + raw + "': sitemaps are numbered from 1.");
    }

    /** The category's public documents in a stable order: last change first to last, ties by id. */
    private SearchQuery.Builder inOrder(ValueItem category, Instant now) {
        return Documents.publicDocuments(now).filter("informatiecategorie", category.identifier())
                .sortBy(SearchQuery.SortKey.number("modified", false));
    }

    private long count(ValueItem category, Instant now) {
        return index.search(inOrder(category, now).page(0, 1).build()).total();
    }

    private Optional<StoredRecord> documentAt(ValueItem category, Instant now, long position) {
        if (position < 0 || position > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        List<String> ids = index.search(inOrder(category, now).page((int) position, 1).build()).ids();
        return ids.isEmpty() ? Optional.empty() : store.get(Documents.KIND, ids.getFirst());
    }

    private String indexUrl(String nnn) {
        return baseUrl.get() + INDEX.replace("{nnn}", nnn);
    }

    private static String sitemapPath(String nnn, long page) {
        return SITEMAP.replace("{nnn}", nnn).replace("{page}", Long.toString(page));
    }

    // --- writing ---

    /**
     * One document: {@code loc} is what the Woo-harvester fetches, so its file on the open data API (its
     * {@code fileurl}); a document whose file has not arrived yet has its record there (its {@code dataurl}).
     */
    private void url(XMLStreamWriter xml, StoredRecord record, OpenDataDocument.Links links)
            throws XMLStreamException {
        OpenDataDocument document = OpenDataDocument.of(record, links, lists);
        xml.writeStartElement("", "url", SITEMAP_NS);
        text(xml, "loc", document.files().isEmpty() ? document.dataurl() : document.files().getFirst().fileurl());
        text(xml, "lastmod", OpenDataDocument.millisUtc(record.modified()));
        xml.writeStartElement(DIWOO, "Document", DIWOO_NS);
        xml.writeStartElement(DIWOO, "DiWoo", DIWOO_NS);
        diWoo(xml, record);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /**
     * The DiWoo metadata, mapped from the stored PLOOI metadata (whose names DiWoo mostly shares). Coded
     * values are {@code <x resource="URI">label</x>}, labelled from our value lists. The element order
     * follows the public implementations that validate against the DiWoo XSD (GPP-Woo, open.minvws.nl).
     */
    private void diWoo(XMLStreamWriter xml, StoredRecord record) throws XMLStreamException {
        JsonNode doc = record.body().path("metadata").path("document");
        diwooText(xml, "creatiedatum", doc.path("creatiedatum").asText(""));
        diwooTexts(xml, "identifiers", "identifier", doc.path("identifiers"));
        organisation(xml, "publisher", doc.path("publisher"));
        organisation(xml, "verantwoordelijke", doc.path("verantwoordelijke"));
        organisation(xml, "opsteller", doc.path("opsteller"));
        diwooText(xml, "naamOpsteller", doc.path("naamOpsteller").asText(""));
        diwooTexts(xml, "omschrijvingen", "omschrijving", doc.path("omschrijvingen"));

        JsonNode titles = doc.path("titelcollectie");
        xml.writeStartElement(DIWOO, "titelcollectie", DIWOO_NS);
        diwooText(xml, "officieleTitel", titles.path("officieleTitel").asText(""));
        diwooTexts(xml, "verkorteTitels", "verkorteTitel", titles.path("verkorteTitels"));
        diwooTexts(xml, "alternatieveTitels", "alternatieveTitel", titles.path("alternatieveTitels"));
        xml.writeEndElement();

        JsonNode classification = doc.path("classificatiecollectie");
        xml.writeStartElement(DIWOO, "classificatiecollectie", DIWOO_NS);
        codedList(xml, "informatiecategorieen", "informatiecategorie", classification.path("informatiecategorieen"),
                ValueLists.INFORMATIECATEGORIEEN);
        codedList(xml, "documentsoorten", "documentsoort", classification.path("documentsoorten"),
                ValueLists.DOCUMENTSOORTEN);
        codedList(xml, "themas", "thema", classification.path("themas"), ValueLists.THEMAS);
        // PLOOI's free-text onderwerpen are DiWoo's trefwoorden
        diwooTexts(xml, "trefwoorden", "trefwoord", doc.path("onderwerpen"));
        xml.writeEndElement();

        coded(xml, "language", doc.path("language"), ValueLists.TALEN);
        coded(xml, "format", format(doc, record), ValueLists.BESTANDSTYPEN);
        diwooText(xml, "aggregatiekenmerk", doc.path("aggregatiekenmerk").asText(""));
        JsonNode validity = doc.path("geldigheid");
        if (validity.isObject() && (validity.has("begindatum") || validity.has("einddatum"))) {
            xml.writeStartElement(DIWOO, "geldigheid", DIWOO_NS);
            diwooText(xml, "begindatum", validity.path("begindatum").asText(""));
            diwooText(xml, "einddatum", validity.path("einddatum").asText(""));
            xml.writeEndElement();
        }

        xml.writeStartElement(DIWOO, "documenthandelingen", DIWOO_NS);
        for (JsonNode handeling : doc.path("documenthandelingen")) {
            xml.writeStartElement(DIWOO, "documenthandeling", DIWOO_NS);
            coded(xml, "soortHandeling", handeling.path("soortHandeling"), ValueLists.DOCUMENTHANDELINGEN);
            diwooText(xml, "atTime", handeling.path("atTime").asText(""));
            organisation(xml, "wasAssociatedWith", handeling.path("wasAssociatedWith"));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** The delivered format, else the one the received file's type gives (so the harvester need not guess). */
    private static JsonNode format(JsonNode doc, StoredRecord record) {
        if (doc.path("format").isObject()) {
            return doc.path("format");
        }
        String uri = FILE_TYPES.get(record.body().path("bestand").path("mimeType").asText(""));
        return uri == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : nl.vindplaats.platform.Json.object().put("id", uri);
    }

    private void organisation(XMLStreamWriter xml, String name, JsonNode coded) throws XMLStreamException {
        if (coded.path("id").asText("").isEmpty()) {
            return;
        }
        String label = OpenDataDocument.organisationLabel(lists, coded);
        resource(xml, name, coded.path("id").asText(), label);
    }

    private void coded(XMLStreamWriter xml, String name, JsonNode coded, String list) throws XMLStreamException {
        if (coded.path("id").asText("").isEmpty()) {
            return;
        }
        resource(xml, name, coded.path("id").asText(), OpenDataDocument.label(lists, list, coded));
    }

    private void codedList(XMLStreamWriter xml, String wrapper, String name, JsonNode values, String list)
            throws XMLStreamException {
        if (values.isEmpty()) {
            return;
        }
        xml.writeStartElement(DIWOO, wrapper, DIWOO_NS);
        for (JsonNode value : values) {
            coded(xml, name, value, list);
        }
        xml.writeEndElement();
    }

    private static void resource(XMLStreamWriter xml, String name, String uri, String label)
            throws XMLStreamException {
        xml.writeStartElement(DIWOO, name, DIWOO_NS);
        xml.writeAttribute("resource", uri);
        xml.writeCharacters(label);
        xml.writeEndElement();
    }

    private static void diwooText(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null || value.isBlank()) {
            return;
        }
        xml.writeStartElement(DIWOO, name, DIWOO_NS);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void diwooTexts(XMLStreamWriter xml, String wrapper, String name, JsonNode values)
            throws XMLStreamException {
        List<String> present = new java.util.ArrayList<>();
        values.forEach(v -> {
            if (!v.asText("").isBlank()) {
                present.add(v.asText());
            }
        });
        if (present.isEmpty()) {
            return;
        }
        xml.writeStartElement(DIWOO, wrapper, DIWOO_NS);
        for (String value : present) {
            diwooText(xml, name, value);
        }
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement("", name, SITEMAP_NS);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private interface XmlBody {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** Streams the document straight to the response: the size of a sitemap never sits in memory. */
    private static void respondXml(Context ctx, XmlBody body) throws IOException {
        var response = ctx.res();
        response.setContentType("application/xml; charset=UTF-8");
        OutputStream out = response.getOutputStream();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            body.write(xml);
            xml.writeEndDocument();
            xml.close(); // does not close the response stream
        } catch (XMLStreamException e) {
            throw new IOException("writing a sitemap failed", e);
        }
        out.flush();
    }
}
