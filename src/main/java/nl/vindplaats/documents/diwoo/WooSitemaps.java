package nl.vindplaats.documents.diwoo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.OpenDataDocument;
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
import java.io.ByteArrayOutputStream;
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
 * {@code pageSize} public documents that have a file: per document one {@code <url>} whose {@code loc}
 * is the file itself, with its {@code lastmod} and its DiWoo metadata ({@link DiwooMapping}), valid
 * against DiWoo 0.9.8.
 *
 * <p>Always current: every request reads the search index (public documents with a file of the
 * category, in the open data API's stable order: last modification, then id) and the store; nothing is
 * cached or pre-generated. The XML is streamed to the response entry by entry, never built whole in
 * memory, and a sitemap stays within the protocol's 50 MB: {@code pageSize} entries of at most
 * 50 MB / {@code pageSize} bytes each.
 */
public final class WooSitemaps {
    public static final String ROBOTS = "/robots.txt";
    public static final String INDEX = "/sitemapindex-diwoo-infocat{nnn}.xml";
    /** Base path of the sitemaps themselves (an API surface of its own, for its errors). */
    public static final String SITEMAPS = "/sitemaps";
    public static final String SITEMAP = "/sitemaps/diwoo-infocat{nnn}-{page}.xml";
    /**
     * Most documents per sitemap: 10,000 leaves each entry 5 KB of the protocol's 50 MB, several times a
     * typical entry (1 to 2 KB); the protocol's own limit of 50,000 would leave 1 KB, less than many.
     */
    public static final int MAX_PAGE_SIZE = 10_000;
    /** The sitemaps protocol's limit on an uncompressed sitemap (50 MB, read as 50 × 10^6 bytes). */
    static final long MAX_SITEMAP_BYTES = 50_000_000;

    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String DIWOO_NS = DiwooMapping.DIWOO_NS;
    private static final String DIWOO = DiwooMapping.DIWOO;
    private static final byte[] URLSET_START = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\""
            + SITEMAP_NS + "\" xmlns:" + DIWOO + "=\"" + DIWOO_NS + "\">").getBytes(StandardCharsets.UTF_8);
    private static final byte[] URLSET_END = "\n</urlset>".getBytes(StandardCharsets.UTF_8);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WooSitemaps.class);
    /** Documents read from the store at a time while a sitemap is written. */
    private static final int BATCH = 500;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final RecordStore store;
    private final SearchIndex index;
    private final ValueLists lists;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final String openDataSource;
    private final int pageSize;
    private final DiwooMapping mapping;
    /** The most bytes one {@code <url>} may take, so that {@code pageSize} of them fit in a sitemap. */
    private final long entryBudget;
    /** NNN → Woo category: 001 … 018 in the order of the law, as the Woo-index and OpenCatalogi number them. */
    private final Map<String, ValueItem> categories = new LinkedHashMap<>();
    /** Other sitemaps of this site robots.txt names first (the portal's pages). */
    private final List<String> otherSitemaps = new java.util.ArrayList<>();

    public WooSitemaps(RecordStore store, SearchIndex index, ValueLists lists, Clock clock, Supplier<String> baseUrl,
                       String openDataSource, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a DiWoo sitemap holds 1 to " + MAX_PAGE_SIZE + " URLs, not "
                    + pageSize);
        }
        this.store = store;
        this.index = index;
        this.lists = lists;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.openDataSource = openDataSource;
        this.pageSize = pageSize;
        this.mapping = new DiwooMapping(lists, DiwooLists.shared());
        this.entryBudget = (MAX_SITEMAP_BYTES - URLSET_START.length - URLSET_END.length) / pageSize;
        List<ValueItem> ordered = lists.wooCategoriesInOrder();
        for (int i = 0; i < ordered.size(); i++) {
            categories.put(String.format("%03d", i + 1), ordered.get(i));
        }
    }

    /** Names another sitemap of this site (a path) in robots.txt, before the DiWoo indexes. */
    public WooSitemaps alsoListing(String sitemapPath) {
        otherSitemaps.add(sitemapPath);
        return this;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.read("sitemaps.robots", HandlerType.GET, ROBOTS, Permission.anyone(), this::robots),
                Operation.read("sitemaps.index", HandlerType.GET, INDEX, Permission.anyone(), this::sitemapIndex),
                Operation.read("sitemaps.sitemap", HandlerType.GET, SITEMAP, Permission.anyone(), this::sitemap));
    }

    /**
     * The index of every category that has a listed document. Not the others: the sitemaps protocol's
     * schema requires at least one {@code <sitemap>} in an index (and one {@code <url>} in a sitemap),
     * so an empty category has no valid index. The Woo-harvester reads robots.txt on every visit, so it
     * finds a category's index once its first document is there, and no longer when its last one is gone.
     */
    private void robots(Context ctx) {
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder("User-agent: *\nDisallow:\n\n");
        otherSitemaps.forEach(path -> text.append("Sitemap: ").append(baseUrl.get()).append(path).append('\n'));
        categories.forEach((nnn, category) -> {
            if (count(category, now) > 0) {
                text.append("Sitemap: ").append(indexUrl(nnn)).append('\n');
            }
        });
        ctx.contentType("text/plain; charset=UTF-8").result(text.toString());
    }

    /** The sitemaps of one category; each {@code lastmod} is the last change of a document in it. */
    private void sitemapIndex(Context ctx) throws IOException {
        String nnn = ctx.pathParam("nnn");
        ValueItem category = category(nnn);
        Instant now = clock.instant();
        long total = count(category, now);
        if (total == 0) {
            throw ApiError.notFound("Woo information category " + nnn + " has no public documents with a file (yet), "
                    + "so it has no sitemap index; " + baseUrl.get() + ROBOTS + " lists the indexes there are.");
        }
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

    /** One sitemap: page {@code page} (from 1) of the category's public documents that have a file. */
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
        var response = ctx.res();
        response.setContentType("application/xml; charset=UTF-8");
        OutputStream out = response.getOutputStream();
        out.write(URLSET_START);
        // One index read for the page (its ids only: one snapshot, so no document twice or skipped),
        // then the records from the store in batches as they are written.
        List<String> ids = index.search(inOrder(category, now).page((int) first, pageSize).build()).ids();
        try {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                for (StoredRecord record : store.getAll(Documents.KIND, batch)) {
                    // it may have changed since the index read
                    StoredPublication stored = Documents.publiclyVisible(record, now) ? StoredPublication.of(record)
                            : null;
                    if (stored != null && stored.file() != null) {
                        Optional<byte[]> entry = entry(record, stored, links);
                        if (entry.isPresent()) {
                            out.write(entry.get());
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("writing a sitemap failed", e);
        }
        out.write(URLSET_END);
        out.flush();
    }

    // --- reading ---

    private ValueItem category(String nnn) {
        ValueItem category = categories.get(nnn);
        if (category == null) {
            throw ApiError.notFound("There is no Woo information category " + nnn + "; they are numbered 001 to "
                    + String.format("%03d", categories.size()) + "; " + baseUrl.get() + ROBOTS
                    + " lists those with documents.");
        }
        return category;
    }

    private static long pageNumber(String raw) {
        if (raw.matches("[1-9][0-9]{0,8}")) {
            return Long.parseLong(raw);
        }
        throw ApiError.notFound("There is no sitemap '" + raw + "': sitemaps are numbered from 1.");
    }

    /** The category's public documents with a file, in a stable order: last change first to last, ties by id. */
    private SearchQuery.Builder inOrder(ValueItem category, Instant now) {
        return Documents.publicDocuments(now).filter("informatiecategorie", category.identifier())
                .filter(Documents.FILE, Documents.FILE_PRESENT)
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
     * One document's {@code <url>}: {@code loc} is its file on the open data API (what the Woo-harvester
     * downloads and shows), {@code lastmod} its last change (metadata or file), then its DiWoo metadata.
     * Written on its own first, so its size is known: an entry larger than its share of the sitemap's
     * 50 MB is written compact; empty when the document cannot be listed.
     */
    private Optional<byte[]> entry(StoredRecord record, StoredPublication stored, OpenDataDocument.Links links)
            throws XMLStreamException {
        ObjectNode plooi = stored.plooiMetadata();
        Optional<String> unlistable = mapping.unlistable(plooi);
        OpenDataDocument document = OpenDataDocument.of(record, stored, links, lists);
        if (unlistable.isPresent() || document.files().isEmpty()) {
            LOG.warn("Document {} is left out of the DiWoo sitemaps: {}", record.id(),
                    unlistable.orElse("it has no file"));
            return Optional.empty();
        }
        String loc = document.files().getFirst().fileurl();
        for (DiwooMapping.Detail detail : DiwooMapping.Detail.values()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(buffer, StandardCharsets.UTF_8.name());
            xml.writeCharacters("\n");
            xml.writeStartElement("", "url", SITEMAP_NS);
            text(xml, "loc", loc);
            text(xml, "lastmod", OpenDataDocument.millisUtc(record.modified()));
            mapping.write(xml, stored, plooi, detail);
            xml.writeEndElement();
            xml.close();
            if (buffer.size() <= entryBudget) {
                if (detail == DiwooMapping.Detail.COMPACT) {
                    LOG.warn("Document {} is in the DiWoo sitemaps without its descriptions: its full entry exceeds"
                            + " {} bytes, its share of a sitemap's 50 MB", record.id(), entryBudget);
                }
                return Optional.of(buffer.toByteArray());
            }
        }
        LOG.warn("Document {} is left out of the DiWoo sitemaps: even its compact entry exceeds {} bytes",
                record.id(), entryBudget);
        return Optional.empty();
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
