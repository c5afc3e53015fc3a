package nl.vindplaats.harvest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.IfMatch;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;
import nl.vindplaats.store.StoredRecord;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harvest part of the platform API: sources ({@code /platform/v1/harvest-sources}) and their runs. A source and
 * its runs are for the platform's admins and the admins of the organisation the source fills.
 */
public final class HarvestApi {
    public static final String SOURCES = "/platform/v1/harvest-sources";
    private static final Duration SHORTEST_SCHEDULE = Duration.ofMinutes(1);
    private static final Set<String> FIELDS = Set.of("type", "url", "organisation", "title", "schedule", "options",
            "id", "version", "created", "modified");

    private final HarvestRuns runs;
    private final HarvestRunner runner;
    private final HarvestHttp http;
    private final Organisations organisations;

    public HarvestApi(HarvestRuns runs, HarvestRunner runner, HarvestHttp http, Organisations organisations) {
        this.runs = runs;
        this.runner = runner;
        this.http = http;
        this.organisations = organisations;
    }

    public List<Operation> operations() {
        Permission.Requires ofSource = Permission.requires(Level.ADMIN, (ctx, token) -> sourceResource(ctx));
        return List.of(
                Operation.read("harvest-source.list", HandlerType.GET, SOURCES,
                        Permission.requires(Level.ADMIN, (ctx, token) -> token.scope()), this::list),
                Operation.write("harvest-source.create", HandlerType.POST, SOURCES,
                        Permission.requires(Level.ADMIN, (ctx, token) -> requestedOrganisation(ctx)), this::create),
                Operation.read("harvest-source.show", HandlerType.GET, SOURCES + "/{sourceId}", ofSource, this::show),
                Operation.write("harvest-source.update", HandlerType.PUT, SOURCES + "/{sourceId}", ofSource,
                        this::update),
                Operation.write("harvest-source.delete", HandlerType.DELETE, SOURCES + "/{sourceId}", ofSource,
                        this::delete),
                Operation.write("harvest-run.start", HandlerType.POST, SOURCES + "/{sourceId}/runs", ofSource,
                        this::startRun),
                Operation.read("harvest-run.list", HandlerType.GET, SOURCES + "/{sourceId}/runs", ofSource,
                        this::listRuns),
                Operation.read("harvest-run.show", HandlerType.GET, SOURCES + "/{sourceId}/runs/{runId}", ofSource,
                        this::showRun));
    }

    private StoredRecord existing(Context ctx) {
        String id = ctx.pathParam("sourceId");
        return runs.sourceRecord(id).orElseThrow(() -> ApiError.notFound("There is no harvest source " + id + "."));
    }

    private Resource sourceResource(Context ctx) {
        return Resource.organisation(existing(ctx).organisation());
    }

    private Resource requestedOrganisation(Context ctx) {
        ObjectNode body;
        try {
            body = Requests.jsonObject(ctx);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        }
        // Without a known organisation only a platform admin gets as far as being told everything that is wrong.
        String named = body.path("organisation").asText("");
        return named.isBlank() ? Resource.PLATFORM : organisations.find(named)
                .map(v -> Resource.organisation(v.organisation().id())).orElse(Resource.PLATFORM);
    }

    private String organisation(String idOrSlug) {
        if (idOrSlug == null || idOrSlug.isBlank()) {
            throw ApiError.invalid("organisation", "required: the organisation whose records the source fills "
                    + "(its TOOI URI or slug)");
        }
        return organisations.find(idOrSlug).map(v -> v.organisation().id())
                .orElseThrow(() -> ApiError.invalid("organisation", "there is no organisation " + idOrSlug));
    }

    private void list(Context ctx) {
        Requests.Page page = Requests.page(ctx);
        ApiToken token = Routes.token(ctx);
        List<StoredRecord> visible = runs.sources().stream()
                .filter(r -> token.allows(Resource.organisation(r.organisation()), Level.ADMIN)).toList();
        Requests.pageLinks(ctx, page, visible.size());
        ctx.json(Map.of("total", visible.size(), "page", page.page(), "pageSize", page.pageSize(),
                "sources", visible.stream().skip(page.offset()).limit(page.pageSize()).map(HarvestApi::sourceJson)
                        .toList()));
    }

