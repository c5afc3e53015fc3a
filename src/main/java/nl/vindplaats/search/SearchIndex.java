package nl.vindplaats.search;

import nl.vindplaats.base.FileTree;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import org.apache.lucene.analysis.miscellaneous.LimitTokenCountAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The Lucene index: a projection of the change log that answers every list, filter, facet and
 * full-text query. It can always be thrown away and rebuilt from the store.
 *
 * <p>Over 400 lines because the writer, the searchable view and the change-log position share one lock and one
 * lifecycle (open, rebuild, follow the log, reopen after a failure, close); the document layout, the queries and a
 * search pass already live in IndexFields, LuceneQueries and SearchPass.
 */
public final class SearchIndex implements RecordStore.ChangeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    static final String SEQ = "seq";
    /**
     * The layout of the documents in the index; an index written with another layout is rebuilt at
     * start (Lucene refuses to mix, e.g., text fields with and without offsets). Raise it whenever a field's
     * type changes or a projection adds, drops or fills a field differently.
     */
    static final String FORMAT_KEY = "format";
    static final String FORMAT = "12";
    /**
     * Words of one text field that are indexed (as Solr's maxFieldLength did); the rest is stored, not findable.
     * Keeps the cost of indexing a record bounded: a 10 MB dataset is otherwise most of its write's time in analysis.
     */
    public static final int MAX_TOKENS_PER_FIELD = 100_000;
    private static final int CATCH_UP_BATCH = 1000;
    private static final int REBUILD_BATCH = 200;

    private final Path directoryPath;
    private final RecordStore store;
    private final Map<String, IndexProjection> projections;
    /**
     * The order segments keep their documents in. A query sorted by it (or by its beginning) stops reading a
     * segment once its page is full, instead of ranking every match: the open data lists over a million
     * documents. Other sorts work as before.
     */
    private final Sort indexOrder;
    /** Whether the index order is made of numbers only (then the id): its pages are merged without Lucene's sort. */
    private final boolean numericIndexOrder;
    private final DutchText analyzer = new DutchText();
    private final LuceneQueries queries = new LuceneQueries(analyzer);
    private final SearchPass searching;
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Writers waiting for their change to become searchable; the refresher completes them after each reopen. */
    private final Queue<VisibilityWait> waiting = new ConcurrentLinkedQueue<>();
    /** Committed changes in commit order, for the applier thread. */
    private final Queue<Change> unapplied = new ConcurrentLinkedQueue<>();
    private Thread applier;
    private Thread refresher;
    private volatile boolean closing;
    private final FacetCounter facetCounter = new FacetCounter();
    private final Map<String, AtomicLong> changesByKind = new ConcurrentHashMap<>();
    private final ScheduledExecutorService background;
    /** Another node's commit: a catch-up is queued, and later notifications wait for it rather than queue more. */
    private final java.util.concurrent.atomic.AtomicBoolean catchUpQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile nl.vindplaats.store.ChangeNotifications changesElsewhere;

    private Directory directory;
    private IndexWriter writer;
    private volatile SearcherManager searchers;
    private volatile long appliedSeq;
    /** Told how many records a rebuild has read so far (a command's progress); nothing by default. */
    private LongConsumer recordsRead = records -> { };
    private volatile long committedSeq;
    private volatile long visibleSeq;
    private volatile boolean healthy = true;
    /** Where a missing index is copied from before it is rebuilt; null: always rebuilt. */
    private final IndexSnapshots snapshots;
    /** Keeps a commit's files while a snapshot copies them. */
    private SnapshotDeletionPolicy heldCommits;
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
        this.indexOrder = LuceneQueries.sort(indexOrder);
        this.numericIndexOrder = indexOrder.stream().allMatch(k -> k.type() == SearchQuery.SortKey.Type.NUMBER);
        this.searching = new SearchPass(this.indexOrder, numericIndexOrder, facetCounter, queries, analyzer);
        Map<String, IndexProjection> byKind = new HashMap<>();
        projections.forEach(p -> byKind.put(p.kind(), p));
        this.projections = Map.copyOf(byKind);
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
        index.catchUp();
        long commitMillis = commitInterval.toMillis();
        index.background.scheduleWithFixedDelay(index::commitQuietly, commitMillis, commitMillis, TimeUnit.MILLISECONDS);
        long pollMillis = pollInterval.toMillis();
        index.background.scheduleWithFixedDelay(index::catchUpQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        index.background.scheduleWithFixedDelay(index::reopenIfFailed, 1, 1, TimeUnit.SECONDS);
        index.changesElsewhere = store.onChangesElsewhere(index::catchUpSoon);
        return index;
    }

    /**
     * After a failure that closed Lucene's writer for good (a full disk does), opens the index again from its last
     * commit and catches up from the change log, so that writes become searchable again once the cause is gone,
     * without a restart. Searches go on meanwhile on the searcher opened before the failure; when the cause is still
     * there, the next attempt follows a second later.
     */
    private void reopenIfFailed() {
        if (closing || isHealthy() || writer == null) {
            return;
        }
        applyLock.lock();
        SearcherManager previousSearchers = searchers;
        IndexWriter brokenWriter = writer;
        Directory previousDirectory = directory;
        try {
            if (brokenWriter.isOpen()) {
                // What it holds beyond its last commit is applied again from the change log; this frees its lock.
                brokenWriter.rollback();
            }
            directory = openDirectory();
            Map<String, String> userData = SegmentInfos.readLatestCommit(directory).getUserData();
            long seq = Long.parseLong(userData.getOrDefault(SEQ, "0"));
            openWriter(IndexWriterConfig.OpenMode.APPEND);
            appliedSeq = seq;
            committedSeq = seq;
            catchUpLocked(Long.MAX_VALUE);
            searchers.maybeRefreshBlocking();
            visibleSeq = appliedSeq;
            healthy = true;
            LOG.info("Search index reopened after a failure, caught up to change {}", appliedSeq);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Search index still unusable ({}); trying again in a second", e.toString());
            closeQuietly(searchers == previousSearchers ? null : searchers, writer == brokenWriter ? null : writer,
                    directory == previousDirectory ? null : directory);
            writer = brokenWriter;
            directory = previousDirectory;
            searchers = previousSearchers;
            return;
        } finally {
            applyLock.unlock();
        }
        closeQuietly(previousSearchers, brokenWriter, previousDirectory);
        LockSupport.unpark(refresher);
    }

    private static void closeQuietly(java.io.Closeable... closeables) {
        for (java.io.Closeable closeable : closeables) {
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

    /** Throws the index away and builds it again from every record in the store. */
    public static long rebuild(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                               List<SearchQuery.SortKey> indexOrder) {
        return rebuild(directoryPath, store, projections, indexOrder, records -> { });
    }

    /** As {@link #rebuild(Path, RecordStore, List, List)}, telling {@code recordsRead} of each batch read. */
    public static long rebuild(Path directoryPath, RecordStore store, List<IndexProjection> projections,
                               List<SearchQuery.SortKey> indexOrder, LongConsumer recordsRead) {
        SearchIndex index = new SearchIndex(directoryPath, store, projections, indexOrder, null);
        index.recordsRead = recordsRead;
        try {
            index.rebuildFromStore();
            return index.documentCount();
        } finally {
            index.close();
        }
    }

    private void openOrRebuild() {
        try {
            Files.createDirectories(directoryPath);
            directory = openDirectory();
            Optional<Long> restored = Optional.empty();
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                LOG.info("No search index at {}", directoryPath);
                restored = snapshots == null ? Optional.empty() : snapshots.restore(directoryPath, FORMAT);
                if (restored.isEmpty()) {
                    LOG.info("Building the search index at {} from the store", directoryPath);
                    rebuildFromStore();
                    return;
                }
                directory = openDirectory();
            }
            Map<String, String> userData = SegmentInfos.readLatestCommit(directory).getUserData();
            if (!FORMAT.equals(userData.get(FORMAT_KEY))) {
                throw new IOException("the index has format " + userData.getOrDefault(FORMAT_KEY, "1") + ", not " + FORMAT);
            }
            long seq = Long.parseLong(userData.getOrDefault(SEQ, "-1"));
            if (seq < 0 || seq > store.lastSeq()) {
                throw new IOException("index position " + seq + " does not match the store");
            }
            openWriter(IndexWriterConfig.OpenMode.APPEND);
            appliedSeq = seq;
            committedSeq = seq;
            visibleSeq = seq;
            origin = restored.isPresent() ? "snapshot seq " + seq : "opened";
            LOG.info("Search index opened at change {}{}", seq, restored.isPresent() ? " from a snapshot" : "");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Search index at {} is unusable ({}); rebuilding it from the store", directoryPath, e.toString());
            closeLucene();
            rebuildFromStore();
        }
    }

    private void rebuildFromStore() {
        long started = System.nanoTime();
        try {
            FileTree.deleteContents(directoryPath);
            Files.createDirectories(directoryPath);
            directory = openDirectory();
            openWriter(IndexWriterConfig.OpenMode.CREATE);
            long seq = indexEveryRecord();
            // One segment: every query then sets up, and every sorted list reads, one segment instead of a
            // dozen. Later writes add small ones beside it.
            writer.forceMerge(1);
            appliedSeq = seq;
            commit();
            searchers.maybeRefreshBlocking();
            visibleSeq = seq;
            origin = "rebuilt";
            LOG.info("Search index rebuilt: {} documents at change {} in {} ms", documentCount(), seq,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("rebuilding the search index", e);
        }
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
        List<StoredRecord> batch = new ArrayList<>(REBUILD_BATCH);
        long seq;
        try {
            seq = store.scanAll(record -> {
                batch.add(record);
                if (batch.size() == REBUILD_BATCH) {
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
                    add(record);
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Small segments flushed for near-real-time search stay in memory until they are merged or committed. */
    private Directory openDirectory() throws IOException {
        return new NRTCachingDirectory(FSDirectory.open(directoryPath), 16.0, 64.0);
    }


    private void openWriter(IndexWriterConfig.OpenMode mode) throws IOException {
        // An index kept in another order cannot be opened with this one (Lucene refuses); it is rebuilt.
        IndexWriterConfig config = new IndexWriterConfig(new LimitTokenCountAnalyzer(analyzer, MAX_TOKENS_PER_FIELD))
                .setOpenMode(mode).setIndexSort(indexOrder)
                .setMergePolicy(mergePolicy()).setUseCompoundFile(false);
        heldCommits = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
        config.setIndexDeletionPolicy(heldCommits);
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, new SearcherFactory());
        if (refresher == null) {
            refresher = Thread.ofPlatform().name("index-refresh").daemon(true).start(this::refreshWhenWanted);
            applier = Thread.ofPlatform().name("index-apply").daemon(true).start(this::applyCommitted);
        }
    }

    /**
     * Every reopen under write load flushes a segment of a few dozen documents. With Lucene's default floor of
     * 16 MB every segment below it counts as equally large, so each merge of new segments also took along the
     * largest one below the floor: it was rewritten every few reopens until it grew past 16 MB. A small floor
     * merges small segments with their equals, so a document is rewritten a few times, not dozens. Compound
     * files would only copy each small segment once more.
     */
    private static TieredMergePolicy mergePolicy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setFloorSegmentMB(0.5);
        policy.setNoCFSRatio(0.0);
        return policy;
    }

    /**
     * Queues the change for the applier thread. The store's committer calls this for every change and cannot
     * commit its next batch until it returns, so the analysis and indexing of a batch no longer hold up the
     * next one: they run beside it. A writer still waits until its change is searchable.
     */
    @Override
    public void committed(Change change) {
        unapplied.add(change);
        LockSupport.unpark(applier);
    }

    private void applyCommitted() {
        while (!closing || !unapplied.isEmpty()) {
            Change change = unapplied.poll();
            if (change == null) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            apply(change);
            if (unapplied.isEmpty()) {
                LockSupport.unpark(refresher);
            }
        }
    }

    private void apply(Change change) {
        applyLock.lock();
        try {
            if (change.seq() > appliedSeq + 1) {
                catchUpLocked(change.seq() - 1);
            }
            if (change.seq() <= appliedSeq) {
                return;
            }
            countChange(change.record().kind());
            if (change.record().version() == 1) {
                add(change.record()); // new since the catch-up above, so not in the index yet
            } else {
                index(change.record());
            }
            appliedSeq = change.seq();
        } catch (IOException | RuntimeException e) {
            boolean wasHealthy = healthy;
            healthy = false;
            if (wasHealthy) {
                LOG.error("Could not index change {}; the index is opened again from its last commit and caught up "
                        + "from the change log as soon as it can be", change.seq(), e);
            }
        } finally {
            applyLock.unlock();
        }
    }

    private void countChange(String kind) {
        changesByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * How many changes to records of this kind the index has taken from the change log since it opened, counted
     * before it applies each: a cache of records of a kind is current while this number stays the same. A write
     * returns only after its change is applied, so a read that follows it sees the number move.
     */
    public long changesOf(String kind) {
        AtomicLong changes = changesByKind.get(kind);
        return changes == null ? 0 : changes.get();
    }

    /**
     * Waits until a reopen that started after this change was applied has happened. Reopens run on
     * one thread of the index's own, shared by every waiting writer, and never on a request thread:
     * a thread that is interrupted while it writes index files closes them, and with them the index's
     * write lock.
     */
    @Override
    public void awaitVisible(long seq) {
        if (visibleSeq >= seq) {
            return;
        }
        VisibilityWait wait = new VisibilityWait(seq, new CountDownLatch(1));
        waiting.add(wait);
        LockSupport.unpark(refresher);
        // Each waiter is woken alone, when its own change is visible: no herd of writers contending for a
        // lock after every reopen. Every second it looks again at closing and healthy.
        try {
            while (visibleSeq < seq && !closing && healthy && !wait.visible().await(1, TimeUnit.SECONDS)) {
                // not visible yet
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiting.remove(wait);
    }

    private record VisibilityWait(long seq, CountDownLatch visible) {
    }

    private static final long REOPEN_GAP_NANOS = 20_000_000;
    private long lastReopenStarted;

    private void refreshWhenWanted() {
        while (!closing) {
            long wanted = 0;
            int writers = 0;
            for (VisibilityWait wait : waiting) {
                wanted = Math.max(wanted, wait.seq());
                writers++;
            }
            if (wanted <= visibleSeq || appliedSeq <= visibleSeq) {
                // Nothing wanted, or what is wanted is not applied yet: a writer or the applier unparks this thread.
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            // Every reopen writes a new segment. While several writers wait, waiting a moment after the previous
            // reopen lets the writes of several commits share one, which costs far less than a segment (and its
            // later merges) for each commit. A lone writer is never kept waiting.
            long sincePrevious = System.nanoTime() - lastReopenStarted;
            if (sincePrevious < REOPEN_GAP_NANOS && writers > 1) {
                LockSupport.parkNanos(REOPEN_GAP_NANOS - sincePrevious);
            }
            lastReopenStarted = System.nanoTime();
            long covered = appliedSeq;
            SearcherManager manager = searchers;
            try {
                manager.maybeRefreshBlocking();
            } catch (IOException | RuntimeException e) {
                if (manager == searchers) { // else a reopen after a failure replaced this view meanwhile
                    healthy = false;
                    LOG.error("Reopening the search index failed", e);
                }
            }
            visibleSeq = Math.max(visibleSeq, covered);
            for (VisibilityWait wait : waiting) {
                if (wait.seq() <= visibleSeq) {
                    wait.visible().countDown();
                }
            }
        }
        waiting.forEach(wait -> wait.visible().countDown());
    }

    /** Applies every change in the log that this index has not seen yet (other nodes' writes, or after a crash). */
    public void catchUp() {
        applyLock.lock();
        try {
            catchUpLocked(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            applyLock.unlock();
        }
        awaitVisible(appliedSeq);
    }

    private void catchUpLocked(long upTo) throws IOException {
        while (appliedSeq < upTo) {
            List<Change> changes = store.changesAfter(appliedSeq, CATCH_UP_BATCH);
            if (changes.isEmpty()) {
                return;
            }
            for (Change change : changes) {
                if (change.seq() > upTo) {
                    return;
                }
                countChange(change.record().kind());
                index(change.record());
                appliedSeq = change.seq();
            }
        }
    }

    /** Queues a catch-up with the change log, unless one is queued already. */
    private void catchUpSoon() {
        if (!closing && catchUpQueued.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    catchUpQueued.set(false);
                    catchUpQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
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

    private long index(StoredRecord record) throws IOException {
        Term key = new Term(IndexFields.KEY, IndexFields.key(record.kind(), record.id()));
        var document = documentOf(record);
        if (document.isEmpty()) {
            return writer.deleteDocuments(key);
        }
        // Always a replace when catching up, also for a first version: a commit may hold changes applied after the
        // sequence number it records, and after a crash those are applied again (CrashSafetyTest once saw the
        // duplicates).
        return writer.updateDocument(key, document.get());
    }

    /**
     * For a record this index cannot hold yet: a rebuild into an empty index, or a first version committed
     * after the catch-up. No replace, so no delete to look up in every segment at the next reopen.
     */
    private void add(StoredRecord record) throws IOException {
        var document = documentOf(record);
        if (document.isPresent()) {
            writer.addDocument(document.get());
        }
    }

    /** The record as its kind's projection indexes it; empty when it is not findable (e.g. deleted). */
    private Optional<Document> documentOf(StoredRecord record) {
        IndexProjection projection = projections.get(record.kind());
        return projection == null ? Optional.empty() : projection.project(record).map(IndexFields::toLucene);
    }

    public SearchResult search(SearchQuery query) {
        HeldSearcher held = acquire();
        try {
            return searching.search(held.searcher(), query);
        } catch (IndexSearcher.TooManyClauses e) {
            throw QueryLimits.DEFAULT.tooManyTerms(); // Lucene counts the clauses of a rewritten query once more
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.release();
        }
    }

    public long documentCount() {
        HeldSearcher held = acquire();
        try {
            return held.searcher().getIndexReader().numDocs();
        } finally {
            held.release();
        }
    }

    /** A searcher and the view it came from, where it must be given back. */
    private record HeldSearcher(SearcherManager manager, IndexSearcher searcher) {
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
    private HeldSearcher acquire() {
        for (int attempt = 0; ; attempt++) {
            SearcherManager manager = searchers;
            try {
                return new HeldSearcher(manager, manager.acquire());
            } catch (AlreadyClosedException e) {
                if (attempt >= 3 || searchers == manager) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    /** How the index came to be at start: "opened", "rebuilt" or "snapshot seq N". */
    public String origin() {
        return origin;
    }

    public long appliedSeq() {
        return appliedSeq;
    }

    public boolean isHealthy() {
        return healthy && writer != null && writer.isOpen();
    }

    /**
     * Makes everything applied so far durable, recording the change-log position it reflects. Runs
     * beside writers: changes applied while it runs may be in the commit too, and are applied again
     * (idempotently, in order) after a restart.
     */
    public synchronized void commit() throws IOException {
        long seq = appliedSeq;
        if (seq == committedSeq && !writer.hasUncommittedChanges()) {
            return;
        }
        writer.setLiveCommitData(Map.of(SEQ, Long.toString(seq), FORMAT_KEY, FORMAT).entrySet());
        writer.commit();
        committedSeq = seq;
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
            healthy = false;
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
        for (Thread thread : Arrays.asList(applier, refresher)) { // the applier first applies what is queued
            if (thread != null) {
                LockSupport.unpark(thread);
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (writer != null && writer.isOpen() && isHealthy()) { // else the next start catches up from the change log
            try {
                commit();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Final commit of the search index failed: {}", e.toString());
            }
        }
        closeLucene();
    }

    private void closeLucene() {
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
            writer = null;
            directory = null;
        }
    }
}
