package nl.vindplaats.register;

import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecurringWork;
import nl.vindplaats.store.StoreException;
import nl.vindplaats.store.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Health probes: calls each production API URL on an interval (at most {@code probeConcurrency} at
 * once, with the fetcher's timeouts and address rules), keeps each result for 30 days, and marks an
 * API down after {@code probeDownAfter} consecutive failures and up again at the first success.
 * A probe fails when no answer comes or the answer is a 5xx; any other status means the API is
 * there (a 401 from an API that wants a key is an API that is up).
 */
public final class Probes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Probes.class);
    static final Duration KEPT = Duration.ofDays(30);

    /** What the probes say about one API. Uptimes are percentages, null without probes in the window. */
    public record Summary(String status, Instant lastCheckedAt, Integer lastStatusCode, Long lastLatencyMs,
                          String lastReason, int consecutiveFailures, Double uptime24h, Double uptime30d) {
    }

    private final Database database;
    private final ApiEntries entries;
    private final SpecFetcher fetcher;
    private final RegisterSettings settings;
    private final Clock clock;
    /** Entries not probed: the instance's own (see {@link SelfRegistration}); it would be probing itself. */
    private final java.util.function.Predicate<ApiEntry> notProbed;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** The kind of job (store/Jobs) of a round of probes. */
    static final String ROUND = "api-probes";
    private ScheduledExecutorService scheduler;
    private volatile boolean closing;

    public Probes(Database database, ApiEntries entries, SpecFetcher fetcher, RegisterSettings settings, Clock clock,
                  java.util.function.Predicate<ApiEntry> notProbed) {
        this.database = database;
        this.notProbed = notProbed;
        this.entries = entries;
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Probes every interval, once across the nodes sharing the store (the node whose lease it is). */
    public void start(RecurringWork work) {
        Duration every = settings.probeInterval();
        if (every.isZero() || every.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("api-probes").factory());
        long tick = Register.tickOf(every).toMillis();
        scheduler.scheduleWithFixedDelay(() -> Register.quietly(ROUND, () -> work.runIfDue(ROUND, every,
                this::probeAllQuietly)), tick, tick, TimeUnit.MILLISECONDS);
    }

    private void probeAllQuietly() {
        try {
            probeAll();
        } catch (RuntimeException e) {
            LOG.warn("Probing the registered APIs failed: {}", e.toString());
        }
    }

    /** One round: every entry with an http(s) production URL, at most probeConcurrency at once. */
    void probeAll() {
        Semaphore slots = new Semaphore(Math.max(1, settings.probeConcurrency()));
        List<Future<?>> running = new ArrayList<>();
        int offset = 0;
        while (true) {
            ApiEntries.Found page = entries.search(null, Map.of(), List.of(), offset, 100, false);
            for (ApiEntries.Versioned v : page.entries()) {
                if (closing) {
                    break;
                }
                ApiEntry.Environment production = v.entry().production();
                if (production == null || production.apiUrl() == null || !EntryFields.isHttpUrl(production.apiUrl())
                        || notProbed.test(v.entry())) {
                    continue;
                }
                slots.acquireUninterruptibly();
                running.add(workers.submit(() -> {
                    try {
                        probe(v, production.apiUrl());
                    } catch (RuntimeException e) {
                        LOG.warn("Probing {} failed: {}", v.entry().id(), e.toString());
                    } finally {
                        slots.release();
                    }
                }));
            }
            offset += page.entries().size();
            if (closing || page.entries().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                // logged by the task itself
            }
        }
        prune();
    }

    private void probe(ApiEntries.Versioned v, String url) {
        SpecFetcher.Probed probed = fetcher.probe(url);
        boolean ok = probed.statusCode() != null && probed.statusCode() < 500;
        String reason = ok ? null : probed.reason() != null ? probed.reason() : "HTTP status " + probed.statusCode();
        record(v.entry().id(), clock.instant(), probed.statusCode(), probed.latencyMillis(), ok, reason);
        int failures = consecutiveFailures(v.entry().id());
        String status = ok ? "up" : failures >= Math.max(1, settings.probeDownAfter()) ? "down" : v.entry().availability();
        if (status != null && !status.equals(v.entry().availability())) {
            try {
                entries.update(v.entry().withAvailability(status), v.version(), "probe: " + status);
            } catch (VersionConflictException e) {
                LOG.info("API {} changed while it was probed; its status follows at the next probe", v.entry().id());
            }
        }
    }

    private void record(String apiId, Instant at, Integer status, long latency, boolean ok, String reason) {
        database.commits().submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO api_probes (api_id, at, status_code, latency_ms, ok, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, apiId);
                s.setLong(2, at.toEpochMilli());
                s.setObject(3, status);
                s.setLong(4, latency);
                s.setBoolean(5, ok);
                s.setString(6, reason);
                return s.executeUpdate();
            }
        });
    }

    private int consecutiveFailures(String apiId) {
        int limit = Math.max(1, settings.probeDownAfter()) + 1;
        int failures = 0;
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT ok FROM api_probes WHERE api_id = ? ORDER BY at DESC LIMIT " + limit)) {
            s.setString(1, apiId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && !r.getBoolean(1)) {
                    failures++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading probes of " + apiId, e);
        }
        return failures;
    }

    /** The latest probe and the uptime over 24 hours and 30 days; empty status "unknown" before any probe. */
    public Summary summary(ApiEntry entry) {
        String id = entry.id();
        Instant now = clock.instant();
        try (Connection c = database.connection()) {
            Instant lastAt = null;
            Integer lastStatus = null;
            Long lastLatency = null;
            String lastReason = null;
            try (PreparedStatement s = c.prepareStatement("SELECT at, status_code, latency_ms, reason FROM api_probes "
                    + "WHERE api_id = ? ORDER BY at DESC LIMIT 1")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        lastAt = Instant.ofEpochMilli(r.getLong(1));
                        int status = r.getInt(2);
                        lastStatus = r.wasNull() ? null : status;
                        lastLatency = r.getLong(3);
                        lastReason = r.getString(4);
                    }
                }
            }
            return new Summary(entry.availability() == null ? "unknown" : entry.availability(), lastAt, lastStatus,
                    lastLatency, lastReason, lastAt == null ? 0 : consecutiveFailures(id),
                    uptime(c, id, now.minus(Duration.ofHours(24))), uptime(c, id, now.minus(KEPT)));
        } catch (SQLException e) {
            throw new StoreException("reading probes of " + id, e);
        }
    }

    private static Double uptime(Connection c, String id, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN ok THEN 1 ELSE 0 END) "
                + "FROM api_probes WHERE api_id = ? AND at >= ?")) {
            s.setString(1, id);
            s.setLong(2, since.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long total = r.getLong(1);
                return total == 0 ? null : Math.round(10000.0 * r.getLong(2) / total) / 100.0;
            }
        }
    }

    private void prune() {
        try {
            long before = clock.instant().minus(KEPT).toEpochMilli();
            database.commits().submit(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM api_probes WHERE at < ?")) {
                    s.setLong(1, before);
                    return s.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Removing old probes failed: {}", e.toString());
        }
    }

    /**
     * Stops after the probes under way: they are not interrupted, because an interrupted thread
     * that is writing the search index would break the index's file lock.
     */
    @Override
    public void close() {
        closing = true;
        Duration wait = settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(5);
        Register.stopGently(scheduler, wait);
        Register.stopGently(workers, wait);
    }
}