    private void show(Context ctx) {
        StoredRecord found = existing(ctx);
        ctx.header("ETag", Requests.etag(found.version())).json(sourceJson(found));
    }

    private void create(Context ctx) throws JsonProcessingException {
        HarvestSource source = read(Requests.jsonObject(ctx), Ids.uuid());
        StoredRecord created = runs.createSource(source);
        Routes.wroteRecord(ctx, HarvestRuns.SOURCE, created.id());
        ctx.status(201).header("Location", SOURCES + "/" + created.id())
                .header("ETag", Requests.etag(created.version())).json(sourceJson(created));
    }

    private void update(Context ctx) throws JsonProcessingException {
        IfMatch precondition = Requests.requiredIfMatch(ctx);
        StoredRecord current = existing(ctx);
        long expected = precondition.versionToReplace(current.version(), "Harvest source " + current.id());
        HarvestSource source = read(Requests.jsonObject(ctx), current.id());
        if (!source.organisation().equals(current.organisation())
                && !Routes.token(ctx).allows(Resource.organisation(source.organisation()), Level.ADMIN)) {
            throw new ApiError(403, "Forbidden", "Moving the source to another organisation needs admin rights on "
                    + "that organisation too.", List.of());
        }
        StoredRecord updated = runs.updateSource(source, expected);
        Routes.wroteRecord(ctx, HarvestRuns.SOURCE, updated.id());
        ctx.header("ETag", Requests.etag(updated.version())).json(sourceJson(updated));
    }

    private void delete(Context ctx) {
        StoredRecord current = existing(ctx);
        runs.deleteSource(current);
        Routes.wroteRecord(ctx, HarvestRuns.SOURCE, current.id());
        ctx.status(204);
    }

    private void startRun(Context ctx) {
        StoredRecord current = existing(ctx);
        boolean full = false;
        if (!ctx.body().isBlank()) {
            ObjectNode body;
            try {
                body = Requests.jsonObject(ctx);
            } catch (JsonProcessingException e) {
                throw ApiError.invalid("body", "not valid JSON: " + e.getOriginalMessage());
            }
            List<InvalidParam> invalid = new ArrayList<>();
            body.fieldNames().forEachRemaining(f -> {
                if (!f.equals("full")) {
                    invalid.add(new InvalidParam(f, "unknown field"));
                }
            });
            if (body.has("full") && !body.get("full").isBoolean()) {
                invalid.add(new InvalidParam("full", "true (list everything, withdraw what is gone) or false"));
            }
            if (!invalid.isEmpty()) {
                throw ApiError.badRequest("The run request is not valid.", invalid);
            }
            full = body.path("full").asBoolean(false);
        }
        StoredRecord run;
        try {
            run = runner.request(HarvestRuns.source(current), full, "token " + Routes.token(ctx).id());
        } catch (HarvestRunner.RunInProgress e) {
            throw ApiError.conflict(e.getMessage());
        }
        Routes.wroteRecord(ctx, HarvestRuns.RUN, run.id());
        ctx.status(202).header("Location", SOURCES + "/" + current.id() + "/runs/" + run.id()).json(runJson(run));
    }

    private void listRuns(Context ctx) {
        StoredRecord source = existing(ctx);
        Requests.Page page = Requests.page(ctx);
        List<StoredRecord> all = runs.runsOf(source.id());
        Requests.pageLinks(ctx, page, all.size());
        ctx.json(Map.of("total", all.size(), "page", page.page(), "pageSize", page.pageSize(),
                "runs", all.stream().skip(page.offset()).limit(page.pageSize()).map(HarvestApi::runJson).toList()));
    }

    private void showRun(Context ctx) {
        StoredRecord source = existing(ctx);
        String runId = ctx.pathParam("runId");
        StoredRecord run = runs.run(runId).filter(r -> r.body().path("sourceId").asText().equals(source.id()))
                .orElseThrow(() -> ApiError.notFound("There is no run " + runId + " of this source."));
        ctx.json(runJson(run));
    }

