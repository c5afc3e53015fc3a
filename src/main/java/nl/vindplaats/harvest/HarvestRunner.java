package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs harvests inside the service, each on a background thread: on request, on each source's schedule, and — after a
 * stop or a crash — the runs that were queued or running then (a harvest is idempotent, so an interrupted run starts
 * over; its record counts the restarts). Two runs of one source never overlap: a request while one is queued or running
 * is refused, and the runner holds each source while it runs one.
 */
public final class HarvestRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HarvestRunner.class);
    /** A scheduled run is a full one (withdrawing what the source no longer has) when the last full one is this old. */
    static final Duration FULL_RUN_EVERY = Duration.ofDays(1);

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
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("harvest-", 0).factory());
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread scheduler;

    public HarvestRunner(HarvestRuns runs, List<Harvester> harvesters, HarvestHttp http, Clock clock, Duration tick) {
        this.runs = runs;
        this.harvesters = harvesters.stream().collect(Collectors.toMap(Harvester::type, Function.identity()));
        this.http = http;
        this.clock = clock;
        this.tick = tick;
    }

    public Set<String> types() {
        return harvesters.keySet();
    }

    public Optional<Harvester> harvester(String type) {
        return Optional.ofNullable(harvesters.get(type));
    }

    /** Continues the runs a stop or crash interrupted, and starts looking for sources that are due. */
    public void start() {
        for (StoredRecord run : runs.unfinished()) {
            LOG.info("Harvest run {} of source {} was {} when the service stopped; it runs again", run.id(),
                    run.body().path("sourceId").asText(), run.state());
            submit(run);
        }
        scheduler = Thread.ofVirtual().name("harvest-scheduler").start(() -> {
            try {
                while (!stopping.await(tick.toMillis(), TimeUnit.MILLISECONDS)) {
                    runDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
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

    /** Queues a run and starts it on a background thread. */
    public synchronized StoredRecord request(HarvestSource source, boolean full, String requestedBy) {
        for (StoredRecord run : runs.runsOf(source.id())) {
            if (run.state().equals(HarvestRuns.QUEUED) || run.state().equals(HarvestRuns.RUNNING)) {
                throw new RunInProgress(run.id());
            }
        }
        StoredRecord queued = runs.queue(source, full, requestedBy);
        submit(queued);
        return queued;
    }

    private void submit(StoredRecord run) {
        if (stopping.getCount() == 0) {
            return; // queued: the next start runs it
        }
        workers.submit(() -> execute(run));
    }

    private void execute(StoredRecord queued) {
        String sourceId = queued.body().path("sourceId").asText();
        if (!active.add(sourceId)) {
            return;
        }
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
            progress.state(HarvestRuns.RUNNING);
            HarvestJob job = new HarvestJob(source, full, state.lastSuccessfulStart(), http, state.validators(),
                    progress, () -> stopping.getCount() == 0, clock);
            String failure = null;
            try {
                harvester.harvest(job);
            } catch (HarvestJob.GatherError e) {
                failure = e.getMessage();
            } catch (RuntimeException e) {
                LOG.warn("Harvest run {} of source {} failed", queued.id(), sourceId, e);
                failure = "The harvest stopped on an unexpected error: " + e;
            }
            if (stopping.getCount() == 0) {
                return; // recorded as running: the next start runs it again
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
        } finally {
            active.remove(sourceId);
        }
    }

    /** Stops the scheduler and the runs in progress; they stay recorded as running and continue at the next start. */
    @Override
    public void close() {
        stopping.countDown();
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
