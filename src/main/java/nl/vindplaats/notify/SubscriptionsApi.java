package nl.vindplaats.notify;

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
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;
import nl.vindplaats.store.RecordStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhook subscriptions in the platform API ({@code /platform/v1/subscriptions}). A subscription belongs to an
 * organisation (the token's, or one a platform admin names as {@code owner}); a token with write on that
 * organisation manages it, one with read sees it and its delivery log. The signing secret is shown once, at creation.
 */
public final class SubscriptionsApi {
    private static final String BASE = "/platform/v1/subscriptions";
    private static final int MAX_URL_LENGTH = 2000;
    private static final int MAX_TEXT_LENGTH = 200;
    private static final Set<String> STATES_SET_BY_OWNER = Set.of(Subscription.ACTIVE, Subscription.PAUSED);

    private final Subscriptions subscriptions;
    private final Notifier notifier;
    private final Organisations organisations;
    private final RecordStore store;
    private final Clock clock;

    public SubscriptionsApi(Subscriptions subscriptions, Notifier notifier, Organisations organisations,
                            RecordStore store, Clock clock) {
        this.subscriptions = subscriptions;
        this.notifier = notifier;
        this.organisations = organisations;
        this.store = store;
        this.clock = clock;
    }

    public List<Operation> operations() {
        Permission.ResourceLookup owner = (ctx, token) -> ownerResource(existing(ctx.pathParam("subscriptionId")));
        return List.of(
                Operation.read("subscription.list", HandlerType.GET, BASE,
                        Permission.requires(Level.READ, (ctx, token) -> token.scope()), this::list),
                Operation.write("subscription.create", HandlerType.POST, BASE,
                        Permission.requires(Level.WRITE, this::requestedOwner), this::create),
                Operation.read("subscription.show", HandlerType.GET, BASE + "/{subscriptionId}",
                        Permission.requires(Level.READ, owner), this::show),
                Operation.write("subscription.update", HandlerType.PUT, BASE + "/{subscriptionId}",
                        Permission.requires(Level.WRITE, owner), this::update),
                Operation.write("subscription.delete", HandlerType.DELETE, BASE + "/{subscriptionId}",
                        Permission.requires(Level.WRITE, owner), this::delete),
                Operation.read("subscription.deliveries", HandlerType.GET, BASE + "/{subscriptionId}/deliveries",
                        Permission.requires(Level.READ, owner), this::deliveries));
    }

    private Subscription existing(String id) {
        return subscriptions.find(id).orElseThrow(() -> ApiError.notFound("There is no subscription " + id + "."));
    }

    private static Resource ownerResource(Subscription s) {
        return s.owner() == null ? Resource.PLATFORM : Resource.organisation(s.owner());
    }

    /** The organisation named as {@code owner}, else the token's own; a platform token without one: the platform. */
    private Resource requestedOwner(Context ctx, ApiToken token) {
        ObjectNode body = body(ctx);
        if (body.hasNonNull("owner")) {
            String named = body.get("owner").asText();
            return organisations.find(named).map(o -> Resource.organisation(o.organisation().id()))
                    .orElseThrow(() -> ApiError.invalid("owner", "there is no organisation " + named));
        }
        Resource scope = token.scope();
        return scope.type() == Resource.Type.PLATFORM ? Resource.PLATFORM : Resource.organisation(scope.organisation());
    }

    private void list(Context ctx) {
        Requests.Page page = Requests.page(ctx);
        Resource scope = Routes.resource(ctx);
        List<Subscription> visible = subscriptions.all().stream().filter(s -> scope.covers(ownerResource(s))).toList();
        Requests.pageLinks(ctx, page, visible.size());
        ctx.json(Map.of("total", visible.size(), "page", page.page(), "pageSize", page.pageSize(),
                "subscriptions", visible.stream().skip(page.offset()).limit(page.pageSize())
                        .map(SubscriptionsApi::json).toList()));
    }

    private void create(Context ctx) {
        ObjectNode body = body(ctx);
        Resource owner = Routes.resource(ctx);
        Settings wanted = read(body, Set.of("owner", "url", "filter"), false);
        Instant now = clock.instant();
        // From now on: the changes already in the log are not this subscription's news.
        Subscription created = new Subscription(Ids.uuid(), owner.type() == Resource.Type.PLATFORM ? null : owner.id(),
                wanted.url, wanted.filter, WebhookSigning.newSecret(), Subscription.ACTIVE, null, store.lastSeq(), 0,
                null, null, 1, now, now);
        subscriptions.create(created);
        Map<String, Object> json = json(created);
        json.put("secret", created.secret());
        ctx.status(201).header("Location", BASE + "/" + created.id()).json(json);
    }

    private void show(Context ctx) {
        ctx.json(json(existing(ctx.pathParam("subscriptionId"))));
    }

    private void update(Context ctx) {
        Subscription current = existing(ctx.pathParam("subscriptionId"));
        Settings wanted = read(body(ctx), Set.of("url", "filter", "state"), true);
        String state = wanted.state != null ? wanted.state : current.state();
        if (!subscriptions.change(current.id(), wanted.url, wanted.filter, state, clock.instant())) {
            throw ApiError.notFound("There is no subscription " + current.id() + ".");
        }
        notifier.wake();
        ctx.json(json(existing(current.id())));
    }

    private void delete(Context ctx) {
        if (!subscriptions.delete(ctx.pathParam("subscriptionId"))) {
            throw ApiError.notFound("There is no subscription " + ctx.pathParam("subscriptionId") + ".");
        }
        ctx.status(204);
    }

    private void deliveries(Context ctx) {
        String id = existing(ctx.pathParam("subscriptionId")).id();
        Requests.Page page = Requests.page(ctx);
        long total = subscriptions.countDeliveries(id);
        Requests.pageLinks(ctx, page, total);
        ctx.json(Map.of("total", total, "page", page.page(), "pageSize", page.pageSize(),
                "deliveries", subscriptions.deliveries(id, page.offset(), page.pageSize()).stream().map(d -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("at", d.at().toString());
                    json.put("webhookId", d.webhookId());
                    json.put("eventType", d.eventType());
                    json.put("change", d.change());
                    json.put("attempt", d.attempt());
                    json.put("status", d.statusCode());
                    json.put("durationMs", d.durationMillis());
                    json.put("error", d.error());
                    json.put("succeeded", d.succeeded());
                    return json;
                }).toList()));
    }

    private record Settings(String url, Filter filter, String state) {
    }

    private Settings read(ObjectNode body, Set<String> fields, boolean stateAllowed) {
        List<InvalidParam> invalid = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                invalid.add(new InvalidParam(field, "unknown field"));
            }
        });
        String url = body.path("url").asText("");
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            invalid.add(new InvalidParam("url", urlProblem));
        }
        Filter filter = readFilter(body.path("filter"), invalid);
        String state = null;
        if (stateAllowed && body.has("state")) {
            state = body.path("state").asText("");
            if (!STATES_SET_BY_OWNER.contains(state)) {
                invalid.add(new InvalidParam("state", "active or paused"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The subscription is not valid.", invalid);
        }
        return new Settings(url, filter, state);
    }

    /** Why this target URL cannot be delivered to, by the same rules as every delivery; null when it can. */
    private String urlProblem(String url) {
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            return "required: an http or https URL of at most " + MAX_URL_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a valid URL: " + e.getReason();
        }
        if (uri.getRawUserInfo() != null) {
            return "must not hold a user name or password";
        }
        return notifier.http().refusal(uri);
    }

    private Filter readFilter(JsonNode node, List<InvalidParam> invalid) {
        if (node.isMissingNode() || node.isNull()) {
            return new Filter(List.of(), null, null);
        }
        if (!node.isObject()) {
            invalid.add(new InvalidParam("filter", "an object with kinds, organisation and q"));
            return null;
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!Set.of("kinds", "organisation", "q").contains(field)) {
                invalid.add(new InvalidParam("filter." + field, "unknown field"));
            }
        });
        Set<String> known = notifier.kindNames();
        List<String> kinds = new ArrayList<>();
        JsonNode kindsNode = node.path("kinds");
        if (!kindsNode.isMissingNode() && !kindsNode.isNull() && !kindsNode.isArray()) {
            invalid.add(new InvalidParam("filter.kinds", "a list of " + String.join(", ", new java.util.TreeSet<>(known))));
        }
        kindsNode.forEach(k -> {
            if (!k.isTextual() || !known.contains(k.asText())) {
                invalid.add(new InvalidParam("filter.kinds", "each one of " + String.join(", ", new java.util.TreeSet<>(known))));
            } else if (!kinds.contains(k.asText())) {
                kinds.add(k.asText());
            }
        });
        String organisation = null;
        if (node.hasNonNull("organisation")) {
            String named = node.get("organisation").asText();
            organisation = organisations.find(named).map(o -> o.organisation().id()).orElse(null);
            if (organisation == null) {
                invalid.add(new InvalidParam("filter.organisation", "there is no organisation " + named
                        + " (give its slug or its TOOI URI)"));
            }
        }
        String text = null;
        if (node.hasNonNull("q")) {
            text = node.get("q").asText().strip();
            if (text.length() > MAX_TEXT_LENGTH || Filter.words(text).isEmpty() && !text.isEmpty()) {
                invalid.add(new InvalidParam("filter.q", "words to look for, at most " + MAX_TEXT_LENGTH + " characters"));
            }
            if (text.isEmpty()) {
                text = null;
            }
        }
        return new Filter(kinds, organisation, text);
    }

    private static ObjectNode body(Context ctx) {
        try {
            return Requests.jsonObject(ctx);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> json(Subscription s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("owner", s.owner());
        json.put("url", s.url());
        json.put("filter", s.filter().json());
        json.put("state", s.state());
        json.put("reason", s.reason());
        json.put("position", s.position());
        json.put("failedAttempts", s.attempts());
        json.put("failingSince", text(s.failingSince()));
        json.put("nextAttemptAt", text(s.nextAttemptAt()));
        json.put("createdAt", s.created().toString());
        json.put("modifiedAt", s.modified().toString());
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
