package nl.vindplaats.documents;

import nl.vindplaats.search.IndexDocument;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.Condition;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Published documents (Woo) as records of kind {@code document}. The body ({@link StoredPublication}, which
 * reads and writes it) holds the delivered metadata in the model's terms, the current file, the publication status,
 * the visibility moment (embargo) and the current version's cause and reason; every write is a new store version,
 * so the store's history is the document's version history.
 */
public final class Documents {
    public static final String KIND = "document";
    /** The open data lists' order: most recently modified last (the index breaks ties by id). */
    /** The index field of the day a document was made public, as an epoch day. */
    static final String PUBLISHED_DAY = "openbaarmakingsdag";
    public static final SearchQuery.SortKey LIST_ORDER = SearchQuery.SortKey.number("modified", false);
    public static final String PUBLISHED = "gepubliceerd";
    public static final String WITHDRAWN = "ingetrokken";

    // Causes of versions, as PLOOI names them.
    public static final String DELIVERY = "aanlevering";
    public static final String CHANGE = "wijziging";
    public static final String WITHDRAWAL = "intrekking";
    public static final String REPUBLICATION = "herpublicatie";
    /** Index keyword: whether the document's file has arrived (the DiWoo sitemaps list only those that have one). */
    public static final String FILE = "bestand";
    public static final String FILE_PRESENT = "aanwezig";
    /** Index keyword: the harvest source a document came from (absent for delivered documents). */
    public static final String HARVEST_SOURCE = "oogstbron";
    /**
     * The path under which a document's pid lives ({@code PID_BASE + "/documenten/" + id} on this instance's base
     * URL): the PLOOI delivery API answers there, and delivered and harvested documents alike are stored with it.
     */
    public static final String PID_BASE = "/overheid/openbaarmaken/api/v0";

    private final RecordStore store;
    private final SearchIndex index;

