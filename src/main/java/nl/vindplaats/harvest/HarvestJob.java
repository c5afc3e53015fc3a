package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of one source as its {@link Harvester} sees it: what to harvest (the source, full or incremental, since
 * when), how to fetch (conditional, rate-limited), and where each record's outcome goes. Counts and failures are kept
 * in the run record, written now and then while the run goes on so that its progress can be followed.
 */
public final class HarvestJob {
    /** The source itself failed (unreachable, unreadable listing): the run fails and nothing is withdrawn. */
    public static final class GatherError extends Exception {
        public GatherError(String message) {
            super(message);
        }
    }

    /** At most this many failed records are kept with their reason (ckanext-harvest summarises errors too). */
    static final int MAX_FAILURES_KEPT = 1000;
    /**
     * Records imported at once by {@link #importEach}: enough that one commit and one reopen of the index serve many
     * writes (with 8, a harvest of datasets spent two thirds of its time waiting for the index, at a third of a core).
     */
    static final int IMPORTS_IN_FLIGHT = 32;
    private static final long PROGRESS_EVERY_MILLIS = 1000;

    private final HarvestSource source;
    private final boolean full;
    private final Instant lastSuccessfulStart;
    private final HarvestHttp http;
    private final Map<String, HarvestHttp.Validators> previousValidators;
    private final Map<String, HarvestHttp.Validators> validators = new ConcurrentHashMap<>();
    private final HarvestRuns.Progress progress;
    private final BooleanSupplier stopping;
    private final Clock clock;
    private long lastWritten;

    HarvestJob(HarvestSource source, boolean full, Instant lastSuccessfulStart, HarvestHttp http,
               Map<String, HarvestHttp.Validators> previousValidators, HarvestRuns.Progress progress,
               BooleanSupplier stopping, Clock clock) {
        this.source = source;
        this.full = full;
        this.lastSuccessfulStart = lastSuccessfulStart;
        this.http = http;
        this.previousValidators = previousValidators;
        this.progress = progress;
        this.stopping = stopping;
        this.clock = clock;
    }

    public HarvestSource source() {
        return source;
    }

    /** A full run lists everything and withdraws what the source no longer has; an incremental run asks for changes. */
    public boolean full() {
        return full;
    }

    /** When the last run without any error started, or null: the base of an incremental harvest. */
    public Instant lastSuccessfulStart() {
        return lastSuccessfulStart;
    }

    /** The organisation a record goes to when the source may not (or does not) name one. */
    public String organisation() {
        return source.organisation();
    }

    /** Whether the service is stopping: the harvester returns soon, and the run continues after the restart. */
    public boolean stopping() {
        return stopping.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** GETs a URL unconditionally (a listing whose answer depends on the query). */
    public HarvestHttp.Fetched get(String url, Map<String, String> headers) throws InterruptedException {
        return count(http.get(url, headers, null), url);
    }

    /**
     * GETs a listing of the source (a page of its records, a sitemap) and returns its body. Listings are asked
     * unconditionally: a 304 would leave the run without the entries it must see. Any other answer fails the
     * gathering, the message naming {@code what} was read.
     */
    public HarvestHttp.Body listing(String what, String url, Map<String, String> headers) throws GatherError {
        HarvestHttp.Fetched fetched;
        try {
            fetched = get(url, headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatherError("interrupted");
        }
        return switch (fetched) {
            case HarvestHttp.Failed failed -> throw new GatherError(what + " could not be read: " + failed.reason());
            case HarvestHttp.NotModified ignored -> throw new GatherError(what + " answered 304 to an unconditional request");
            case HarvestHttp.Body body -> body;
        };
    }

    /**
     * GETs a URL with the validators its answer had at the last successful run, so that an unchanged resource is a
     * 304 ({@link HarvestHttp.NotModified}).
     */
    public HarvestHttp.Fetched getConditionally(String url, Map<String, String> headers) throws InterruptedException {
        HarvestHttp.Validators previous = previousValidators.get(url);
        HarvestHttp.Fetched fetched = count(http.get(url, headers, previous), url);
        if (fetched instanceof HarvestHttp.NotModified && previous != null) {
            validators.put(url, previous);
        }
        return fetched;
    }

    /**
     * GETs a file, sending {@code previous} (the validators its answer had when the record was last written, kept
     * with the record rather than in the run's state, which would grow with every file) so that an unchanged file
     * is a 304 ({@link HarvestHttp.NotModified}); a 200's body goes to {@code reader} as it arrives, never whole in
     * memory.
     */
    public HarvestHttp.Download download(String url, Map<String, String> headers, HarvestHttp.Validators previous,
                                         HarvestHttp.BodyReader reader) throws InterruptedException {
        HarvestHttp.Download download = http.download(url, headers, previous, reader);
        synchronized (this) {
            progress.count("requests");
            if (download instanceof HarvestHttp.NotModified) {
                progress.count("notModified");
            }
        }
        return download;
    }

    private HarvestHttp.Fetched count(HarvestHttp.Fetched fetched, String url) {
        synchronized (this) {
            progress.count("requests");
            if (fetched instanceof HarvestHttp.NotModified) {
                progress.count("notModified");
            }
            if (fetched instanceof HarvestHttp.Body body && body.validators().any()) {
                validators.put(url, body.validators());
            }
        }
        return fetched;
    }

    /**
     * Imports records {@link #IMPORTS_IN_FLIGHT} at a time, returning when all have been imported (or the run is
     * stopping). Each write waits until it is committed and searchable; writes that wait together share one commit
     * (the store's commit queue) and one reopen of the index, and the validation of one runs while others wait. {@code importer} reports each record's outcome itself and must be safe to call from several threads.
     */
    public <T> void importEach(Iterable<T> records, Consumer<T> importer) {
        Semaphore inFlight = new Semaphore(IMPORTS_IN_FLIGHT);
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T record : records) {
                if (stopping()) {
                    break;
                }
                try {
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                workers.submit(() -> {
                    try {
                        importer.accept(record);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    /** How many records the gather stage found (the progress's total). */
    public synchronized void total(long total) {
        progress.body().with("progress").put("total", total);
        maybeWrite();
    }

    public void created(String identifier) {
        outcome("created");
    }

    public void updated(String identifier) {
        outcome("updated");
    }

    public void unchanged(String identifier) {
        outcome("unchanged");
    }

    public void withdrawn(String identifier) {
        outcome("withdrawn");
    }

    public synchronized void failed(String identifier, String reason) {
        ObjectNode body = progress.body();
        if (body.withArray("failures").size() < MAX_FAILURES_KEPT) {
            body.withArray("failures").addObject().put("identifier", identifier).put("reason", reason);
        }
        outcome("failed");
    }

    private synchronized void outcome(String count) {
        ObjectNode counts = progress.body().with("counts");
        counts.put(count, counts.path(count).asLong() + 1);
        ObjectNode p = progress.body().with("progress");
        p.put("done", p.path("done").asLong() + 1);
        maybeWrite();
    }

    private void maybeWrite() {
        long now = clock.millis();
        if (now - lastWritten >= PROGRESS_EVERY_MILLIS) {
            lastWritten = now;
            progress.write();
        }
    }

    /** The validators of this run's answers, kept for the next run's conditional requests. */
    ObjectNode validatorsJson() {
        ObjectNode out = Json.object();
        validators.forEach((url, v) -> {
            ObjectNode one = out.putObject(url);
            if (v.etag() != null) {
                one.put("etag", v.etag());
            }
            if (v.lastModified() != null) {
                one.put("lastModified", v.lastModified());
            }
        });
        return out;
    }
}
