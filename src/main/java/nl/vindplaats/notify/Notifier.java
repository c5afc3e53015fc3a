package nl.vindplaats.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.outbound.OutboundHttp;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.HeldLease;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Delivers the change log to the subscriptions: each subscription reads the log from its own stored position and
 * sends every change its filter matches, one at a time and in the log's order, so that the events of one record
 * arrive in order. An event is delivered at least once: the position moves past it only after a 2xx, durably, so
 * after a crash or a stop it is sent again. A failed event holds up the later ones of its subscription (not those
 * of others) and is retried on the {@link RetrySchedule}; after a day in vain the subscription is paused, and a 410
 * disables it.
 *
 * <p>Across the nodes sharing a store, each subscription's stream is a job of {@link Jobs} (kind {@value #JOB}, keyed by
 * the subscription): a node delivers only while it holds the lease, so one node at a time sends a subscription's
 * events, in order. When that node dies its lease runs out and another node continues from the stored position (the
 * event that was in flight may come twice); a node that stops finishes its event and gives the job up.
 *
 * <p>The log is read every poll interval; the clock decides what is due, so that tests move time on instead of
 * waiting for it.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int BATCH = 200;
    /** Of a receiver's answer only this much is read (and thrown away), so that the connection can be reused. */
    private static final long ANSWER_BYTES_READ = 64 * 1024;
    /** The job of delivering one subscription's events; its key is the subscription's id. */
    public static final String JOB = "webhook";
    /** Renewed at a third of it while events go out; well over one attempt's timeout. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final Subscriptions subscriptions;
    private final RecordStore store;
    private final OutboundHttp http;
    private final Map<String, NotifiableKind> kinds;
    private final NotificationSettings settings;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final RetrySchedule schedule;
    private final Jobs jobs;
    private final String node;
    private final boolean aloneOnTheStore;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Object signal = new Object();
    private volatile boolean closing;
    private boolean woken;
    private Thread dispatcher;

    /**
     * @param node            this node's name in job leases
     * @param aloneOnTheStore no other node shares the store (SQLite): leases left by this node's earlier life are
     *                        given up at the start instead of waited for
     */
    public Notifier(Subscriptions subscriptions, RecordStore store, OutboundHttp http, List<NotifiableKind> kinds,
                    NotificationSettings settings, Clock clock, Supplier<String> baseUrl, RandomGenerator random,
                    Jobs jobs, String node, boolean aloneOnTheStore) {
        this.jobs = jobs;
        this.node = node;
        this.aloneOnTheStore = aloneOnTheStore;
        this.subscriptions = subscriptions;
        this.store = store;
        this.http = http;
        this.kinds = kinds.stream().collect(java.util.stream.Collectors.toMap(NotifiableKind::recordKind,
                Function.identity()));
        this.settings = settings;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.schedule = new RetrySchedule(settings.retryFor(), random);
        this.slots = new Semaphore(Math.max(1, settings.concurrency()));
    }

    /** The kinds subscribers may name in a filter. */
    public Set<String> kindNames() {
        return kinds.values().stream().map(NotifiableKind::name).collect(java.util.stream.Collectors.toSet());
    }

    public OutboundHttp http() {
        return http;
    }

    public void start() {
        if (aloneOnTheStore) {
            jobs.releaseAll(JOB);
        }
        dispatcher = Thread.ofVirtual().name("webhook-dispatcher").start(this::dispatch);
    }

    /** Looks at the subscriptions now rather than at the next poll (a new change, a new subscription). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void dispatch() {
        while (!closing) {
            try {
                startDue();
            } catch (RuntimeException e) {
                LOG.warn("Looking for webhook deliveries failed: {}", e.toString());
            }
            synchronized (signal) {
                if (!woken && !closing) {
                    try {
                        signal.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    private void startDue() {
        Instant now = clock.instant();
        long last = store.lastSeq();
        // Every subscription with something to send gets its job (unless it has one); then this node claims what it can.
        for (Subscription s : subscriptions.active()) {
            if (closing) {
                return;
            }
            if (s.isDueAt(now) && (s.position() < last || s.attempts() > 0)) {
                jobs.schedule(JOB, s.id(), now);
            }
        }
        while (!closing && slots.tryAcquire()) {
            Optional<Jobs.Lease> claimed = jobs.claim(JOB, node, LEASE);
            if (claimed.isEmpty()) {
                slots.release();
                return;
            }
            HeldLease lease = HeldLease.keep(jobs, claimed.get(), LEASE);
            workers.submit(() -> {
                try {
                    deliver(lease);
                } catch (RuntimeException e) {
                    LOG.warn("Delivering to subscription {} failed: {}", lease.key(), e.toString());
                } finally {
                    lease.complete(); // what is left to send gets a new job at the next look
                    slots.release();
                }
            });
        }
    }

    /**
     * Sends the subscription's events from its position on, until the log ends, an attempt fails, we stop, or the
     * lease is lost (another node continues then).
     */
    private void deliver(HeldLease lease) {
        String id = lease.key();
        Subscription s = subscriptions.find(id).orElse(null);
        if (s == null || !s.isDueAt(clock.instant())) {
            return;
        }
        long position = s.position();
        long saved = position;
        while (!closing && lease.held()) {
            List<Change> batch = store.changesAfter(position, BATCH);
            for (Change change : batch) {
                if (closing || !lease.held()) {
                    break;
                }
                Event event = eventOf(s, change);
                if (event == null) {
                    position = change.seq();
                    continue;
                }
                int attempt = s.attempts() + 1;
                Delivery delivery = send(s, event, attempt);
                subscriptions.log(delivery);
                if (delivery.succeeded()) {
                    position = change.seq();
                    subscriptions.advance(id, position);
                    saved = position;
                    s = withoutFailures(s);
                    continue;
                }
                fail(s, position, attempt, delivery, event.retryAfter);
                return;
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (position != saved && lease.held()) {
            subscriptions.advance(id, position);
        }
    }

    private void fail(Subscription s, long position, int attempt, Delivery delivery, Duration retryAfter) {
        Instant now = clock.instant();
        Instant failingSince = s.failingSince() != null ? s.failingSince() : now;
        String what = delivery.statusCode() != null ? "HTTP status " + delivery.statusCode() : delivery.error();
        if (Integer.valueOf(410).equals(delivery.statusCode())) {
            subscriptions.stop(s.id(), position, attempt, failingSince, Subscription.DISABLED,
                    "the receiver answered 410 Gone at " + now + " (event " + delivery.webhookId() + ")", now);
            LOG.info("Webhook subscription {} disabled: its receiver answered 410 Gone", s.id());
            return;
        }
        Instant next = schedule.next(failingSince, attempt, now, retryAfter);
        if (next == null) {
            subscriptions.stop(s.id(), position, attempt, failingSince, Subscription.PAUSED,
                    "no delivery succeeded for " + settings.retryFor().toHours() + " hours since " + failingSince + " ("
                            + attempt + " attempts of event " + delivery.webhookId() + "; the last: " + what + ")", now);
            LOG.info("Webhook subscription {} paused after {} failed attempts", s.id(), attempt);
            return;
        }
        subscriptions.failed(s.id(), position, attempt, failingSince, next);
    }

    private static Subscription withoutFailures(Subscription s) {
        return new Subscription(s.id(), s.owner(), s.url(), s.filter(), s.secret(), s.state(), s.reason(), s.position(),
                0, null, null, s.version(), s.created(), s.modified());
    }

    /** One change as this subscription's event, or null when the subscription is not to hear of it. */
    private Event eventOf(Subscription s, Change change) {
        if (change.isRelayout()) {
            return null;
        }
        StoredRecord record = change.record();
        NotifiableKind kind = kinds.get(record.kind());
        if (kind == null || !s.filter().matches(kind, record)) {
            return null;
        }
        boolean own = s.owner() == null || s.owner().equals(record.organisation());
        if (!own && !kind.isPublic().test(record)) {
            return null;
        }
        String type = kind.name() + "." + (kind.isGone().test(record) ? "deleted"
                : record.version() == 1 ? "created" : "updated");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", record.id());
        data.put("kind", kind.name());
        data.put("organisation", record.organisation());
        data.put("url", baseUrl.get() + kind.path().apply(record));
        data.put("change", change.seq());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", record.modified().toString());
        payload.put("data", data);
        return new Event("msg_" + s.id().replace("-", "") + "_" + change.seq(), type, change.seq(),
                Json.write(payload).getBytes(StandardCharsets.UTF_8));
    }

    private Delivery send(Subscription s, Event event, int attempt) {
        Instant at = clock.instant();
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", event.id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigning.signature(s.secret(), event.id, timestamp, event.body));
        long started = System.nanoTime();
        OutboundHttp.Outcome outcome = http.send(OutboundHttp.Call.post(s.url(), headers, event.body));
        Integer status = null;
        String error = null;
        if (outcome instanceof OutboundHttp.Failed failed) {
            error = failed.reason();
        } else {
            OutboundHttp.Answer answer = (OutboundHttp.Answer) outcome;
            status = answer.status();
            if (status == 429 || status == 503) {
                event.retryAfter = retryAfter(answer.header("retry-after"), at);
            }
            if (status >= 300 && status < 400) {
                error = "redirects are not followed (Location: " + answer.header("location") + ")";
            }
            http.readAtMost(answer, ANSWER_BYTES_READ);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Delivery(s.id(), at, event.id, event.change, event.type, attempt, status, millis, error);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            try {
                return Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static final class Event {
        final String id;
        final String type;
        final long change;
        final byte[] body;
        Duration retryAfter;

        Event(String id, String type, long change, byte[] body) {
            this.id = id;
            this.type = type;
            this.change = change;
            this.body = body;
        }
    }

    @Override
    public void close() {
        closing = true;
        wake();
        if (dispatcher != null) {
            try {
                dispatcher.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
