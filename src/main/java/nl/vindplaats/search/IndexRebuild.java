package nl.vindplaats.search;

import nl.vindplaats.base.FileTree;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import org.apache.lucene.index.IndexWriterConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Builds the index anew from every current record in the store.
 *
 * <p>Contract: {@link #run} leaves the directory holding exactly one document per findable record, merged into one
 * segment, with the writer open and nothing committed; it returns the change-log position the records reflect
 * (the store's, read in the same snapshot as the records).
 */
final class IndexRebuild {
    private static final int BATCH = 200;

    private final Path directoryPath;
    private final RecordStore store;
    private final LuceneIndex lucene;
    private final ProjectedDocuments documents;
    /** Told how many records have been read so far (a command's progress). */
    private final LongConsumer recordsRead;

    IndexRebuild(Path directoryPath, RecordStore store, LuceneIndex lucene, ProjectedDocuments documents,
                 LongConsumer recordsRead) {
        this.directoryPath = directoryPath;
        this.store = store;
        this.lucene = lucene;
        this.documents = documents;
        this.recordsRead = recordsRead;
    }

    long run() throws IOException {
        FileTree.deleteContents(directoryPath);
        Files.createDirectories(directoryPath);
        lucene.openEmptyDirectory();
        lucene.openWriter(IndexWriterConfig.OpenMode.CREATE, 0);
        long seq = indexEveryRecord();
        // One segment: every query then sets up, and every sorted list reads, one segment instead of a
        // dozen. Later writes add small ones beside it.
        lucene.writer().forceMerge(1);
        return seq;
    }

    /**
     * Every current record, analysed on as many threads as there are cores: the store is read on this thread,
     * which indexes a batch itself whenever the others are all busy. Order does not matter here, since
     * each record appears once.
     */
    private long indexEveryRecord() throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads), r -> new Thread(r, "index-rebuild"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<StoredRecord> batch = new ArrayList<>(BATCH);
        long seq;
        try {
            seq = store.scanAll(record -> {
                batch.add(record);
                if (batch.size() == BATCH) {
                    indexLater(workers, List.copyOf(batch), failure);
                    recordsRead.accept(batch.size());
                    batch.clear();
                }
            });
            indexLater(workers, List.copyOf(batch), failure);
            recordsRead.accept(batch.size());
        } finally {
            workers.shutdown();
            try {
                workers.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while rebuilding the index", e);
            }
        }
        if (failure.get() != null) {
            throw new IOException("indexing a record failed", failure.get());
        }
        return seq;
    }

    private void indexLater(ThreadPoolExecutor workers, List<StoredRecord> records, AtomicReference<Exception> failure) {
        workers.execute(() -> {
            try {
                for (StoredRecord record : records) {
                    documents.add(lucene.writer(), record);
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }
}
