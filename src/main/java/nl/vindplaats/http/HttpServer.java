package nl.vindplaats.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JsonMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nl.vindplaats.access.AccessControl;
import nl.vindplaats.access.AccessDenied;
import nl.vindplaats.access.AuditLog;
import nl.vindplaats.access.RateLimits;
import nl.vindplaats.base.Json;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.store.StorageFullException;
import nl.vindplaats.search.QueryLimits;
import nl.vindplaats.store.VersionConflictException;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server: Javalin on virtual threads, with what every request gets — rate limits, token
 * identification, API-Version header, CORS, gzip, body size limits, errors in the right format,
 * and request metrics per route.
 */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String STARTED = "vindplaats.started";
    /** The title of a search refused by {@link QueryLimits}: CKAN's error type for a query Solr refuses. */
    public static final String QUERY_REFUSED = "Search Query Error";

    private static final long STORAGE_FULL_RETRY_SECONDS = 30;
    private static final long OBJECT_STORE_RETRY_SECONDS = 10;
    private final GracefulHandler draining = new GracefulHandler();
    private final PrometheusMeterRegistry metrics;
    private final ThrottledLog errors;
    private final ThrottledLog refusals;
    /** Each operation's path as a pattern, for naming the route of a request refused before routing. */
    private final Map<Pattern, String> routeTemplates = new LinkedHashMap<>();
    private final Javalin app;
    private final List<ApiSurface> surfaces;

    public HttpServer(Routes routes, List<ApiSurface> apiSurfaces, AccessControl access, AuditLog audit,
                      RateLimits rateLimits, PrometheusMeterRegistry metrics, long maxRequestBytes,
                      Duration shutdownGrace, TrustedProxies trustedProxies) {
        this.metrics = metrics;
        this.errors = ThrottledLog.errors(LOG, metrics);
        this.refusals = new ThrottledLog((line, e) -> LOG.info(line), java.time.Clock.systemUTC(), metrics, null);
        for (Operation operation : routes.operations()) {
            StringBuilder regex = new StringBuilder();
            for (String part : operation.path().split("(?=\\{)|(?<=})")) {
                regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
            }
            routeTemplates.putIfAbsent(Pattern.compile(regex.toString()), operation.path());
        }
        this.surfaces = apiSurfaces.stream()
                .sorted(Comparator.comparingInt((ApiSurface s) -> s.basePath().length()).reversed())
                .toList();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = maxRequestBytes;
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.router.ignoreTrailingSlashes = false;
            config.jsonMapper(new JacksonMapper());
            // ctx.ip(), for rate limits and the audit log, is the client's address (see TrustedProxies).
            config.contextResolver.ip = ctx -> trustedProxies.clientAddress(ctx.req().getRemoteAddr(),
                    ctx.header("Forwarded"), ctx.header("X-Forwarded-For"));
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.anyHost();
                rule.exposeHeader("API-Version");
                rule.exposeHeader("Location");
                rule.exposeHeader("ETag");
                rule.exposeHeader("Link");
                rule.exposeHeader("X-Session-ID");
            }));
            config.jetty.modifyServer(server -> {
                // On stop, Jetty's connector closes its listening socket and waits (up to the stop timeout)
                // until every connection is closed, so requests in flight finish. The GracefulHandler
                // answers 503 + Connection: close to new requests that arrive on kept-alive connections
                // meanwhile, instead of serving them and stretching the drain until the timeout cuts them.
                server.insertHandler(draining);
                server.setErrorHandler(new ProblemErrorHandler());
                server.setStopTimeout(shutdownGrace.toMillis());
            });

            config.routes.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                ApiSurface surface = surfaceOf(ctx.path());
                if (surface.version() != null) {
                    ctx.header("API-Version", surface.version());
                }
                // Monitoring polls often from one address, and must see the service even while a flood is refused.
                if (!isOperations(ctx.path())) {
                    refuseWhenLimited(rateLimits.forAddress(ctx.ip()));
                }
                // A JSONP response can be read by any web site, so a request asking for one is served
                // as anonymous, whatever token it carries (CKAN does the same).
                if (ctx.method() == io.javalin.http.HandlerType.GET && ctx.queryParam("callback") != null) {
                    return;
                }
                // Besides X-API-Key and Authorization, clients of the systems we stand in for send the same
                // platform tokens where they always did: PLOOI's Aanlever-Token, CKAN's X-CKAN-API-Key (2.9 and older).
                access.identify(ctx::header)
                        .ifPresent(token -> {
                    ctx.attribute(Routes.TOKEN, token);
                    refuseWhenLimited(rateLimits.forToken(token.id()));
                });
            });
            routes.install(config, access, audit);
            config.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED);
                if (started == null) {
                    return;
                }
                String route = ctx.endpoints().lastHttpEndpoint() != null
                        ? ctx.endpoints().lastHttpEndpoint().path : "unmatched";
                Timer.builder("http.server.requests")
                        .tag("method", ctx.method().name())
                        .tag("route", route)
                        .tag("status", Integer.toString(ctx.statusCode()))
                        .register(metrics)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            });

            config.routes.exception(ApiError.class, (e, ctx) -> write(ctx, e));
            config.routes.exception(AccessDenied.class, (e, ctx) -> {
                refused(ctx, e.status(), e.isUnauthenticated() ? "unauthenticated" : "forbidden");
                if (e.isUnauthenticated()) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                write(ctx, new ApiError(e.status(), e.isUnauthenticated() ? "Unauthorized" : "Forbidden",
                        e.getMessage(), List.of()));
            });
            config.routes.exception(RateLimited.class, (e, ctx) -> {
                refused(ctx, 429, "rate-limited");
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
                write(ctx, new ApiError(429, "Too Many Requests", e.getMessage(), List.of()));
            });
            config.routes.exception(WriteGate.WritesRefused.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.refusal().retryAfterSeconds()));
                write(ctx, new ApiError(e.refusal().status(), titleOf(e.refusal().status()), e.getMessage(), List.of()));
            });
            config.routes.exception(VersionConflictException.class, (e, ctx) ->
                    write(ctx, ApiError.conflict(e.getMessage())));
            config.routes.exception(QueryLimits.Refused.class, (e, ctx) -> {
                refused(ctx, 400, "query-limit");
                write(ctx, new ApiError(400, QUERY_REFUSED, e.getMessage(), List.of()));
            });
            config.routes.exception(BlobStore.UnavailableException.class, (e, ctx) -> {
                errors.error("The object store failed on " + ctx.method() + " " + routeOf(ctx), e);
                ctx.header("Retry-After", Long.toString(OBJECT_STORE_RETRY_SECONDS));
                write(ctx, new ApiError(503, titleOf(503), "The file store is not available, so nothing was stored; "
                        + "retry after " + OBJECT_STORE_RETRY_SECONDS + " s.", List.of()));
            });
            config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                    write(ctx, ApiError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage(),
                            List.of(new InvalidParam("body", e.getOriginalMessage())))));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    write(ctx, new ApiError(e.getStatus(), titleOf(e.getStatus()), e.getMessage(), List.of())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                ApiError unreadable = unreadableBody(e);
                if (unreadable != null) {
                    write(ctx, unreadable);
                    return;
                }
                if (StorageFullException.isCause(e)) { // a file or the index found the disk full
                    ctx.header("Retry-After", Long.toString(STORAGE_FULL_RETRY_SECONDS));
                    write(ctx, new ApiError(507, titleOf(507), "The disk is full, so nothing was written; retry after "
                            + STORAGE_FULL_RETRY_SECONDS + " s.", List.of()));
                    return;
                }
                errors.error("Unhandled error on " + ctx.method() + " " + routeOf(ctx), e);
                write(ctx, new ApiError(500, "Internal Server Error", "The server failed; the error is logged.",
                        List.of()));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    write(ctx, ApiError.notFound("There is nothing at " + ctx.path() + "."));
                }
            });
            config.routes.error(405, ctx -> write(ctx, new ApiError(405, "Method Not Allowed",
                    ctx.method() + " is not allowed on " + ctx.path() + ".", List.of())));
        });
    }

    /**
     * Counts a refused request per route in {@code vindplaats_requests_refused_total}; the log line names the
     * route and the reason only, never a header (so never a secret), and is throttled like errors.
     */
    private void refused(Context ctx, int status, String reason) {
        String route = routeOf(ctx);
        Counter.builder("vindplaats.requests.refused").tag("route", route).tag("status", Integer.toString(status))
                .tag("reason", reason).register(metrics).increment();
        refusals.error("Refused (" + status + ", " + reason + ") " + ctx.method() + " " + route, null);
    }

    /** The route's path template, never the raw path: a tag per raw path would let a client grow the metrics. */
    private String routeOf(Context ctx) {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        return routeTemplates.entrySet().stream().filter(t -> t.getKey().matcher(ctx.path()).matches()).findFirst()
                .map(Map.Entry::getValue).orElse("unmatched");
    }

    private static boolean isOperations(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics");
    }

    /**
     * A body the server cannot read as sent: a charset Java does not know (Content-Type: ...; charset=bogus), or a
     * multipart body that is not one (Jetty's BadMessageException, wrapped by the servlet layer). Null for others.
     */
    static ApiError unreadableBody(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.charset.UnsupportedCharsetException
                    || cause instanceof java.nio.charset.IllegalCharsetNameException) {
                return new ApiError(415, titleOf(415), "The request's charset is not supported: "
                        + ((IllegalArgumentException) cause).getMessage() + "; send UTF-8.",
                        List.of(new InvalidParam("Content-Type", "unsupported charset")));
            }
            if (cause instanceof org.eclipse.jetty.http.BadMessageException bad) {
                return ApiError.badRequest("The request body cannot be read: " + bad.getReason() + ".",
                        List.of(new InvalidParam("body", String.valueOf(bad.getReason()))));
            }
        }
        return null;
    }

    private static void refuseWhenLimited(RateLimits.Verdict verdict) {
        if (!verdict.allowed()) {
            throw new RateLimited(verdict.retryAfterSeconds());
        }
    }

    /** Too many requests; carries how long to wait. */
    static final class RateLimited extends RuntimeException {
        final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super("Too many requests; retry after " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private ApiSurface surfaceOf(String path) {
        for (ApiSurface surface : surfaces) {
            if (path.equals(surface.basePath()) || path.startsWith(surface.basePath().endsWith("/")
                    ? surface.basePath() : surface.basePath() + "/")) {
                return surface;
            }
        }
        return surfaces.getLast();
    }

    private void write(Context ctx, ApiError error) {
        surfaceOf(ctx.path()).errors().write(ctx, error);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            case 507 -> "Insufficient Storage";
            default -> "Error";
        };
    }

    public HttpServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting, lets in-flight requests finish within the grace period, then closes. */
    public void stop() {
        // Refusing new requests first: Jetty shuts its connectors and this handler down side by side, and a
        // request on a kept-alive connection could arrive after the listening socket closed but before the
        // handler refused, and be served.
        draining.shutdown();
        app.stop();
    }

    private static final class JacksonMapper implements JsonMapper {
        @NotNull
        @Override
        public String toJsonString(@NotNull Object obj, @NotNull Type type) {
            return Json.write(obj);
        }

        @NotNull
        @Override
        public <T> T fromJsonString(@NotNull String json, @NotNull Type targetType) {
            try {
                return Json.MAPPER.readValue(json, Json.MAPPER.constructType(targetType));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @NotNull
        @Override
        public <T> T fromJsonStream(@NotNull InputStream json, @NotNull Type targetType) {
            try {
                return Json.MAPPER.readValue(json, Json.MAPPER.constructType(targetType));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
