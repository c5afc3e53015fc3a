package nl.vindplaats.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A round of background work (all probes, all specification refetches) done once per interval across the nodes
 * sharing the store, through a {@link Jobs} lease per kind of round: every node asks now and then; the node that
 * claims the due round runs it, renewing its lease meanwhile, and makes it due again an interval later.
 */
public final class RecurringWork {
    private static final Logger LOG = LoggerFactory.getLogger(RecurringWork.class);
    static final String KEY = "round";
    /** Long enough to outlast a pause of the holder; renewed at a third of it while the round runs. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final Jobs jobs;
    private final String node;
    private final Clock clock;

    public RecurringWork(Jobs jobs, String node, Clock clock) {
        this.jobs = jobs;
        this.node = node;
        this.clock = clock;
    }

    public String node() {
        return node;
    }

    /**
     * Runs {@code work} on this node unless another node is doing work of this kind right now: a lock across the nodes,
     * without an interval (the work itself decides whether there is anything to do). True when it ran here.
     */
    public boolean runIfFree(String kind, Runnable work) {
        jobs.schedule(kind, KEY, clock.instant());
        Optional<Jobs.Lease> claimed = jobs.claim(kind, node, LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        HeldLease lease = HeldLease.keep(jobs, claimed.get(), LEASE);
        try {
            work.run();
        } finally {
            lease.release(clock.instant());
        }
        return true;
    }

    /** Runs {@code round} on this node when its kind is due and no other node holds it; true when it ran here. */
    public boolean runIfDue(String kind, Duration every, Runnable round) {
        jobs.schedule(kind, KEY, clock.instant().plus(every)); // the first node to ask sets the first round
        Optional<Jobs.Lease> claimed = jobs.claim(kind, node, LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        HeldLease lease = HeldLease.keep(jobs, claimed.get(), LEASE);
        try {
            round.run();
        } finally {
            if (!lease.release(clock.instant().plus(every))) {
                LOG.warn("The lease of {} ran out before the round ended on {}", kind, node);
            }
        }
        return true;
    }
}
