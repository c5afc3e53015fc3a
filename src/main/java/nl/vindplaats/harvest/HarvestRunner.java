package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.store.HeldLease;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.store.RecurringWork;
import nl.vindplaats.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs harvests inside the service, each on a background thread: on request, on each source's schedule, and — after a
 * stop or a crash — the runs that were queued or running then (a harvest is idempotent, so an interrupted run starts
 * over; its record counts the restarts).
 * <p>
 * Across the nodes sharing a store, the runs of a source are one job of {@link Jobs} (kind {@value #JOB}, keyed by the
 * source): a request queues the run and makes the job due; whichever node claims it runs the source's unfinished runs
 * one after the other, renewing its lease meanwhile. Two runs of one source therefore never overlap, on one node or
 * across nodes; a node that dies leaves its lease to run out, and another node takes the job over and runs the
 * interrupted run again. A node that stops gives its lease up, so the run continues at once elsewhere (or at its
 * next start). The schedule is looked at by one node per tick (a {@link RecurringWork} round).
 */
public final class HarvestRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HarvestRunner.class);
    /** A scheduled run is a full one (withdrawing what the source no longer has) when the last full one is this old. */
    static final Duration FULL_RUN_EVERY = Duration.ofDays(1);
    /** The job of running a source's runs; its key is the source's id. */
    public static final String JOB = "harvest-run";
    /** The round in which one node queues the scheduled sources' runs. */
    static final String SCHEDULE_ROUND = "harvest-schedule";
    /** Renewed at a third of it while a run goes on; a dead node's run continues elsewhere once it has run out. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /** A run of this source is queued or running already. */
    public static final class RunInProgress extends RuntimeException {
        private final String runId;

        RunInProgress(String runId) {
            super("Run " + runId + " of this source is queued or running; two runs of one source never overlap.");
            this.runId = runId;
        }

        public String runId() {
            return runId;
        }
    }

    private final HarvestRuns runs;
    private final Map<String, Harvester> harvesters;
    private final HarvestHttp http;
    private final Clock clock;
    private final Duration tick;
    private final Jobs jobs;
    private final String node;
    private final boolean aloneOnTheStore;
    private final RecurringWork rounds;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("harvest-", 0).factory());
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Semaphore wakeUp = new Semaphore(0);
    private Thread scheduler;

    /**
     * @param node            this node's name in job leases
     * @param aloneOnTheStore no other node shares the store (SQLite): leases left by this node's earlier life are
     *                        given up at the start instead of waited for
     */
    public HarvestRunner(HarvestRuns runs, List<Harvester> harvesters, HarvestHttp http, Clock clock, Duration tick,
                         Jobs jobs, String node, boolean aloneOnTheStore) {
        this.runs = runs;
        this.harvesters = harvesters.stream().collect(Collectors.toMap(Harvester::type, Function.identity()));
        this.http = http;
        this.clock = clock;
        this.tick = tick;
        this.jobs = jobs;
        this.node = node;
        this.aloneOnTheStore = aloneOnTheStore;
        this.rounds = new RecurringWork(jobs, node, clock);
    }

    public Set<String> types() {
        return harvesters.keySet();
    }

    public Optional<Harvester> harvester(String type) {
        return Optional.ofNullable(harvesters.get(type));
    }

    /** Continues the runs a stop or crash interrupted, and starts looking for sources that are due. */
    public void start() {
        if (aloneOnTheStore) {
            jobs.releaseAll(JOB);
            jobs.releaseAll(SCHEDULE_ROUND);
        }
        scheduler = Thread.ofVirtual().name("harvest-scheduler").start(() -> {
            try {
                while (stopping.getCount() > 0) {
                    try {
                        lookForWork();
                    } catch (RuntimeException e) {
                        LOG.warn("Looking for harvest runs failed: {}", e.toString());
                    }
                    if (wakeUp.tryAcquire(tick.toMillis(), TimeUnit.MILLISECONDS)) {
                        wakeUp.drainPermits();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void lookForWork() {
        if (stopping.getCount() == 0) {
            return;
        }
        // A run queued without its job (its node died in between, or the job was just being completed) gets one.
        for (StoredRecord run : runs.unfinished()) {
            jobs.schedule(JOB, run.body().path("sourceId").asText(), clock.instant());
        }
        rounds.runIfDue(SCHEDULE_ROUND, tick, this::runDue);
        Optional<Jobs.Lease> claimed;
        while (stopping.getCount() > 0 && (claimed = jobs.claim(JOB, node, LEASE)).isPresent()) {
            HeldLease lease = HeldLease.keep(jobs, claimed.get(), LEASE);
            try {
                workers.submit(() -> runSource(lease));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                lease.release(clock.instant());
                return;
            }
        }
    }

    /** Runs the source's unfinished runs, oldest first, while this node holds its job. */
    private void runSource(HeldLease lease) {
        String sourceId = lease.key();
        boolean done = false;
        Instant freeFrom = clock.instant();
        String previous = null;
        try {
            while (stopping.getCount() > 0 && lease.held()) {
                Optional<StoredRecord> next = runs.unfinished().stream()
                        .filter(r -> r.body().path("sourceId").asText().equals(sourceId)).findFirst();
                if (next.isEmpty()) {
                    done = true;
                    break;
                }
                if (next.get().state().equals(HarvestRuns.RUNNING)) {
                    LOG.info("Harvest run {} of source {} was running when its node stopped or died; it runs again on {}",
                            next.get().id(), sourceId, node);
                }
                if (next.get().id().equals(previous)) {
                    freeFrom = clock.instant().plus(tick); // its outcome could not be recorded: later, not in a loop
                    break;
                }
                previous = next.get().id();
                execute(next.get(), lease);
            }
        } catch (RuntimeException e) {
            LOG.warn("Running the harvests of source {} failed", sourceId, e);
        } finally {
            Thread.interrupted(); // a stop interrupts this thread; giving the lease up must still reach the database
            if (done) {
                lease.complete();
            } else {
                lease.release(freeFrom); // stopping: the next node (or start) continues at once
            }
        }
    }

    /** Queues a run of every scheduled source whose interval has passed since its last run was requested. */
    void runDue() {
        Instant now = clock.instant();
        for (StoredRecord record : runs.sources()) {
            HarvestSource source = HarvestRuns.source(record);
            if (source.schedule() == null) {
                continue;
            }
            List<StoredRecord> previous = runs.runsOf(source.id());
            boolean due = previous.isEmpty() || !Instant.parse(previous.getFirst().body().path("requestedAt").asText())
                    .plus(source.schedule()).isAfter(now);
            if (due) {
                Instant lastFull = runs.state(source.id()).lastFullSuccessfulStart();
                boolean full = lastFull == null || !lastFull.plus(FULL_RUN_EVERY).isAfter(now);
                try {
                    request(source, full, "schedule");
                } catch (RunInProgress e) {
                    // still running from the last time: the schedule waits for it
                }
            }
        }
    }

    /** Queues a run; the node that claims the source's job runs it (this one, woken now, most likely). */
    public synchronized StoredRecord request(HarvestSource source, boolean full, String requestedBy) {
        for (StoredRecord run : runs.runsOf(source.id())) {
            if (run.state().equals(HarvestRuns.QUEUED) || run.state().equals(HarvestRuns.RUNNING)) {
                throw new RunInProgress(run.id());
            }
        }
        StoredRecord queued = runs.queue(source, full, requestedBy);
        jobs.schedule(JOB, source.id(), clock.instant());
        wakeUp.release();
        return queued;
    }

    private void execute(StoredRecord queued, HeldLease lease) {
        String sourceId = queued.body().path("sourceId").asText();
        try {
            HarvestRuns.Progress progress = runs.progress(queued);
            ObjectNode body = progress.body();
            Optional<StoredRecord> sourceRecord = runs.sourceRecord(sourceId);
            Harvester harvester = sourceRecord.map(r -> harvesters.get(r.body().path("type").asText())).orElse(null);
            if (harvester == null) {
                body.put("message", sourceRecord.isEmpty() ? "The source was deleted." : "No harvester for this type.");
                body.put("finishedAt", clock.instant().toString());
                progress.state(HarvestRuns.FAILED);
                return;
            }
            HarvestSource source = HarvestRuns.source(sourceRecord.get());
            if (queued.state().equals(HarvestRuns.RUNNING)) {
                body.put("restarts", body.path("restarts").asInt() + 1);
                HarvestRuns.resetCounts(body);
            }
            Instant started = clock.instant();
            body.put("startedAt", started.toString());
            HarvestRuns.SourceState state = runs.state(sourceId);
            boolean full = body.path("full").asBoolean() || state.lastSuccessfulStart() == null;
            body.put("full", full);
            body.put("node", node);
            progress.state(HarvestRuns.RUNNING);
            HarvestJob job = new HarvestJob(source, full, state.lastSuccessfulStart(), http, state.validators(),
                    progress, () -> stopping.getCount() == 0 || !lease.held(), clock);
            String failure = null;
            try {
                harvester.harvest(job);
            } catch (HarvestJob.GatherError e) {
                failure = e.getMessage();
            } catch (RuntimeException e) {
                LOG.warn("Harvest run {} of source {} failed", queued.id(), sourceId, e);
                failure = "The harvest stopped on an unexpected error: " + e;
            }
            if (stopping.getCount() == 0 || !lease.renewNow()) {
                return; // recorded as running: the next holder of the source's job runs it again
            }
            body.put("finishedAt", clock.instant().toString());
            if (failure != null) {
                body.put("message", failure);
                progress.state(HarvestRuns.FAILED);
                return;
            }
            progress.state(HarvestRuns.FINISHED);
            if (body.path("counts").path("failed").asLong() == 0) {
                runs.succeeded(source, started, full, job.validatorsJson());
            }
        } catch (RuntimeException e) {
            LOG.warn("Harvest run {} could not be recorded", queued.id(), e);
        }
    }

    /**
     * Stops the scheduler and the runs in progress; they stay recorded as running, their leases are given up, and they
     * continue on another node or at the next start.
     */
    @Override
    public void close() {
        stopping.countDown();
        wakeUp.release();
        if (scheduler != null) {
            scheduler.interrupt();
        }
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Harvest runs did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
