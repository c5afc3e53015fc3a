package nl.vindplaats.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.LimitTokenCountAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One index directory's Lucene objects: the directory, the writer, the searchable view (Lucene's
 * {@link SearcherManager}) and the commits, each holding the change-log position it reflects.
 *
 * <p>Contract: {@link #writer()} and {@link #searchers()} are replaced only by {@link #openWriter} and by
 * {@link #reopenAfterFailure}, which the caller runs under the lock that orders the writes ({@link ChangeFollower});
 * searches go on throughout, on the view they acquired ({@link #acquire}). Once a write, a commit or a reopen of
 * the view fails, the index is unhealthy ({@link #markBroken}) until {@link #reopenAfterFailure} succeeds.
 */
final class LuceneIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);
    static final String SEQ = "seq";
    /**
     * The layout of the documents in the index; an index written with another layout is rebuilt at
     * start (Lucene refuses to mix, e.g., text fields with and without offsets). Raise it whenever a field's
     * type changes or a projection adds, drops or fills a field differently.
     */
    static final String FORMAT_KEY = "format";
    static final String FORMAT = "12";

    private final Path path;
    private final Analyzer analyzer;
    /**
     * The order segments keep their documents in. A query sorted by it (or by its beginning) stops reading a
     * segment once its page is full, instead of ranking every match. An index kept in another order cannot be
     * opened with this one (Lucene refuses); it is rebuilt.
     */
    private final Sort indexOrder;

    private Directory directory;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    /**
     * The view searches acquire: the writer's ({@link #searchers}), except while a reopen after a failure catches up,
     * when it stays the view from before the failure (the new writer's starts at the last commit, without the changes
     * after it).
     */
    private volatile SearcherManager published;
    /** Keeps a commit's files while a snapshot copies them. */
    private SnapshotDeletionPolicy heldCommits;
    private volatile long committedSeq;
    private volatile boolean healthy = true;

    LuceneIndex(Path path, Analyzer analyzer, Sort indexOrder, int maxTokensPerField) {
        this.path = path;
        this.analyzer = new LimitTokenCountAnalyzer(analyzer, maxTokensPerField);
        this.indexOrder = indexOrder;
    }

    /** Opens the directory; false (and nothing left open) when it holds no index. */
    boolean openDirectory() throws IOException {
        directory = newDirectory();
        if (!DirectoryReader.indexExists(directory)) {
            directory.close();
            directory = null;
            return false;
        }
        return true;
    }

    /** Opens an empty directory, for a rebuild. */
    void openEmptyDirectory() throws IOException {
        directory = newDirectory();
    }

    /** The user data of the directory's last commit: its position ({@link #SEQ}) and layout ({@link #FORMAT_KEY}). */
    Map<String, String> lastCommitData() throws IOException {
        return SegmentInfos.readLatestCommit(directory).getUserData();
    }

    /** Small segments flushed for near-real-time search stay in memory until they are merged or committed. */
    private Directory newDirectory() throws IOException {
        return new NRTCachingDirectory(FSDirectory.open(path), 16.0, 64.0);
    }

    /** Opens the writer and its view on the open directory; {@code committedSeq}: the position of its last commit. */
    void openWriter(IndexWriterConfig.OpenMode mode, long committedSeq) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(mode).setIndexSort(indexOrder)
                .setMergePolicy(mergePolicy()).setUseCompoundFile(false)
                // A reopen does not wait for the segments it flushed to be merged (Lucene waits up to 500 ms by
                // default): every write waits for its reopen, and under a stream of writes that wait was most of
                // their time. The merge still happens, in the background.
                .setMaxFullFlushMergeWaitMillis(0);
        heldCommits = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
        config.setIndexDeletionPolicy(heldCommits);
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, new SearcherFactory());
        if (published == null) {
            published = searchers;
        }
        this.committedSeq = committedSeq;
    }

    /**
     * Every reopen under write load flushes a segment of a few dozen documents. With Lucene's default floor of
     * 16 MB every segment below it counts as equally large, so each merge of new segments also took along the
     * largest one below the floor: it was rewritten every few reopens until it grew past 16 MB. A small floor
     * merges small segments with their equals, so a document is rewritten a few times, not dozens. Compound
     * files would only copy each small segment once more. The tail of small segments this leaves is merged when
     * writes are quiet ({@link QuietTailMerge}).
     */
    private static MergePolicy mergePolicy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setFloorSegmentMB(0.5);
        policy.setNoCFSRatio(0.0);
        return QuietTailMerge.policy(policy);
    }

    IndexWriter writer() {
        return writer;
    }

    SearcherManager searchers() {
        return searchers;
    }

    boolean isHealthy() {
        IndexWriter current = writer;
        return healthy && current != null && current.isOpen();
    }

    /** Whether no write, commit or reopen has failed since the last (re)open; {@link #isHealthy} also asks the writer. */
    boolean notBroken() {
        return healthy;
    }

    boolean isOpen() {
        return writer != null;
    }

    /** A write, commit or reopen failed: the writer is not to be trusted until {@link #reopenAfterFailure}. */
    void markBroken() {
        healthy = false;
    }

    /** How the caller catches up between opening the writer again and reopening the view. */
    @FunctionalInterface
    interface CatchUp {
        void from(long committedSeq) throws IOException;
    }

    /**
     * After a failure that closed Lucene's writer for good (a full disk does), opens the index again from its last
     * commit, lets {@code catchUp} apply what came after it, and reopens the view. When any step fails, the broken
     * writer and the view opened before the failure stay (searches go on on it) and false is returned.
     */
    boolean reopenAfterFailure(CatchUp catchUp) {
        SearcherManager previousSearchers = searchers;
        IndexWriter brokenWriter = writer;
        Directory previousDirectory = directory;
        try {
            if (brokenWriter.isOpen()) {
                // What it holds beyond its last commit is applied again from the change log; this frees its lock.
                brokenWriter.rollback();
            }
            directory = newDirectory();
            long seq = Long.parseLong(lastCommitData().getOrDefault(SEQ, "0"));
            openWriter(IndexWriterConfig.OpenMode.APPEND, seq);
            catchUp.from(seq);
            searchers.maybeRefreshBlocking();
            published = searchers;
            healthy = true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Search index still unusable ({}); trying again in a second", e.toString());
            closeQuietly(searchers == previousSearchers ? null : searchers, writer == brokenWriter ? null : writer,
                    directory == previousDirectory ? null : directory);
            writer = brokenWriter;
            directory = previousDirectory;
            searchers = previousSearchers;
            published = previousSearchers;
            return false;
        }
        closeQuietly(previousSearchers, brokenWriter, previousDirectory);
        return true;
    }

    private static void closeQuietly(Closeable... closeables) {
        for (Closeable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing after a failure: {}", e.toString());
            }
        }
    }

    /**
     * Makes everything written so far durable, recording {@code appliedSeq} as the change-log position it reflects.
     * Runs beside writers: changes applied while it runs may be in the commit too, and are applied again
     * (idempotently, in order) after a restart.
     */
    synchronized void commit(long appliedSeq) throws IOException {
        if (appliedSeq == committedSeq && !writer.hasUncommittedChanges()) {
            return;
        }
        writer.setLiveCommitData(Map.of(SEQ, Long.toString(appliedSeq), FORMAT_KEY, FORMAT).entrySet());
        writer.commit();
        committedSeq = appliedSeq;
    }

    /** Gives {@code reader} the last commit, whose files are kept (while merges go on) until it returns. */
    <T> T withLastCommit(SearchIndex.CommitReader<T> reader) throws IOException {
        SnapshotDeletionPolicy policy = heldCommits;
        IndexWriter holder = writer;
        IndexCommit held = policy.snapshot();
        try {
            return reader.read(held);
        } finally {
            policy.release(held);
            if (holder.isOpen()) {
                holder.deleteUnusedFiles();
            }
        }
    }

    /** A searcher and the view it came from, where it must be given back. */
    record HeldSearcher(SearcherManager manager, IndexSearcher searcher) {
        void release() {
            try {
                manager.release(searcher);
            } catch (IOException | AlreadyClosedException e) {
                LOG.debug("releasing a searcher failed: {}", e.toString());
            }
        }
    }

    /**
     * A searcher of the current view. A reopen after a failure replaces the view, and closes the old one, while
     * searches go on: a search that read the old one just before it closed takes the new one.
     */
    HeldSearcher acquire() {
        for (int attempt = 0; ; attempt++) {
            SearcherManager manager = published;
            try {
                return new HeldSearcher(manager, manager.acquire());
            } catch (AlreadyClosedException e) {
                if (attempt >= 3 || published == manager) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    long documentCount() {
        HeldSearcher held = acquire();
        try {
            return held.searcher().getIndexReader().numDocs();
        } finally {
            held.release();
        }
    }

    @Override
    public void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the search index failed: {}", e.toString());
        } finally {
            searchers = null;
            published = null;
            writer = null;
            directory = null;
        }
    }
}
