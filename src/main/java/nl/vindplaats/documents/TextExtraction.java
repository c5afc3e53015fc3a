package nl.vindplaats.documents;

import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.store.VersionConflictException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Extracts the text of delivered files in the background, one file at a time, and stores it on the
 * document so that it becomes searchable. The queue is the documents themselves: a file's arrival
 * sets {@code tekst.status} to {@code wachtend}, and the worker asks the index for such documents —
 * at start too, so work survives a restart. Every file ends as {@code klaar} or {@code geen tekst}
 * with the reason (encrypted, broken, zip bomb, too slow); no file can stop the queue.
 */
public final class TextExtraction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TextExtraction.class);

    public static final String WAITING = "wachtend";
    public static final String DONE = "klaar";
    public static final String NO_TEXT = "geen tekst";
    public static final String CAUSE = "tekstextractie";

    /** Bounds per file, so that one hostile or huge file cannot exhaust memory, disk or time. */
    public record Limits(Duration timePerFile, int maxCharacters, long maxUnzippedBytes, int maxZipEntries,
                         int maxCompressionRatio) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(120), 2_000_000, 1L << 30, 10_000, 100);
    }

    /**
     * What extraction gave: text, or none with the reason. {@code pages} is the file's page count
     * whenever the PDF could be opened (also when its text was cut short or may not be taken), for a zip
     * the sum over its PDFs; 0 when unknown.
     */
    record Outcome(String status, String text, int pages, String reason) {
        static Outcome none(String reason) {
            return new Outcome(NO_TEXT, "", 0, reason);
        }
    }

    private final Documents documents;
    private final SearchIndex index;
    private final BlobStore blobs;
    private final Clock clock;
    private final Path work;
    private final Limits limits;
    private final Semaphore wake = new Semaphore(0);
    private final Thread worker;
    private volatile boolean running = true;

    public TextExtraction(Documents documents, SearchIndex index, BlobStore blobs, Clock clock, Path workDir,
                          Limits limits) throws IOException {
        this.documents = documents;
        this.index = index;
        this.blobs = blobs;
        this.clock = clock;
        this.work = Files.createDirectories(workDir);
        this.limits = limits;
        this.worker = new Thread(this::run, "text-extraction");
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    /** Tells the worker that a file is waiting. */
    public void wake() {
        wake.release();
    }

    @Override
    public void close() {
        running = false;
        wake.release();
        if (worker.getState() == Thread.State.NEW) {
            return; // never started (start-up failed before it)
        }
        try {
            worker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                List<String> waiting = index.search(SearchQuery.of(Documents.KIND).filter("tekstStatus", WAITING)
                        .sortBy(SearchQuery.SortKey.number("modified", false)).page(0, 20).build()).ids();
                for (String id : waiting) {
                    if (!running) {
                        return;
                    }
                    process(id);
                }
                if (waiting.isEmpty()) {
                    // Also looks again now and then, for files another node received.
                    wake.tryAcquire(5, TimeUnit.SECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Text extraction round failed; trying again shortly", e);
                sleepQuietly();
            }
        }
    }

    private void process(String id) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredRecord> found = documents.get(id);
            StoredPublication stored = found.map(StoredPublication::of).orElse(null);
            if (stored == null || stored.text() == null || !WAITING.equals(stored.text().status())) {
                return;
            }
            StoredRecord record = found.get();
            String sha = stored.file() == null || stored.file().sha256() == null ? "" : stored.file().sha256();
            Outcome outcome = extract(sha, stored.file() == null || stored.file().mediaType() == null ? ""
                    : stored.file().mediaType());
            StoredPublication extracted = stored.withText(new StoredPublication.ExtractedText(outcome.status(), sha,
                    outcome.pages(), outcome.text().length(), clock.instant(), outcome.reason(), outcome.text()));
            try {
                // Only if the document is still the one just read: a replaced file is waiting again.
                documents.update(record, extracted, CAUSE);
                return;
            } catch (VersionConflictException e) {
                // the document changed meanwhile; read it again
            }
        }
    }

    /** The text of a stored file; never throws for a bad file. */
    Outcome extract(String sha256, String mimeType) {
        try {
            long deadline = System.nanoTime() + limits.timePerFile().toNanos();
            return blobs.withFile(sha256, file -> PublicationFile.ZIP.equals(mimeType) ? fromZip(file, deadline)
                            : fromPdf(file, deadline))
                    .orElseGet(() -> Outcome.none("het bestand is niet (meer) aanwezig"));
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return Outcome.none("fout bij het lezen: " + e);
        }
    }

    private Outcome fromPdf(Path file, long deadline) {
        try (PDDocument pdf = Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache())) {
            int pages = pdf.getNumberOfPages();
            if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
                return new Outcome(NO_TEXT, "", pages, "versleuteld: tekst overnemen is niet toegestaan");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= pages; page++) {
                if (System.nanoTime() > deadline) {
                    return new Outcome(NO_TEXT, text.toString(), pages, "te traag: gestopt na pagina " + (page - 1));
                }
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                text.append(stripper.getText(pdf));
                if (text.length() > limits.maxCharacters()) {
                    text.setLength(limits.maxCharacters());
                    return new Outcome(DONE, text.toString(), pages, "ingekort tot " + limits.maxCharacters()
                            + " tekens (na pagina " + page + ")");
                }
            }
            return new Outcome(DONE, text.toString().strip(), pages, null);
        } catch (InvalidPasswordException e) {
            return Outcome.none("versleuteld: het bestand vraagt een wachtwoord");
        } catch (IOException e) {
            return Outcome.none("onleesbare PDF: " + e.getMessage());
        }
    }

    /** Every PDF inside the zip, each unpacked to a temporary file within the limits against zip bombs. */
    private Outcome fromZip(Path file, long deadline) throws IOException {
        StringBuilder text = new StringBuilder();
        int pages = 0;
        int pdfs = 0;
        int entries = 0;
        long unzipped = 0;
        List<String> problems = new java.util.ArrayList<>();
        CountingInputStream packed = new CountingInputStream(Files.newInputStream(file));
        try (ZipInputStream zip = new ZipInputStream(packed)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (++entries > limits.maxZipEntries()) {
                    return Outcome.none("zip met meer dan " + limits.maxZipEntries() + " bestanden");
                }
                if (entry.isDirectory() || !entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
                    continue;
                }
                Path part = Files.createTempFile(work, "zip", ".pdf");
                try {
                    // An entry may unpack to at most ratio × its packed size (when the zip states it), and all
                    // entries together to the overall limit: this stops zip bombs while unpacking.
                    long allowed = limits.maxUnzippedBytes() - unzipped;
                    long written = copyBounded(zip, part, allowed, packed, limits.maxCompressionRatio());
                    if (written == TOO_MUCH) {
                        return Outcome.none(entry.getName() + " pakt uit tot meer dan " + allowed
                                + " bytes (mogelijk een zip-bom)");
                    }
                    if (written == TOO_COMPRESSED) {
                        return Outcome.none(entry.getName() + " is meer dan " + limits.maxCompressionRatio()
                                + " keer samengeperst (mogelijk een zip-bom)");
                    }
                    unzipped += written;
                    Outcome one = fromPdf(part, deadline);
                    pdfs++;
                    pages += one.pages();
                    if (one.status().equals(DONE)) {
                        text.append(one.text()).append("\n\n");
                    } else {
                        problems.add(entry.getName() + ": " + one.reason());
                    }
                } finally {
                    Files.deleteIfExists(part);
                }
                if (text.length() > limits.maxCharacters()) {
                    text.setLength(limits.maxCharacters());
                    break;
                }
            }
        } catch (java.util.zip.ZipException e) {
            return Outcome.none("onleesbare zip: " + e.getMessage());
        }
        if (pdfs == 0) {
            return Outcome.none("geen PDF in de zip");
        }
        if (text.isEmpty()) {
            return new Outcome(NO_TEXT, "", pages, String.join("; ", problems));
        }
        return new Outcome(DONE, text.toString().strip(), pages, problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static final long TOO_MUCH = -1;
    private static final long TOO_COMPRESSED = -2;
    private static final long RATIO_CHECK_FROM = 10L * 1024 * 1024;

    /**
     * Unpacks one entry, stopping at {@code limit} bytes or as soon as (past 10 MB) it has unpacked
     * more than {@code ratio} times the packed bytes read for it — what zip bombs do.
     */
    private static long copyBounded(InputStream in, Path target, long limit, CountingInputStream packed, int ratio)
            throws IOException {
        long packedAtStart = packed.count;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > limit) {
                    return TOO_MUCH;
                }
                if (total > RATIO_CHECK_FROM && total > ratio * Math.max(1, packed.count - packedAtStart)) {
                    return TOO_COMPRESSED;
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** Counts the packed bytes the zip reader has consumed. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