    private HarvestSource read(ObjectNode body, String id) {
        List<InvalidParam> invalid = new ArrayList<>();
        String type = body.path("type").asText("");
        if (runner.harvester(type).isEmpty()) {
            invalid.add(new InvalidParam("type", "one of " + new TreeSet<>(runner.types())));
        }
        String url = body.path("url").asText("");
        String refusal = isHttpUrl(url) ? http.refusal(url) : "required: an http or https URL";
        // A host that does not resolve now may resolve at the run (which then reports it); an internal one is refused.
        if (refusal != null && !refusal.startsWith("unknown host")) {
            invalid.add(new InvalidParam("url", refusal));
        }
        String organisation = null;
        try {
            organisation = organisation(body.path("organisation").asText(null));
        } catch (ApiError e) {
            invalid.addAll(e.invalidParams());
        }
        String title = body.hasNonNull("title") ? body.get("title").asText().strip() : null;
        if (title != null && title.length() > 300) {
            invalid.add(new InvalidParam("title", "at most 300 characters"));
        }
        Duration schedule = null;
        JsonNode scheduleNode = body.get("schedule");
        if (scheduleNode != null && !scheduleNode.isNull()) {
            try {
                schedule = Duration.parse(scheduleNode.asText());
                if (schedule.compareTo(SHORTEST_SCHEDULE) < 0) {
                    invalid.add(new InvalidParam("schedule", "at least PT1M"));
                }
            } catch (DateTimeParseException e) {
                invalid.add(new InvalidParam("schedule", "an ISO-8601 duration such as PT6H or P1D, or null for "
                        + "runs on request only"));
            }
        }
        ObjectNode options = Json.object();
        JsonNode optionsNode = body.get("options");
        if (optionsNode != null && !optionsNode.isNull()) {
            if (!optionsNode.isObject()) {
                invalid.add(new InvalidParam("options", "an object"));
            } else {
                options = ((ObjectNode) optionsNode).deepCopy();
                JsonNode trusted = options.get(HarvestSource.TRUSTED_TO_NAME_ORGANISATION);
                if (trusted != null && !trusted.isBoolean()) {
                    invalid.add(new InvalidParam("options." + HarvestSource.TRUSTED_TO_NAME_ORGANISATION,
                            "true or false"));
                }
                ObjectNode given = options;
                runner.harvester(type).ifPresent(h -> h.optionProblems(given)
                        .forEach(p -> invalid.add(new InvalidParam("options", p))));
            }
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                invalid.add(new InvalidParam(field, "unknown field"));
            }
        });
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The harvest source is not valid.", invalid);
        }
        return new HarvestSource(id, type, url, organisation, title, schedule, options);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static Map<String, Object> sourceJson(StoredRecord r) {
        HarvestSource s = HarvestRuns.source(r);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("type", s.type());
        json.put("url", s.url());
        json.put("organisation", s.organisation());
        json.put("title", s.title());
        json.put("schedule", s.schedule() == null ? null : s.schedule().toString());
        json.put("options", s.options());
        json.put("version", r.version());
        json.put("created", r.created().toString());
        json.put("modified", r.modified().toString());
        return json;
    }

    static Map<String, Object> runJson(StoredRecord r) {
        ObjectNode b = r.body();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("sourceId", b.path("sourceId").asText());
        json.put("state", r.state());
        json.put("full", b.path("full").asBoolean());
        json.put("requestedAt", b.path("requestedAt").asText());
        json.put("startedAt", b.path("startedAt").isNull() ? null : b.path("startedAt").asText(null));
        json.put("finishedAt", b.path("finishedAt").isNull() ? null : b.path("finishedAt").asText(null));
        json.put("counts", b.path("counts"));
        json.put("progress", b.path("progress"));
        json.put("requests", b.path("requests"));
        json.put("restarts", b.path("restarts").asInt(0));
        json.put("node", b.path("node").asText(null));
        json.put("message", b.path("message").asText(null));
        json.put("failures", b.path("failures"));
        return json;
    }
}
