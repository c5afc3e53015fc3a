package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sources, runs and each source's harvest state as records of the store (kinds {@code harvest-source},
 * {@code harvest-run}, {@code harvest-state}): they survive a restart, and a node sharing the database sees them.
 * They are not findable through the index (no projection): they are listed per source.
 */
public final class HarvestRuns {
    static final String SOURCE = "harvest-source";
    static final String RUN = "harvest-run";
    /** Per source: when the last successful (and full) run started, and the validators of its answers. */
    static final String STATE = "harvest-state";

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    static final List<String> COUNTS = List.of("created", "updated", "unchanged", "withdrawn", "failed");

    private final RecordStore store;
    private final Clock clock;

    public HarvestRuns(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // --- sources ---

    static HarvestSource source(StoredRecord record) {
        ObjectNode b = record.body();
        String schedule = b.path("schedule").asText(null);
        return new HarvestSource(record.id(), b.path("type").asText(), b.path("url").asText(),
                record.organisation(), b.path("title").asText(null),
                schedule == null ? null : Duration.parse(schedule),
                b.path("options").isObject() ? (ObjectNode) b.get("options") : Json.object());
    }

    Optional<StoredRecord> sourceRecord(String id) {
        return store.get(SOURCE, id).filter(r -> !"deleted".equals(r.state()));
    }

    List<StoredRecord> sources() {
        return store.allOf(SOURCE).stream().filter(r -> !"deleted".equals(r.state()))
                .sorted(Comparator.comparing(StoredRecord::created).thenComparing(StoredRecord::id)).toList();
    }

    StoredRecord createSource(HarvestSource s) {
        return store.create(new NewVersion(SOURCE, s.id(), null, s.organisation(), "active", sourceBody(s), "created"));
    }

    StoredRecord updateSource(HarvestSource s, long expectedVersion) {
        return store.update(new NewVersion(SOURCE, s.id(), null, s.organisation(), "active", sourceBody(s),
                "updated"), expectedVersion);
    }

    /** A deleted source keeps its records (they stay harvested, and refuse writes); its runs stay readable. */
    void deleteSource(StoredRecord current) {
        store.update(new NewVersion(SOURCE, current.id(), null, current.organisation(), "deleted", current.body(),
                "deleted"), current.version());
    }

    private static ObjectNode sourceBody(HarvestSource s) {
        ObjectNode b = Json.object();
        b.put("type", s.type()).put("url", s.url());
        if (s.title() != null) {
            b.put("title", s.title());
        }
        b.put("schedule", s.schedule() == null ? null : s.schedule().toString());
        b.set("options", s.options());
        return b;
    }

    // --- runs ---

    Optional<StoredRecord> run(String id) {
        return store.get(RUN, id);
    }

    /** The runs of a source, newest first. */
    List<StoredRecord> runsOf(String sourceId) {
        return store.allOf(RUN).stream().filter(r -> r.body().path("sourceId").asText().equals(sourceId))
                .sorted(Comparator.comparing((StoredRecord r) -> r.body().path("requestedAt").asText()).reversed()
                        .thenComparing(StoredRecord::id, Comparator.reverseOrder()))
                .toList();
    }

    /** Runs that were queued or running when the service last stopped. */
    List<StoredRecord> unfinished() {
        return store.allOf(RUN).stream().filter(r -> r.state().equals(QUEUED) || r.state().equals(RUNNING))
                .sorted(Comparator.comparing((StoredRecord r) -> r.body().path("requestedAt").asText())).toList();
    }

    StoredRecord queue(HarvestSource source, boolean full, String requestedBy) {
        ObjectNode b = Json.object();
        b.put("sourceId", source.id()).put("full", full).put("requestedAt", clock.instant().toString())
                .put("requestedBy", requestedBy);
        b.putNull("startedAt");
        b.putNull("finishedAt");
        resetCounts(b);
        return store.create(new NewVersion(RUN, Ids.uuid(), null, source.organisation(), QUEUED, b, "queued"));
    }

    static void resetCounts(ObjectNode b) {
        ObjectNode counts = b.putObject("counts");
        COUNTS.forEach(c -> counts.put(c, 0));
        b.putObject("progress").put("done", 0).putNull("total");
        b.putObject("requests").put("requests", 0).put("notModified", 0);
        b.putArray("failures");
    }

    /** A run's record as its runner changes it: one writer, so each write names the version it last wrote. */
    final class Progress {
        private StoredRecord current;
        private final ObjectNode body;
        private String state;

        Progress(StoredRecord run) {
            this.current = run;
            this.body = run.body().deepCopy();
            this.state = run.state();
        }

        ObjectNode body() {
            return body;
        }

        String id() {
            return current.id();
        }

        void count(String requestCount) {
            ObjectNode requests = body.with("requests");
            requests.put(requestCount, requests.path(requestCount).asLong() + 1);
        }

        synchronized void state(String next) {
            state = next;
            write();
        }

        synchronized void write() {
            current = store.update(new NewVersion(RUN, current.id(), null, current.organisation(), state,
                    body.deepCopy(), state), current.version());
        }
    }

    Progress progress(StoredRecord run) {
        return new Progress(run);
    }

    // --- per-source state ---

    record SourceState(Instant lastSuccessfulStart, Instant lastFullSuccessfulStart,
                       Map<String, HarvestHttp.Validators> validators) {
    }

    SourceState state(String sourceId) {
        Optional<StoredRecord> found = store.get(STATE, sourceId);
        if (found.isEmpty()) {
            return new SourceState(null, null, Map.of());
        }
        ObjectNode b = found.get().body();
        Map<String, HarvestHttp.Validators> validators = new ConcurrentHashMap<>();
        b.path("validators").properties().forEach(e -> validators.put(e.getKey(), new HarvestHttp.Validators(
                e.getValue().path("etag").asText(null), e.getValue().path("lastModified").asText(null))));
        return new SourceState(instant(b.get("lastSuccessfulStart")), instant(b.get("lastFullSuccessfulStart")),
                validators);
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    /** After a run without errors: the base of the next incremental run and of its conditional requests. */
    void succeeded(HarvestSource source, Instant started, boolean full, ObjectNode validators) {
        Optional<StoredRecord> current = store.get(STATE, source.id());
        ObjectNode b = Json.object();
        b.put("lastSuccessfulStart", started.toString());
        b.set("lastFullSuccessfulStart", full ? Json.MAPPER.getNodeFactory().textNode(started.toString())
                : current.map(r -> r.body().path("lastFullSuccessfulStart")).orElse(Json.MAPPER.getNodeFactory().nullNode()));
        b.set("validators", validators);
        NewVersion next = new NewVersion(STATE, source.id(), null, source.organisation(), "active", b, "succeeded");
        if (current.isEmpty()) {
            store.create(next);
        } else {
            store.update(next, current.get().version());
        }
    }
}
