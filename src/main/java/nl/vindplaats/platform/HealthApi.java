package nl.vindplaats.platform;

import nl.vindplaats.base.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecordStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Liveness, readiness (store and index) and Prometheus metrics, for operators and load balancers. */
public final class HealthApi {
    private final Database database;
    private final RecordStore store;
    private final SearchIndex index;
    private final StorageGuard storage;
    private final PrometheusMeterRegistry metrics;

    public HealthApi(Database database, RecordStore store, SearchIndex index, StorageGuard storage,
                     PrometheusMeterRegistry metrics) {
        this.database = database;
        this.store = store;
        this.index = index;
        this.storage = storage;
        this.metrics = metrics;
    }

    public List<Operation> operations() {
        return List.of(
                Operation.read("health", HandlerType.GET, "/health", Permission.anyone(), this::health),
                Operation.read("health.live", HandlerType.GET, "/health/live", Permission.anyone(),
                        ctx -> ctx.json(Map.of("status", "UP"))),
                Operation.read("health.ready", HandlerType.GET, "/health/ready", Permission.anyone(), this::health),
                Operation.read("metrics", HandlerType.GET, "/metrics", Permission.anyone(), ctx ->
                        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())));
    }

    private void health(Context ctx) {
        boolean storeUp = database.isReachable();
        boolean indexUp = index.isHealthy();
        Map<String, Object> storeCheck = new LinkedHashMap<>();
        storeCheck.put("status", storeUp ? "UP" : "DOWN");
        storeCheck.put("database", database.dialect().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> indexCheck = new LinkedHashMap<>();
        indexCheck.put("status", indexUp ? "UP" : "DOWN");
        Long documents = documentCount();
        if (documents != null) {
            indexCheck.put("documents", documents);
        }
        indexCheck.put("appliedChange", index.appliedSeq());
        indexCheck.put("startedFrom", index.origin()); // "opened", "rebuilt" or "snapshot seq N"
        if (storeUp) {
            indexCheck.put("lag", Math.max(0, store.lastSeq() - index.appliedSeq()));
        }
        if (!indexUp) {
            indexCheck.put("reason", "the index cannot take changes; it is reopened and caught up from the change log "
                    + "as soon as it can be, and writes are refused until then");
        }
        boolean up = storeUp && indexUp;
        Map<String, Object> checks = Map.of("store", storeCheck, "index", indexCheck, "disk", storage.diskCheck());
        Map<String, Object> body = new LinkedHashMap<>();
        if (!up) {
            // Not ready is an error answer, so it is problem details (RFC 9457, as the API Design Rules want)
            // with the checks as an extension member: load balancers read the 503, operators the reason.
            body.put("type", "about:blank");
            body.put("title", "Service Unavailable");
            body.put("status", 503);
            body.put("detail", "Not ready: " + (storeUp ? "" : "the store is down")
                    + (storeUp || indexUp ? "" : " and ") + (indexUp ? "" : "the index is down") + ".");
            body.put("instance", ctx.path());
            body.put("checks", checks);
            ctx.status(503).contentType("application/problem+json").result(Json.write(body));
            return;
        }
        // A full disk refuses writes but every read is still answered: the node stays in service, and says why.
        body.put("status", storage.diskFull() ? "DEGRADED" : "UP");
        body.put("checks", checks);
        ctx.status(200).json(body);
    }

    /** The indexed documents, or null when the index cannot be read (closed or broken): /health never fails. */
    private Long documentCount() {
        try {
            return index.documentCount();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
