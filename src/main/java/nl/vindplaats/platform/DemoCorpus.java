package nl.vindplaats.platform;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.datasets.DatasetCorpus;
import nl.vindplaats.documents.DocumentCorpus;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.PublicationFile;
import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The generated part of {@code serve --demo}: {@code size} datasets and {@code size} documents, each document with a
 * PDF of Dutch text, spread over the TOOI organisations, themes and Woo categories as the benchmarks' corpora
 * spread them ({@link DatasetCorpus}, {@link DocumentCorpus}; the same seeds, so every instance gets the same
 * corpus). Written through the store's bulk path ({@link RecordStore#createAll}) in the background after the port is
 * open, so the portal answers at once and fills while one looks; a restart finds the corpus there and adds nothing.
 */
final class DemoCorpus {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCorpus.class);
    private static final int BATCH = 250;

    private final RecordStore store;
    private final BlobStore blobs;
    private final Organisations organisations;
    private final ValueLists lists;
    private final Supplier<String> baseUrl;
    private final Runnable filesArrived;
    private final int size;

    DemoCorpus(RecordStore store, BlobStore blobs, Organisations organisations, ValueLists lists,
               Supplier<String> baseUrl, Runnable filesArrived, int size) {
        this.store = store;
        this.blobs = blobs;
        this.organisations = organisations;
        this.lists = lists;
        this.baseUrl = baseUrl;
        this.filesArrived = filesArrived;
        this.size = size;
    }

    /** Loads what is not there yet; returns when done. */
    void load() {
        long started = System.nanoTime();
        DutchVocabulary words = DatasetCorpus.vocabulary();
        if (store.get("dataset", DatasetCorpus.id(size - 1)).isEmpty()) {
            new DatasetCorpus(size, lists, words).load(store, at -> { }, organisations, BATCH, done -> { });
            LOG.info("Demo corpus: {} datasets written in {} ms", size, (System.nanoTime() - started) / 1_000_000);
        }
        if (store.get(Documents.KIND, DocumentCorpus.uuid(size - 1)).isEmpty()) {
            long documentsStarted = System.nanoTime();
            loadDocuments(new DocumentCorpus(size, lists, DutchVocabulary.load()));
            LOG.info("Demo corpus: {} documents with a PDF each written in {} ms; their text is extracted next",
                    size, (System.nanoTime() - documentsStarted) / 1_000_000);
        }
    }

    private void loadDocuments(DocumentCorpus corpus) {
        MetadataValidator validator = new MetadataValidator(lists);
        DutchVocabulary words = DutchVocabulary.load();
        for (int start = 0; start < size; start += BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the service is stopping; the next start writes the corpus again (delivery ids are fixed)
            }
            int end = Math.min(size, start + BATCH);
            if (store.get(Documents.KIND, DocumentCorpus.uuid(end - 1)).isPresent()) {
                continue; // written before a restart (a batch is one transaction)
            }
            List<NewVersion> batch = new ArrayList<>();
            for (int i = start; i < end; i++) {
                StoredPublication document = corpus.publication(i, validator, baseUrl.get(), Instant.now());
                batch.add(Documents.firstVersion(DocumentCorpus.uuid(i), document.publisher(),
                        withPdf(document, i, words)));
            }
            store.createAll(batch);
            filesArrived.run();
        }
    }

    /** The document with its file: a PDF of its title, description and some pages of text, as a delivery adds it. */
    private StoredPublication withPdf(StoredPublication document, int i, DutchVocabulary words) {
        PublicationMetadata metadata = document.metadata();
        String title = metadata.titles().official() == null ? "" : metadata.titles().official();
        String description = metadata.descriptions().isEmpty() ? "" : metadata.descriptions().getFirst();
        SplittableRandom r = new SplittableRandom(DocumentCorpus.SEED * 7_919L + i);
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(description);
        int count = 3 + r.nextInt(8);
        for (int p = 0; p < count; p++) {
            paragraphs.add(words.text(r, 40 + r.nextInt(120)));
        }
        String publisher = metadata.publisher() == null || metadata.publisher().label() == null ? ""
                : metadata.publisher().label();
        byte[] pdf = DemoPdf.of(title, publisher, paragraphs, "vindplaats-demo-" + i);
        BlobStore.Blob blob;
        try {
            blob = blobs.put(new ByteArrayInputStream(pdf), pdf.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return document.withFile(new StoredPublication.StoredFile(blob.sha256(), blob.size(), PublicationFile.PDF,
                        document.version().at(), null))
                .withText(StoredPublication.ExtractedText.waiting(blob.sha256()));
    }
}
