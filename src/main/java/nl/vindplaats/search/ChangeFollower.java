package nl.vindplaats.search;

import nl.vindplaats.store.Change;
import nl.vindplaats.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Follows the change log into the index: applies each committed change in change-number order, on a thread of
 * its own ({@code index-apply}), and catches up from the store whatever it has not seen (other nodes' writes, a
 * crash, a reopen after a failure).
 *
 * <p>Contract: {@link #appliedSeq()} is the number of the last change whose document is in the writer (not yet
 * necessarily searchable: {@link VisibleChanges} makes it so); it only grows, except when the index is opened
 * again from an older commit ({@link #reopenAfterFailure}). Changes are applied exactly in order, under one lock;
 * applying one again is harmless (a replace by key). A change that cannot be applied marks the index broken, and
 * the next {@link #reopenAfterFailure} applies it again from the log.
 */
final class ChangeFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    private static final int CATCH_UP_BATCH = 1000;

    private final RecordStore store;
    private final LuceneIndex lucene;
    private final ProjectedDocuments documents;
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Committed changes in commit order, for the applier thread. */
    private final Queue<Change> unapplied = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> changesByKind = new ConcurrentHashMap<>();
    /** Told when the applier has applied everything queued: the view may be reopened. */
    private final Runnable drained;
    private Thread applier;
    private volatile boolean closing;
    private volatile long appliedSeq;

    ChangeFollower(RecordStore store, LuceneIndex lucene, ProjectedDocuments documents, Runnable drained) {
        this.store = store;
        this.lucene = lucene;
        this.documents = documents;
        this.drained = drained;
    }

    long appliedSeq() {
        return appliedSeq;
    }

    /** The position of a freshly opened or rebuilt index; before the applier starts. */
    void startAt(long seq) {
        appliedSeq = seq;
    }

    void start() {
        applier = Thread.ofPlatform().name("index-apply").daemon(true).start(this::applyCommitted);
    }

    /** Queues the change for the applier thread; the store's committer calls this and goes on with its next batch. */
    void committed(Change change) {
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
                drained.run();
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
                documents.add(lucene.writer(), change.record()); // new since the catch-up above, so not in the index yet
            } else {
                documents.put(lucene.writer(), change.record());
            }
            appliedSeq = change.seq();
        } catch (IOException | RuntimeException e) {
            boolean wasHealthy = lucene.notBroken();
            lucene.markBroken();
            if (wasHealthy) {
                LOG.error("Could not index change {}; the index is opened again from its last commit and caught up "
                        + "from the change log as soon as it can be", change.seq(), e);
            }
        } finally {
            applyLock.unlock();
        }
    }

    /** Applies every change in the log that this index has not seen yet. */
    void catchUp() throws IOException {
        applyLock.lock();
        try {
            catchUpLocked(Long.MAX_VALUE);
        } finally {
            applyLock.unlock();
        }
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
                documents.put(lucene.writer(), change.record());
                appliedSeq = change.seq();
            }
        }
    }

    /**
     * Opens the index again from its last commit and catches up from there (see
     * {@link LuceneIndex#reopenAfterFailure}); {@code reopened} is told the position reached, before any further
     * change is applied. False when the index is still unusable.
     */
    boolean reopenAfterFailure(java.util.function.LongConsumer reopened) {
        applyLock.lock();
        try {
            boolean ok = lucene.reopenAfterFailure(seq -> {
                appliedSeq = seq;
                catchUpLocked(Long.MAX_VALUE);
            });
            if (!ok) {
                return false;
            }
            reopened.accept(appliedSeq);
            return true;
        } finally {
            applyLock.unlock();
        }
    }

    private void countChange(String kind) {
        changesByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** See {@link SearchIndex#changesOf}. */
    long changesOf(String kind) {
        AtomicLong changes = changesByKind.get(kind);
        return changes == null ? 0 : changes.get();
    }

    /** Applies what is queued, then stops the applier thread. */
    void stop() {
        closing = true;
        if (applier != null) {
            LockSupport.unpark(applier);
            try {
                applier.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
