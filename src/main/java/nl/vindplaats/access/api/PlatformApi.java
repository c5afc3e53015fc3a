package nl.vindplaats.access.api;

import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.AuditLog;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.access.ResourceDirectory;
import nl.vindplaats.access.TokenStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.IfMatch;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Json;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The platform API ({@code /platform/v1}): organisations, API tokens and the audit log. */
public final class PlatformApi {
    public static final String BASE = "/platform/v1";
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/platform.json";
    public static final String VERSION = "1.0.0";
    /** The latest expiry a token may have: stored as epoch milliseconds, so far later instants would overflow. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Organisations organisations;
    private final TokenStore tokens;
    private final AuditLog audit;
    private final ResourceDirectory resources;
    private final Clock clock;

    public PlatformApi(Organisations organisations, TokenStore tokens, AuditLog audit, ResourceDirectory resources,
                       Clock clock) {
        this.organisations = organisations;
        this.tokens = tokens;
        this.audit = audit;
        this.resources = resources;
        this.clock = clock;
    }

    public List<Operation> operations() {
        return List.of(
                OpenApiDocument.operation(BASE, OPENAPI),
                Operation.read("organisation.list", HandlerType.GET, BASE + "/organisations", Permission.anyone(),
                        this::listOrganisations),
                Operation.read("organisation.show", HandlerType.GET, BASE + "/organisations/{slug}", Permission.anyone(),
                        this::showOrganisation),
                Operation.write("organisation.create", HandlerType.POST, BASE + "/organisations",
                        Permission.platform(Level.ADMIN), this::createOrganisation),
                Operation.write("organisation.update", HandlerType.PUT, BASE + "/organisations/{slug}",
                        new Permission.Requires(Level.ADMIN, (ctx, token) ->
                                Resource.organisation(existing(ctx.pathParam("slug")).organisation().id())),
                        this::updateOrganisation),
                Operation.read("token.list", HandlerType.GET, BASE + "/tokens",
                        Permission.requires(Level.ADMIN, (ctx, token) -> token.scope()), this::listTokens),
                Operation.write("token.create", HandlerType.POST, BASE + "/tokens",
                        new Permission.Requires(Level.ADMIN, (ctx, token) -> requestedScope(ctx)), this::createToken),
                Operation.write("token.revoke", HandlerType.DELETE, BASE + "/tokens/{tokenId}",
                        new Permission.Requires(Level.ADMIN, (ctx, token) -> tokens.find(ctx.pathParam("tokenId"))
                                .orElseThrow(() -> ApiError.notFound("There is no token " + ctx.pathParam("tokenId") + "."))
                                .scope()),
                        this::revokeToken),
                Operation.read("audit.list", HandlerType.GET, BASE + "/audit", Permission.platform(Level.ADMIN),
                        this::listAudit));
    }

    private void listOrganisations(Context ctx) {
        Requests.Page page = Requests.page(ctx);
        Organisations.Found found = organisations.search(ctx.queryParam("q"), page.offset(), page.pageSize());
        Requests.pageLinks(ctx, page, found.total());
        ctx.json(Map.of("total", found.total(), "page", page.page(), "pageSize", page.pageSize(),
                "organisations", found.organisations().stream().map(PlatformApi::organisationJson).toList()));
    }

    private void showOrganisation(Context ctx) {
        Organisations.Versioned found = existing(ctx.pathParam("slug"));
        ctx.header("ETag", Requests.etag(found.version()));
        ctx.json(organisationJson(found));
    }

    private Organisations.Versioned existing(String slug) {
        return organisations.bySlug(slug)
                .orElseThrow(() -> ApiError.notFound("There is no organisation with slug " + slug + "."));
    }

    private void createOrganisation(Context ctx) throws JsonProcessingException {
        Organisation organisation = readOrganisation(Requests.jsonObject(ctx), null);
        Organisations.Versioned created = organisations.create(organisation, "created");
        Routes.wrote(ctx, Resource.organisation(organisation.id()));
        ctx.status(201).header("Location", BASE + "/organisations/" + organisation.slug())
                .header("ETag", Requests.etag(created.version()));
        ctx.json(organisationJson(created));
    }

    private void updateOrganisation(Context ctx) throws JsonProcessingException {
        IfMatch precondition = Requests.requiredIfMatch(ctx);
        Organisations.Versioned current = existing(ctx.pathParam("slug"));
        long expected = precondition.versionToReplace(current.version(), "Organisation " + ctx.pathParam("slug"));
        Organisation organisation = readOrganisation(Requests.jsonObject(ctx), current.organisation().id());
        Organisations.Versioned updated = organisations.update(organisation, expected, "updated");
        ctx.header("ETag", Requests.etag(updated.version()));
        ctx.json(organisationJson(updated));
    }

    private static Organisation readOrganisation(ObjectNode body, String fixedId) {
        List<InvalidParam> invalid = new ArrayList<>();
        String id = body.path("id").asText(null);
        if (fixedId != null) {
            if (id != null && !id.equals(fixedId)) {
                invalid.add(new InvalidParam("id", "an organisation's id cannot change"));
            }
            id = fixedId;
        } else if (id == null || !isHttpUri(id)) {
            invalid.add(new InvalidParam("id", "required: the organisation's TOOI URI (an http or https URI)"));
        }
        String name = body.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 300) {
            invalid.add(new InvalidParam("name", "required, at most 300 characters"));
        }
        String slug = body.path("slug").asText("");
        if (!SLUG.matcher(slug).matches() || slug.length() > 100) {
            invalid.add(new InvalidParam("slug", "required: lower-case letters, digits and single hyphens, at most 100"));
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!List.of("id", "name", "slug", "version", "created", "modified").contains(field)) {
                invalid.add(new InvalidParam(field, "unknown field"));
            }
        });
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The organisation is not valid.", invalid);
        }
        return new Organisation(id, name, slug);
    }

    private static boolean isHttpUri(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Map<String, Object> organisationJson(Organisations.Versioned v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", v.organisation().id());
        json.put("name", v.organisation().name());
        json.put("slug", v.organisation().slug());
        json.put("version", v.version());
        json.put("created", v.record().created().toString());
        json.put("modified", v.record().modified().toString());
        return json;
    }

    private Resource requestedScope(Context ctx) {
        ObjectNode body;
        try {
            body = Requests.jsonObject(ctx);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode scope = body.path("scope");
        Resource.Type type;
        try {
            type = Resource.Type.parse(scope.path("type").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("scope.type", "one of platform, organisation, dataset, document-source, api-entry");
        }
        String id = scope.path("id").asText(null);
        return resources.find(type, id).orElseThrow(() ->
                ApiError.invalid("scope.id", "there is no " + type.wireName() + " " + id));
    }

    private void createToken(Context ctx) throws JsonProcessingException {
        ObjectNode body = Requests.jsonObject(ctx);
        Resource scope = Routes.resource(ctx);
        List<InvalidParam> invalid = new ArrayList<>();
        String name = body.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 200) {
            invalid.add(new InvalidParam("name", "required, at most 200 characters"));
        }
        Level level = null;
        try {
            level = Level.parse(body.path("level").asText(""));
        } catch (IllegalArgumentException e) {
            invalid.add(new InvalidParam("level", "one of read, write, admin"));
        }
        Instant expiresAt = null;
        if (body.hasNonNull("expiresAt")) {
            try {
                expiresAt = Instant.parse(body.get("expiresAt").asText());
                if (!expiresAt.isAfter(clock.instant())) {
                    invalid.add(new InvalidParam("expiresAt", "must lie in the future"));
                } else if (expiresAt.isAfter(LATEST_EXPIRY)) {
                    invalid.add(new InvalidParam("expiresAt", "at the latest " + LATEST_EXPIRY));
                }
            } catch (DateTimeParseException e) {
                invalid.add(new InvalidParam("expiresAt", "an ISO-8601 instant such as 2027-01-01T00:00:00Z"));
            }
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!List.of("name", "scope", "level", "expiresAt").contains(field)) {
                invalid.add(new InvalidParam(field, "unknown field"));
            }
        });
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The token request is not valid.", invalid);
        }
        ApiToken issuer = Routes.token(ctx);
        if (issuer.expiresAt() != null && (expiresAt == null || expiresAt.isAfter(issuer.expiresAt()))) {
            expiresAt = issuer.expiresAt(); // a token never outlives the token that issued it
        }
        TokenStore.Issued issued = tokens.create(name, scope, level, expiresAt, issuer.id());
        Map<String, Object> json = tokenJson(issued.token());
        json.put("secret", issued.secret());
        ctx.status(201).header("Location", BASE + "/tokens/" + issued.token().id()).json(json);
    }

    private void listTokens(Context ctx) {
        Requests.Page page = Requests.page(ctx);
        List<ApiToken> all = tokens.listWithin(Routes.resource(ctx));
        List<Map<String, Object>> items = all.stream().skip(page.offset()).limit(page.pageSize())
                .map(PlatformApi::tokenJson).toList();
        Requests.pageLinks(ctx, page, all.size());
        ctx.json(Map.of("total", all.size(), "page", page.page(), "pageSize", page.pageSize(), "tokens", items));
    }

    private void revokeToken(Context ctx) {
        tokens.revoke(ctx.pathParam("tokenId"));
        ctx.status(204);
    }

    private void listAudit(Context ctx) {
        Requests.Page page = Requests.page(ctx);
        AuditLog.Page entries = audit.page(page.offset(), page.pageSize());
        Requests.pageLinks(ctx, page, entries.total());
        ctx.json(Map.of("total", entries.total(), "page", page.page(), "pageSize", page.pageSize(),
                "entries", entries.entries().stream().map(e -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("at", e.at().toString());
                    json.put("tokenId", e.tokenId());
                    json.put("tokenName", e.tokenName());
                    json.put("action", e.action());
                    json.put("resource", e.resource());
                    json.put("clientAddress", e.clientAddress());
                    return json;
                }).toList()));
    }

    static Map<String, Object> tokenJson(ApiToken token) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("type", token.scope().type().wireName());
        scope.put("id", token.scope().id());
        scope.put("organisation", token.scope().organisation());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("name", token.name());
        json.put("scope", scope);
        json.put("level", token.level().wireName());
        json.put("expiresAt", text(token.expiresAt()));
        json.put("createdAt", text(token.createdAt()));
        json.put("lastUsedAt", text(token.lastUsedAt()));
        json.put("revokedAt", text(token.revokedAt()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
