package nl.vindplaats.search;

import nl.vindplaats.store.Change;
import nl.vindplaats.store.ChangeNotifications;
import nl.vindplaats.store.RecordStore;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The Lucene index: a projection of the change log that answers every list, filter, facet and
 * full-text query. It can always be thrown away and rebuilt from the store.
 *
 * <p>Contract: the one public face of {@code search/}, and the lifecycle that ties its parts together: it opens
 * the index (or takes it from a snapshot, or rebuilds it), follows the change log ({@link ChangeFollower}), makes
 * changes searchable ({@link VisibleChanges}), commits and reopens after a failure in the background, and
 * searches ({@link SearchPass}) on the view of {@link LuceneIndex}. A write returns from the store only once
 * {@link #awaitVisible} says its change is searchable on this node.
 */
public final class SearchIndex implements RecordStore.ChangeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    static final String SEQ = LuceneIndex.SEQ;
    static final String FORMAT_KEY = LuceneIndex.FORMAT_KEY;
    static final String FORMAT = LuceneIndex.FORMAT;
    /**
     * Words of one text field that are indexed (as Solr's maxFieldLength did); the rest is stored, not findable.
     * Keeps the cost of indexing a record bounded: a 10 MB dataset is otherwise most of its write's time in analysis.
     */
    public static final int MAX_TOKENS_PER_FIELD = 100_000;
    /** How long no change is applied before the small segments are merged ({@link QuietTailMerge}). */
    private static final long QUIET_TICK_SECONDS = 10;

    private final Path directoryPath;
    private final RecordStore store;
    private final DutchText analyzer = new DutchText();
    private final ProjectedDocuments documents;
    private final LuceneIndex lucene;
    private final ChangeFollower follower;
    private final VisibleChanges visible;
    private final SearchPass searching;
    private final ScheduledExecutorService background;
    private final QuietTailMerge quietTail;
    /** Another node's commit: a catch-up is queued, and later notifications wait for it rather than queue more. */
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private volatile ChangeNotifications changesElsewhere;
    private volatile boolean closing;
    /** Where a missing index is copied from before it is rebuilt; null: always rebuilt. */
    private final IndexSnapshots snapshots;
    /** How this index came to be at start: opened, taken from a snapshot, or rebuilt (for health and the log). */
    private volatile String origin = "opened";

    private SearchIndex(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                        List<SearchQuery.SortKey> indexOrder, IndexSnapshots snapshots) {
        this.directoryPath = directoryPath;
        this.snapshots = snapshots;
        this.store = store;
        if (indexOrder.isEmpty() || indexOrder.stream().anyMatch(k -> k.type() == SearchQuery.SortKey.Type.RELEVANCE)) {
            throw new IllegalArgumentException("an index order names at least one field, and not relevance");
        }
        Sort order = LuceneQueries.sort(indexOrder);
        // Whether the index order is made of numbers only (then the id): its pages are merged without Lucene's sort.
        boolean numericIndexOrder = indexOrder.stream().allMatch(k -> k.type() == SearchQuery.SortKey.Type.NUMBER);
        this.searching = new SearchPass(order, numericIndexOrder, new FacetCounter(), new LuceneQueries(analyzer),
                new Highlights(analyzer));
        this.documents = new ProjectedDocuments(projections);
        this.lucene = new LuceneIndex(directoryPath, analyzer, order, MAX_TOKENS_PER_FIELD);
        this.visible = new VisibleChanges(lucene, this::appliedSeq);
        this.follower = new ChangeFollower(store, lucene, documents, visible::wake);
        this.quietTail = new QuietTailMerge(lucene, this::appliedSeq);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "index-background");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the index, rebuilding it when it is missing, unreadable or ahead of the store, then
     * catches up with the change log. Commits and tails the log in the background at the intervals given.
     */
    public static SearchIndex open(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                                   List<SearchQuery.SortKey> indexOrder, Duration commitInterval, Duration pollInterval) {
        return open(directoryPath, store, projections, indexOrder, commitInterval, pollInterval, null);
    }

    /** As above; a missing index is first looked for among the {@code snapshots} (null: none) before a rebuild. */
    public static SearchIndex open(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                                   List<SearchQuery.SortKey> indexOrder, Duration commitInterval, Duration pollInterval,
                                   IndexSnapshots snapshots) {
        SearchIndex index = new SearchIndex(directoryPath, store, projections, indexOrder, snapshots);
        index.openOrRebuild();
        index.visible.start();
        index.follower.start();
        index.catchUp();
        long commitMillis = commitInterval.toMillis();
        index.background.scheduleWithFixedDelay(index::commitQuietly, commitMillis, commitMillis, TimeUnit.MILLISECONDS);
        long pollMillis = pollInterval.toMillis();
        index.background.scheduleWithFixedDelay(index::catchUpQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        index.background.scheduleWithFixedDelay(index::reopenIfFailed, 1, 1, TimeUnit.SECONDS);
        index.background.scheduleWithFixedDelay(index.quietTail::tick, QUIET_TICK_SECONDS, QUIET_TICK_SECONDS,
                TimeUnit.SECONDS);
        index.changesElsewhere = store.onChangesElsewhere(index::catchUpSoon);
        return index;
    }

    /** Throws the index away and builds it again from every record in the store. */
    public static long rebuild(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                               List<SearchQuery.SortKey> indexOrder) {
        return rebuild(directoryPath, store, projections, indexOrder, records -> { });
    }

    /** As {@link #rebuild(Path, RecordStore, List, List)}, telling {@code recordsRead} of each batch read. */
    public static long rebuild(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                               List<SearchQuery.SortKey> indexOrder, LongConsumer recordsRead) {
        SearchIndex index = new SearchIndex(directoryPath, store, projections, indexOrder, null);
        try {
            index.rebuildFromStore(recordsRead);
            return index.documentCount();
        } finally {
            index.close();
        }
    }

    private void openOrRebuild() {
        try {
            Files.createDirectories(directoryPath);
            Optional<Long> restored = Optional.empty();
            if (!lucene.openDirectory()) {
                LOG.info("No search index at {}", directoryPath);
                restored = snapshots == null ? Optional.empty() : snapshots.restore(directoryPath, FORMAT);
                if (restored.isEmpty()) {
                    LOG.info("Building the search index at {} from the store", directoryPath);
                    rebuildFromStore(records -> { });
                    return;
                }
                if (!lucene.openDirectory()) {
                    throw new IOException("the snapshot left no index");
                }
            }
            Map<String, String> userData = lucene.lastCommitData();
            if (!FORMAT.equals(userData.get(FORMAT_KEY))) {
                throw new IOException("the index has format " + userData.getOrDefault(FORMAT_KEY, "1") + ", not " + FORMAT);
            }
            long seq = Long.parseLong(userData.getOrDefault(SEQ, "-1"));
            if (seq < 0 || seq > store.lastSeq()) {
                throw new IOException("index position " + seq + " does not match the store");
            }
            lucene.openWriter(IndexWriterConfig.OpenMode.APPEND, seq);
            follower.startAt(seq);
            visible.visibleUpTo(seq);
            origin = restored.isPresent() ? "snapshot seq " + seq : "opened";
            LOG.info("Search index opened at change {}{}", seq, restored.isPresent() ? " from a snapshot" : "");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Search index at {} is unusable ({}); rebuilding it from the store", directoryPath, e.toString());
            lucene.close();
            rebuildFromStore(records -> { });
        }
    }

    private void rebuildFromStore(LongConsumer recordsRead) {
        long started = System.nanoTime();
        try {
            long seq = new IndexRebuild(directoryPath, store, lucene, documents, recordsRead).run();
            follower.startAt(seq);
            commit();
            lucene.searchers().maybeRefreshBlocking();
            visible.visibleUpTo(seq);
            origin = "rebuilt";
            LOG.info("Search index rebuilt: {} documents at change {} in {} ms", documentCount(), seq,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("rebuilding the search index", e);
        }
    }

    /**
     * After a failure that closed Lucene's writer for good (a full disk does), opens the index again from its last
     * commit and catches up from the change log, so that writes become searchable again once the cause is gone,
     * without a restart. Searches go on meanwhile on the searcher opened before the failure; when the cause is still
     * there, the next attempt follows a second later.
     */
    private void reopenIfFailed() {
        if (closing || isHealthy() || !lucene.isOpen()) {
            return;
        }
        boolean reopened = follower.reopenAfterFailure(seq -> {
            visible.visibleUpTo(seq);
            LOG.info("Search index reopened after a failure, caught up to change {}", seq);
        });
        if (reopened) {
            visible.wake();
        }
    }

    /**
     * Queues the change for the applier thread. The store's committer calls this for every change and cannot
     * commit its next batch until it returns, so the analysis and indexing of a batch no longer hold up the
     * next one: they run beside it. A writer still waits until its change is searchable.
     */
    @Override
    public void committed(Change change) {
        follower.committed(change);
    }

    /** Waits until this change is searchable on this node (see {@link VisibleChanges#awaitVisible}). */
    @Override
    public void awaitVisible(long seq) {
        visible.awaitVisible(seq);
    }

    /**
     * How many changes to records of this kind the index has taken from the change log since it opened, counted
     * before it applies each: a cache of records of a kind is current while this number stays the same. A write
     * returns only after its change is applied, so a read that follows it sees the number move.
     */
    public long changesOf(String kind) {
        return follower.changesOf(kind);
    }

    /** Applies every change in the log that this index has not seen yet (other nodes' writes, or after a crash). */
    public void catchUp() {
        try {
            follower.catchUp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitVisible(follower.appliedSeq());
    }

    /** Queues a catch-up with the change log, unless one is queued already. */
    private void catchUpSoon() {
        if (!closing && catchUpQueued.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    catchUpQueued.set(false);
                    catchUpQuietly();
                });
            } catch (RejectedExecutionException stopping) {
                catchUpQueued.set(false);
            }
        }
    }

    private void catchUpQuietly() {
        if (!isHealthy()) {
            return; // reopenIfFailed() catches up once the index is open again
        }
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.warn("Catching up with the change log failed: {}", e.toString());
        }
    }

    /** The view is closed (the index is closing, or was replaced after a failure) while a search reads it. */
    public static final class Unavailable extends IllegalStateException {
        Unavailable(Throwable cause) {
            super("the search index is not available", cause);
        }
    }

    /** Runs the query on the current view; throws {@link Unavailable} when that view is closed meanwhile. */
    public SearchResult search(SearchQuery query) {
        LuceneIndex.HeldSearcher held;
        try {
            held = lucene.acquire();
        } catch (AlreadyClosedException e) {
            throw new Unavailable(e);
        }
        try {
            return searching.search(held.searcher(), query);
        } catch (AlreadyClosedException e) {
            throw new Unavailable(e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw QueryLimits.DEFAULT.tooManyTerms(); // Lucene counts the clauses of a rewritten query once more
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.release();
        }
    }

    public long documentCount() {
        return lucene.documentCount();
    }

    /** The background's quiet-time merge, for tests that tick it themselves. */
    QuietTailMerge quietTail() {
        return quietTail;
    }

    /** How many segments the current view reads. */
    int segmentCount() {
        LuceneIndex.HeldSearcher held = lucene.acquire();
        try {
            return held.searcher().getIndexReader().leaves().size();
        } finally {
            held.release();
        }
    }

    /** What reads a commit's files (a snapshot). */
    @FunctionalInterface
    public interface CommitReader<T> {
        T read(IndexCommit commit) throws IOException;
    }

    /** Commits, then gives {@code reader} that commit, whose files are kept (while merges go on) until it returns. */
    public <T> T withLastCommit(CommitReader<T> reader) throws IOException {
        commit();
        return lucene.withLastCommit(reader);
    }

    /** How the index came to be at start: "opened", "rebuilt" or "snapshot seq N". */
    public String origin() {
        return origin;
    }

    public long appliedSeq() {
        return follower.appliedSeq();
    }

    public boolean isHealthy() {
        return lucene.isHealthy();
    }

    /**
     * Makes everything applied so far durable, recording the change-log position it reflects. Runs
     * beside writers: changes applied while it runs may be in the commit too, and are applied again
     * (idempotently, in order) after a restart.
     */
    public void commit() throws IOException {
        lucene.commit(follower.appliedSeq());
    }

    private void commitQuietly() {
        if (!isHealthy()) {
            return; // reopenIfFailed() starts again from the last commit
        }
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            // A commit that failed half-way (a full disk) may leave files half-written beside the cached ones; the
            // writer is not to be trusted after it. reopenIfFailed() starts again from the last good commit.
            lucene.markBroken();
            LOG.warn("Committing the search index failed ({}); it is reopened from its last commit", e.toString());
        }
    }

    @Override
    public void close() {
        if (changesElsewhere != null) {
            changesElsewhere.close();
        }
        // Not shutdownNow: interrupting a thread that writes index files would close them and the write lock.
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        follower.stop(); // first applies what is queued
        visible.stop();
        if (lucene.isOpen() && isHealthy()) { // else the next start catches up from the change log
            try {
                commit();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Final commit of the search index failed: {}", e.toString());
            }
        }
        lucene.close();
    }
}
