package nl.vindplaats.search;

import org.apache.lucene.search.SearcherManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * "Wait until change N is searchable": reopens Lucene's {@link SearcherManager} on a thread of its own
 * ({@code index-refresh}) when a writer waits for a change that is applied but not yet visible, and wakes each
 * waiting writer once a reopen that started after its change was applied has happened.
 *
 * <p>Contract: {@link #visibleSeq()} only grows; every change up to it is in the view that searches acquire.
 * {@link #awaitVisible} returns once its change is visible, or when the index is closing or broken (a writer is
 * never held by a failed index: its change is in the store, and the index catches up from there).
 *
 * <p>Why not Lucene's {@code ControlledRealTimeReopenThread} (with the writer's sequence numbers as generations)?
 * It was the model, and it fits badly in four ways, each of which would change what a writer sees:
 * <ul>
 *   <li>A writer waits for a change-log number, handed to the index by the store's committer before the
 *   {@code index-apply} thread has applied it (so that the next batch commits meanwhile). A Lucene generation
 *   exists only once the change is applied; waiting for one would need a hand-made wait for the application
 *   first, and a map from change numbers to the generations of one writer, which a reopen after a failure (a new
 *   writer, and a new reopen thread) throws away.</li>
 *   <li>Its pacing applies to every waiter: with a minimum staleness of 20 ms a lone writer waits up to 20 ms after
 *   the previous reopen, so one client writing in sequence gets at most 50 writes a second; with none, it reopens
 *   as soon as anyone waits, and the commits of writers waiting together no longer gather into one segment. Here
 *   the gap is kept only while several writers wait, and a lone writer is never kept waiting.</li>
 *   <li>Its thread ends on the first failed reopen (it rethrows the {@link IOException}), leaving every waiter
 *   waiting for a reopen that never comes (without a timeout, for ever); here a failed reopen marks the index
 *   broken, which lets the waiters go, and the index is reopened from its last commit within a second
 *   ({@link ChangeFollower#reopenAfterFailure}).</li>
 *   <li>It wakes every waiter after every reopen ({@code notifyAll}); here each waiter is woken alone, when its own
 *   change is visible, so no herd of writers contends for a lock after each reopen.</li>
 * </ul>
 * The view itself is Lucene's {@link SearcherManager}; only the deciding when to reopen and whom to wake is ours.
 */
final class VisibleChanges {
    private static final Logger LOG = LoggerFactory.getLogger(VisibleChanges.class);
    private static final long REOPEN_GAP_NANOS = 20_000_000;

    private final LuceneIndex lucene;
    /** The last change in the writer (the follower's position). */
    private final LongSupplier appliedSeq;
    /** Writers waiting for their change to become searchable; the refresher completes them after each reopen. */
    private final Queue<VisibilityWait> waiting = new ConcurrentLinkedQueue<>();
    private Thread refresher;
    private volatile boolean closing;
    private volatile long visibleSeq;
    private long lastReopenStarted;

    VisibleChanges(LuceneIndex lucene, LongSupplier appliedSeq) {
        this.lucene = lucene;
        this.appliedSeq = appliedSeq;
    }

    private record VisibilityWait(long seq, CountDownLatch visible) {
    }

    long visibleSeq() {
        return visibleSeq;
    }

    /** Everything up to {@code seq} is in the view now (it was just opened, rebuilt or reopened). */
    void visibleUpTo(long seq) {
        visibleSeq = seq;
    }

    void start() {
        refresher = Thread.ofPlatform().name("index-refresh").daemon(true).start(this::refreshWhenWanted);
    }

    /** Something was applied, or the view replaced: look whether a waiter wants a reopen. */
    void wake() {
        LockSupport.unpark(refresher);
    }

    /**
     * Waits until a reopen that started after this change was applied has happened. Reopens run on
     * one thread of the index's own, shared by every waiting writer, and never on a request thread:
     * a thread that is interrupted while it writes index files closes them, and with them the index's
     * write lock.
     */
    void awaitVisible(long seq) {
        if (visibleSeq >= seq) {
            return;
        }
        VisibilityWait wait = new VisibilityWait(seq, new CountDownLatch(1));
        waiting.add(wait);
        LockSupport.unpark(refresher);
        // Every second it looks again at closing and healthy.
        try {
            while (visibleSeq < seq && !closing && lucene.notBroken() && !wait.visible().await(1, TimeUnit.SECONDS)) {
                // not visible yet
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiting.remove(wait);
    }

    private void refreshWhenWanted() {
        while (!closing) {
            long wanted = 0;
            int writers = 0;
            for (VisibilityWait wait : waiting) {
                wanted = Math.max(wanted, wait.seq());
                writers++;
            }
            long applied = appliedSeq.getAsLong();
            if (wanted <= visibleSeq || applied <= visibleSeq) {
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
            long covered = appliedSeq.getAsLong();
            SearcherManager manager = lucene.searchers();
            try {
                manager.maybeRefreshBlocking();
            } catch (IOException | RuntimeException e) {
                if (manager == lucene.searchers()) { // else a reopen after a failure replaced this view meanwhile
                    lucene.markBroken();
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

    /** Stops the refresher; every writer still waiting is let go. */
    void stop() {
        closing = true;
        if (refresher != null) {
            LockSupport.unpark(refresher);
            try {
                refresher.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
