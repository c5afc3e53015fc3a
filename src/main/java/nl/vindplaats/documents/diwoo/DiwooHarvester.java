package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.documents.PublicationDeliveries;
import nl.vindplaats.documents.PublicationFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Ids;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.harvest.HarvestHttp;
import nl.vindplaats.harvest.HarvestJob;
import nl.vindplaats.harvest.HarvestSource;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.store.VersionConflictException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@code diwoo} source type: DiWoo sitemaps as the Woo-index (KOOP) reads them — robots.txt's sitemap indexes
 * (or one index given as the source URL), each index's sitemaps, each {@code <url>}'s DiWoo metadata and the file at
 * its {@code loc} — into documents with their files, so text extraction, excerpts and versions work as for a PLOOI
 * delivery. The metadata is read back by {@link DiwooMetadataReader} and checked as a delivery is (less what DiWoo
 * leaves optional); the file is streamed into the blob store.
 *
 * <p>A document is known by its first DiWoo identifier, else its {@code loc}; its id here is derived from the source
 * and that identity. An entry whose {@code lastmod} and metadata are what was taken last time is unchanged and not
 * fetched; otherwise its file is asked conditionally (a 304 keeps the file) and a changed metadata or file is a new
 * version. A full run withdraws the documents of this source that no sitemap lists any more; their history stays.
 * Harvested documents carry their marks ({@link StoredPublication#harvest}) and refuse changes through the PLOOI API.
 *
 * <p>Over 400 lines because it holds the whole walk (indexes, sitemaps, entries), the decision per document (unchanged,
 * new version, file or metadata only) and the withdrawal together, as the other harvesters do; reading the XML and
 * mapping the metadata live in {@link DiwooSitemapReader} and {@link DiwooMetadataReader}.
 */
public final class DiwooHarvester implements Harvester {
    public static final String TYPE = "diwoo";
    /** How far back an incremental run still reads a sitemap whose lastmod lies before the last run (clock skew). */
    private static final Duration SKEW = Duration.ofHours(1);
    private static final Map<String, String> ACCEPT_XML = Map.of("Accept", "application/xml, text/xml;q=0.9");
    private static final Map<String, String> ACCEPT_FILE = Map.of("Accept", PublicationFile.PDF + ", " + PublicationFile.ZIP);

    private static final StoredPublication.HarvestMarks NO_MARKS = new StoredPublication.HarvestMarks(null, null,
            null, null, null, null, null, null);
    private final Documents documents;
    private final SearchIndex index;
    private final BlobStore blobs;
    private final Organisations organisations;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final long maxDocumentBytes;
    private final Runnable fileArrived;
    private final Supplier<MetadataValidator> validator;

    public DiwooHarvester(Documents documents, SearchIndex index, BlobStore blobs, Organisations organisations,
                          Clock clock, Supplier<String> baseUrl, long maxDocumentBytes, Runnable fileArrived,
                          Supplier<MetadataValidator> validator) {
        this.documents = documents;
        this.index = index;
        this.blobs = blobs;
        this.organisations = organisations;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.maxDocumentBytes = maxDocumentBytes;
        this.fileArrived = fileArrived;
        this.validator = validator;
    }

    /** Option: take each document's file too (default), or its metadata alone, linking to the file at the source. */
    static final String FILES = "files";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> optionProblems(ObjectNode options) {
        JsonNode files = options.path(FILES);
        return files.isMissingNode() || files.isBoolean() ? List.of()
                : List.of("options.files is true (take each document's file, the default) or false (metadata only).");
    }

    @Override
    public void harvest(HarvestJob job) throws HarvestJob.GatherError {
        HarvestSource source = job.source();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long listed = 0;
        for (String indexUrl : indexes(job, source)) {
            List<DiwooSitemapReader.SitemapRef> sitemaps;
            try {
                sitemaps = DiwooSitemapReader.sitemaps(xml(job, indexUrl));
            } catch (DiwooSitemapReader.Unreadable e) {
                throw new HarvestJob.GatherError("The sitemap index " + indexUrl + " cannot be read: " + e.getMessage());
            }
            for (DiwooSitemapReader.SitemapRef sitemap : sitemaps) {
                if (job.stopping()) {
                    return;
                }
                if (unchangedSinceLastRun(job, sitemap)) {
                    continue;
                }
                String sitemapUrl = resolve(indexUrl, sitemap.loc());
                List<DiwooSitemapReader.Entry> entries = new ArrayList<>();
                try {
                    DiwooSitemapReader.entries(xml(job, sitemapUrl), entries::add);
                } catch (DiwooSitemapReader.Unreadable e) {
                    throw new HarvestJob.GatherError("The sitemap " + sitemapUrl + " cannot be read: "
                            + e.getMessage());
                }
                listed += entries.size();
                job.total(listed);
                job.importEach(entries, entry -> importOne(job, source, entry, seen));
                if (job.stopping()) {
                    return;
                }
            }
        }
        if (job.full()) {
            withdrawUnseen(job, source, seen);
        }
    }

    /**
     * The sitemap indexes: the source URL itself when it names an XML file, else those robots.txt names at the root
     * of the source's host — the Woo-harvester's way ("goes to the root of its (sub)domain and reads robots.txt").
     */
    private static List<String> indexes(HarvestJob job, HarvestSource source) throws HarvestJob.GatherError {
        URI given = URI.create(source.url());
        if (given.getPath() != null && given.getPath().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
            return List.of(source.url());
        }
        URI robots = given.resolve("/robots.txt");
        String text = new String(fetch(job, robots.toString(), Map.of("Accept", "text/plain")),
                StandardCharsets.UTF_8);
        List<String> found = DiwooSitemapReader.diwooIndexes(text, robots);
        if (found.isEmpty()) {
            throw new HarvestJob.GatherError(robots + " names no DiWoo sitemap index (a 'Sitemap:' line whose file "
                    + "name starts with " + DiwooSitemapReader.INDEX_PREFIX + ").");
        }
        return found;
    }

    /**
     * An incremental run skips a sitemap whose {@code lastmod} lies before the last run without errors (less an hour
     * for clock skew, as the ckan type): nothing in it changed. A full run reads every sitemap, to see what is gone.
     */
    private static boolean unchangedSinceLastRun(HarvestJob job, DiwooSitemapReader.SitemapRef sitemap) {
        if (job.full() || job.lastSuccessfulStart() == null || sitemap.lastmod() == null) {
            return false;
        }
        return instant(sitemap.lastmod()).map(at -> at.isBefore(job.lastSuccessfulStart().minus(SKEW))).orElse(false);
    }

    private static byte[] xml(HarvestJob job, String url) throws HarvestJob.GatherError {
        return fetch(job, url, ACCEPT_XML);
    }

    private static byte[] fetch(HarvestJob job, String url, Map<String, String> headers)
            throws HarvestJob.GatherError {
        return job.listing(url, url, headers).bytes();
    }

    // --- one document ---

    /** What the harvest took of one entry: its metadata, identity, owner and checksum. */
    private record Taken(ObjectNode metadata, String guid, String id, String owner, String checksum) {
    }

    private void importOne(HarvestJob job, HarvestSource source, DiwooSitemapReader.Entry entry, Set<String> seen) {
        String loc = entry.loc();
        if (entry.document() == null) {
            job.failed(loc, "The entry has no DiWoo metadata (<diwoo:Document>).");
            return;
        }
        Taken taken;
        try {
            taken = take(job, source, entry);
        } catch (DiwooMetadataReader.Unmappable e) {
            job.failed(loc, e.getMessage());
            return;
        }
        if (taken == null) {
            return; // failed with its reason
        }
        if (!seen.add(taken.id())) {
            job.unchanged(taken.guid()); // listed twice (in two categories): one document, as for the Woo-index
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                write(job, source, entry, taken);
                return;
            } catch (VersionConflictException e) {
                if (attempt == 3) {
                    job.failed(taken.guid(), "Its identifiers belong to another document here, or it kept changing "
                            + "while it was written: " + e.getMessage());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                job.failed(taken.guid(), e.getClass().getSimpleName() + ": " + e.getMessage());
                return;
            }
        }
    }

    private Taken take(HarvestJob job, HarvestSource source, DiwooSitemapReader.Entry entry)
            throws DiwooMetadataReader.Unmappable {
        ObjectNode read = DiwooMetadataReader.read(entry.document(), entry.loc());
        MetadataValidator.Result result = validator.get().validateHarvested(read);
        if (!result.valid()) {
            job.failed(entry.loc(), "The DiWoo metadata does not make a valid document: "
                    + String.join("; ", result.errors().stream().map(MetadataValidator.Message::content).toList()));
            return null;
        }
        ObjectNode metadata = result.metadata();
        JsonNode doc = metadata.path("document");
        String guid = doc.path("identifiers").path(0).asText(entry.loc());
        String id = UUID.nameUUIDFromBytes((source.id() + "\n" + guid).getBytes(StandardCharsets.UTF_8)).toString();
        String publisher = doc.path("publisher").path("id").asText();
        String owner = job.organisation();
        if (source.trustedToNameOrganisation()) {
            owner = organisations.find(publisher).map(o -> o.organisation().id()).orElse(owner);
        }
        String checksum = Ids.sha256Hex(metadata + "\n" + entry.loc() + "\n" + owner);
        return new Taken(metadata, guid, id, owner, checksum);
    }

    private void write(HarvestJob job, HarvestSource source, DiwooSitemapReader.Entry entry, Taken taken)
            throws InterruptedException {
        Optional<StoredRecord> found = documents.get(taken.id());
        StoredPublication stored = found.map(StoredPublication::of).orElse(null);
        if (stored != null && (stored.harvest() == null || !source.id().equals(stored.harvest().sourceId()))) {
            job.failed(taken.guid(), "A document with this id exists here and is not harvested from this source.");
            return;
        }
        StoredRecord current = found.orElse(null);
        StoredPublication.HarvestMarks marks = stored == null ? NO_MARKS : stored.harvest();
        boolean published = current != null && Documents.PUBLISHED.equals(current.state());
        boolean takeFiles = source.options().path(FILES).asBoolean(true);
        boolean hasFile = stored != null && stored.file() != null;
        if (published && (hasFile || !takeFiles) && taken.checksum().equals(marks.checksum())
                && java.util.Objects.equals(entry.lastmod(), marks.lastmod())) {
            job.unchanged(taken.guid());
            return;
        }
        if (!takeFiles) {
            writeMetadataOnly(job, source, entry, taken, current, stored);
            return;
        }
        HarvestHttp.Validators previous = hasFile ? new HarvestHttp.Validators(marks.etag(), marks.lastModified())
                : null;
        FileReader reader = new FileReader();
        HarvestHttp.Download download = job.download(entry.loc(), ACCEPT_FILE, previous, reader);
        StoredPublication.StoredFile file;
        HarvestHttp.Validators validators;
        switch (download) {
            case HarvestHttp.Failed failed -> {
                job.failed(taken.guid(), "Its file " + entry.loc() + " could not be fetched: " + failed.reason());
                return;
            }
            case HarvestHttp.NotModified ignored -> {
                file = stored.file();
                validators = previous;
            }
            case HarvestHttp.Downloaded done -> {
                file = new StoredPublication.StoredFile(reader.blob.sha256(), reader.blob.size(), reader.mediaType,
                        clock.instant(), null);
                validators = done.validators();
            }
        }
        boolean fileChanged = !hasFile || !java.util.Objects.equals(file.sha256(), stored.file().sha256());
        boolean metadataChanged = current == null || !taken.checksum().equals(marks.checksum());
        StoredPublication.HarvestMarks newMarks = marks(source, entry, taken,
                validators == null ? null : validators.etag(), validators == null ? null : validators.lastModified());
        Instant now = clock.instant();
        String session = Ids.uuid();
        if (current == null) {
            StoredPublication document = withFile(PublicationDeliveries.delivered(taken.metadata(),
                    pidOf(taken.id()), now, null, session), file, fileChanged).withHarvest(newMarks);
            documents.create(taken.id(), taken.owner(), document);
            fileArrived.run();
            job.created(taken.guid());
            return;
        }
        if (published && !fileChanged && !metadataChanged) {
            // Only the lastmod moved (the source's own processing, say): nothing to take.
            job.unchanged(taken.guid());
            return;
        }
        long number = stored.versionNumber(1);
        // As PLOOI: a withdrawn document published again keeps its version number.
        String cause = published ? Documents.CHANGE : Documents.REPUBLICATION;
        StoredPublication next = withFile(nextVersion(stored, taken, now), file, fileChanged).withHarvest(newMarks)
                .withVersion(PublicationDeliveries.version(published ? number + 1 : number, cause, null, session,
                        now));
        documents.update(current, next, cause);
        if (fileChanged) {
            fileArrived.run();
        }
        job.updated(taken.guid());
    }

    /** Metadata only (option files: false): the document links to its file at the source and holds none here. */
    private void writeMetadataOnly(HarvestJob job, HarvestSource source, DiwooSitemapReader.Entry entry, Taken taken,
                                   StoredRecord current, StoredPublication stored) {
        Instant now = clock.instant();
        if (current == null) {
            StoredPublication document = PublicationDeliveries.delivered(taken.metadata(), pidOf(taken.id()), now,
                    null, Ids.uuid()).withHarvest(marks(source, entry, taken, null, null));
            documents.create(taken.id(), taken.owner(), document);
            job.created(taken.guid());
            return;
        }
        boolean published = Documents.PUBLISHED.equals(current.state());
        if (published && taken.checksum().equals(stored.harvest().checksum())) {
            job.unchanged(taken.guid());
            return;
        }
        String cause = published ? Documents.CHANGE : Documents.REPUBLICATION;
        long number = stored.versionNumber(1);
        StoredPublication next = nextVersion(stored, taken, now).withHarvest(marks(source, entry, taken, null, null))
                .withVersion(PublicationDeliveries.version(published ? number + 1 : number, cause, null, Ids.uuid(),
                        now));
        documents.update(current, next, cause);
        job.updated(taken.guid());
    }

    /** The next version: the current one with the metadata taken now, published. */
    private StoredPublication nextVersion(StoredPublication current, Taken taken, Instant now) {
        ObjectNode metadata = taken.metadata().deepCopy();
        ((ObjectNode) metadata.get("document")).put("pid", pidOf(taken.id()))
                .put("openbaarmakingsdatum", LocalDate.ofInstant(now, java.time.ZoneId.of("Europe/Amsterdam"))
                        .toString());
        return current.withPlooiMetadata(metadata).withStatus(Documents.PUBLISHED);
    }

    private static StoredPublication.HarvestMarks marks(HarvestSource source, DiwooSitemapReader.Entry entry,
                                                        Taken taken, String etag, String lastModified) {
        return new StoredPublication.HarvestMarks(source.id(), source.url(), taken.guid(), entry.loc(),
                taken.checksum(), entry.lastmod(), etag, lastModified);
    }

    private static StoredPublication withFile(StoredPublication document, StoredPublication.StoredFile file,
                                              boolean changed) {
        StoredPublication with = document.withFile(file);
        return changed ? with.withText(StoredPublication.ExtractedText.waiting(file.sha256())) : with;
    }

    /** Streams a file into the blob store; only a PDF or a ZIP (by its first bytes), as PLOOI accepts. */
    private final class FileReader implements HarvestHttp.BodyReader {
        BlobStore.Blob blob;
        String mediaType;

        @Override
        public void read(InputStream body, String declared) throws IOException {
            InputStream in = new BufferedInputStream(body, 64 * 1024);
            String actual = PublicationDeliveries.sniff(in);
            if (actual == null) {
                throw new IOException("the file is no PDF and no ZIP (by its first bytes; served as '" + declared
                        + "')");
            }
            try {
                blob = blobs.put(in, maxDocumentBytes);
            } catch (BlobStore.TooLargeException e) {
                throw new IOException("the file is larger than " + maxDocumentBytes + " bytes");
            }
            mediaType = actual;
        }
    }

    // --- withdrawal ---

    /** A full run: the documents of this source that no sitemap listed are withdrawn (their history stays). */
    private void withdrawUnseen(HarvestJob job, HarvestSource source, Set<String> seen) {
        SearchQuery.Builder query = SearchQuery.of(Documents.KIND).filter(Documents.HARVEST_SOURCE, source.id())
                .filter("status", Documents.PUBLISHED);
        long total = index.search(query.page(0, 0).build()).total();
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < total; from += 1000) {
            index.search(query.page(from, 1000).build()).ids().stream().filter(i -> !seen.contains(i))
                    .forEach(gone::add);
        }
        for (String id : gone) {
            Optional<StoredRecord> current = documents.get(id);
            if (current.isEmpty() || !Documents.PUBLISHED.equals(current.get().state())) {
                continue;
            }
            StoredPublication stored = StoredPublication.of(current.get());
            String guid = stored.harvest() == null || stored.harvest().guid() == null ? id : stored.harvest().guid();
            StoredPublication withdrawn = stored.withStatus(Documents.WITHDRAWN).withVersion(PublicationDeliveries
                    .version(stored.versionNumber(1), Documents.WITHDRAWAL, null, Ids.uuid(), clock.instant()));
            try {
                documents.update(current.get(), withdrawn, Documents.WITHDRAWAL);
                job.withdrawn(guid);
            } catch (RuntimeException e) {
                job.failed(guid, "could not withdraw: " + e.getMessage());
            }
        }
    }

    // --- helpers ---

    private String pidOf(String id) {
        return baseUrl.get() + Documents.PID_BASE + "/documenten/" + id;
    }

    private static String resolve(String base, String loc) {
        try {
            return URI.create(base).resolve(loc.strip()).toString();
        } catch (IllegalArgumentException e) {
            return loc;
        }
    }

    /** A sitemap lastmod: a W3C date-time, or a date alone (the start of that day, UTC). */
    private static Optional<Instant> instant(String lastmod) {
        try {
            return Optional.of(OffsetDateTime.parse(lastmod).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(lastmod).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
