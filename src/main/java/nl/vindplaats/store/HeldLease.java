package nl.vindplaats.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link Jobs} lease that this node keeps while it works: renewed on a thread of its own at a third of its length,
 * and given up at the end ({@link #complete} a one-off job, {@link #release} one that is to be done again). Once a
 * renewal fails the lease is lost for good — another node may hold the job — and the work should stop without
 * writing its outcome ({@link #held()} says so).
 */
public final class HeldLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeldLease.class);

    private final Jobs jobs;
    private final Duration length;
    private final Thread renewer;
    private volatile Jobs.Lease lease;
    private volatile boolean lost;
    private volatile boolean ended;

    private HeldLease(Jobs jobs, Jobs.Lease lease, Duration length) {
        this.jobs = jobs;
        this.lease = lease;
        this.length = length;
        this.renewer = Thread.ofVirtual().name(lease.kind() + "-lease").start(this::renewWhileHeld);
    }

    /** Keeps a lease just claimed with {@code length}, renewing it until it is given up. */
    public static HeldLease keep(Jobs jobs, Jobs.Lease lease, Duration length) {
        return new HeldLease(jobs, lease, length);
    }

    public Jobs.Lease lease() {
        return lease;
    }

    public String key() {
        return lease.key();
    }

    /** False once a renewal found the lease gone (it ran out, and another node may have taken the job). */
    public boolean held() {
        return !lost;
    }

    /** Renews at once, before an outcome is written: false when the lease is lost. */
    public synchronized boolean renewNow() {
        if (lost) {
            return false;
        }
        Optional<Jobs.Lease> renewed = jobs.renew(lease, length);
        if (renewed.isEmpty()) {
            lost = true;
            LOG.warn("Lost the lease of {} {} on {}; another node may do it", lease.kind(), lease.key(), lease.node());
            return false;
        }
        lease = renewed.get();
        return true;
    }

    private void renewWhileHeld() {
        try {
            while (!ended && !lost) {
                Thread.sleep(length.dividedBy(3));
                if (!ended) {
                    renewNow();
                }
            }
        } catch (InterruptedException e) {
            // given up
        } catch (RuntimeException e) {
            LOG.warn("Renewing the lease of {} {} failed: {}", lease.kind(), lease.key(), e.toString());
        }
    }

    private void stopRenewing() {
        ended = true;
        renewer.interrupt();
        try {
            renewer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The job is done: it is removed. False when the lease was lost meanwhile. */
    public boolean complete() {
        stopRenewing();
        return !lost && jobs.complete(lease);
    }

    /** The job is free again from {@code nextDueAt} (for another node, or this one). False when the lease was lost. */
    public boolean release(Instant nextDueAt) {
        stopRenewing();
        return !lost && jobs.reschedule(lease, nextDueAt);
    }

    /** Stops renewing without giving the lease up: it runs out, as when the node dies. */
    @Override
    public void close() {
        stopRenewing();
    }
}