    public Documents(RecordStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    public static IndexProjection projection() {
        return IndexProjection.of(KIND, record -> {
            StoredPublication stored = StoredPublication.of(record);
            PublicationMetadata m = stored.metadata();
            ListedDocument listed = ListedDocument.of(record, stored);
            StoredPublication.ExtractedText text = stored.text();
            IndexDocument.Builder doc = IndexDocument.builder(KIND, record.id())
                    .text("titel", m.titles().official() == null ? "" : m.titles().official())
                    .text("omschrijving", String.join("\n", m.descriptions()))
                    .text("onderwerpen", String.join("\n", m.subjects()))
                    .text("tekst", text == null || text.content() == null ? "" : text.content())
                    .keyword("publisher", stored.publisher())
                    // publisher and verantwoordelijke together: the open data API's organisationalunit filter
                    .keyword("organisatie", stored.publisher())
                    .keyword("organisatie", m.responsible() == null || m.responsible().uri() == null ? ""
                            : m.responsible().uri())
                    .keyword("status", stored.status() == null ? "" : stored.status())
                    .keyword("tekstStatus", text == null || text.status() == null ? "" : text.status())
                    .keyword(FILE, stored.file() != null ? FILE_PRESENT : null)
                    .keyword(HARVEST_SOURCE, stored.harvest() == null ? null : stored.harvest().sourceId())
                    .keywords("documentsoort", ids(m.documentTypes()))
                    .keywords("thema", ids(m.themes()))
                    .keywords("informatiecategorie", ids(m.informationCategories()))
                    .number("zichtbaarVanaf", visibleFrom(stored).toEpochMilli())
                    .number("modified", record.modified().toEpochMilli())
                    .number("created", record.created().toEpochMilli())
                    // the day it was made public (epoch day), for the portal's date range
                    .number(PUBLISHED_DAY, listed.published().toEpochDay())
                    .summary(listed.bytes());
            return Optional.of(doc.build());
        });
    }

    /** The moment from which the public may see this document (the embargo's end, else its creation). */
    static Instant visibleFrom(StoredPublication stored) {
        return stored.visibleFrom() == null ? Instant.EPOCH : stored.visibleFrom();
    }

    /** The moment from which the public may see the document of this record (see {@link #visibleFrom}). */
    static Instant visibleFrom(StoredRecord record) {
        return StoredPublication.visibleFrom(record.body());
    }

    public static boolean publiclyVisible(StoredRecord record, Instant now) {
        return PUBLISHED.equals(record.state()) && !visibleFrom(record).isAfter(now);
    }

    /**
     * The search for documents the public may see at {@code now}: published and past any embargo, the
     * index's form of {@link #publiclyVisible}. Every public list (open data API, sitemaps) starts here.
     */
    public static SearchQuery.Builder publicDocuments(Instant now) {
        // The embargo is a clause that excludes the documents still under one (few, mostly none: the index
        // skips it at once), not a range that admits every other document: such a range visits every
        // document's moment on each request, and no cache can keep it because "now" moves.
        return SearchQuery.of(KIND).filter("status", PUBLISHED)
                .extra(Condition.notInRange("zichtbaarVanaf", now.toEpochMilli() + 1, Long.MAX_VALUE));
    }

    public Optional<StoredRecord> get(String uuid) {
        return store.get(KIND, uuid);
    }

    /**
     * Stores version 1. Each of its identifiers is a unique key of the document within its publisher, so the
     * store itself refuses a second document carrying one of them, on any node.
     */
    public StoredRecord create(String uuid, String publisher, StoredPublication document) {
        return store.create(firstVersion(uuid, publisher, document));
    }

    /** Version 1 of a delivered document as the store keeps it (also used by the read benchmark's bulk loader). */
    public static NewVersion firstVersion(String uuid, String publisher, StoredPublication document) {
        return new NewVersion(KIND, uuid, null, publisher, document.status(), document.body(), DELIVERY,
                keys(publisher, document.identifiers()));
    }

    public StoredRecord update(StoredRecord current, StoredPublication document, String cause) {
        return store.update(new NewVersion(KIND, current.id(), null, current.organisation(), document.status(),
                document.body(), cause, keys(current.organisation(), document.identifiers())), current.version());
    }

    /** The key under which the store knows a publisher's identifier (the same text the V7 migration wrote). */
    private static List<String> keys(String publisher, List<String> identifiers) {
        return identifiers.stream().map(identifier -> publisher + "\n" + identifier).toList();
    }

    public List<Change> history(String uuid) {
        return store.history(KIND, uuid);
    }

    /** The document of this publisher that carries any of these identifiers, if there is one (read from the store). */
    public Optional<StoredRecord> byIdentifiers(String publisher, List<String> identifiers) {
        for (String key : keys(publisher, identifiers)) {
            Optional<StoredRecord> found = store.getByKey(KIND, key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public record Page(long total, List<StoredRecord> documents) {
    }

    /**
     * A publisher's documents, newest first (or best match first for {@code words}, searched in title,
     * description, subjects and the file's text); only publicly visible ones unless {@code everything}.
     */
    public Page ofPublisher(String publisher, String words, boolean everything, Instant now, int offset, int limit) {
        SearchQuery.Builder query = (everything ? SearchQuery.of(KIND) : publicDocuments(now))
                .filter("publisher", publisher)
                .text(words, Map.of("titel", 3f, "omschrijving", 2f, "onderwerpen", 2f, "tekst", 1f))
                .sortBy(words == null || words.isBlank() ? SearchQuery.SortKey.number("created", true)
                        : SearchQuery.SortKey.relevance())
                .page(offset, limit);
        SearchResult found = index.search(query.build());
        return new Page(found.total(), store.getAll(KIND, found.ids()));
    }

    private static List<String> ids(List<PublicationMetadata.Concept> concepts) {
        List<String> out = new ArrayList<>(concepts.size());
        concepts.forEach(c -> out.add(c.uri() == null ? "" : c.uri()));
        return out;
    }
}
