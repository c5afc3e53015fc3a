package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lints an OpenAPI document against the NL API Design Rules (ADR 2.x), in process. The eight rule
 * groups the national register scores come first; the score is the share of those groups without
 * an error, 0–100, as the register computes it. The other rules are reported but not scored.
 */
public final class DesignRules {
    public static final String ERROR = "error";
    public static final String WARNING = "warning";

    /** The rule groups the national register's score counts. */
    public static final List<String> SCORED = List.of("openapi3", "openapi-root-exists", "version-header",
            "include-major-version-in-uri", "paths-no-trailing-slash", "info-contact-fields-exist", "http-methods",
            "semver");

    /** Every rule this linter knows, with the ADR rule it checks. */
    public static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("openapi3", "/core/doc-openapi"),
            Map.entry("openapi-root-exists", "/core/publish-openapi"),
            Map.entry("version-header", "/core/version-header"),
            Map.entry("include-major-version-in-uri", "/core/uri-version"),
            Map.entry("paths-no-trailing-slash", "/core/no-trailing-slash"),
            Map.entry("info-contact-fields-exist", "/core/doc-openapi-contact"),
            Map.entry("http-methods", "/core/http-methods"),
            Map.entry("semver", "/core/semver"),
            Map.entry("paths-kebab-case", "/core/path-segments-kebab-case"),
            Map.entry("use-problem-schema", "/core/error-handling/problem-details"),
            Map.entry("servers-use-https", "/core/transport/tls"));

    public record Finding(String rule, String severity, String path, String message) {
    }

    public record Result(int score, List<Finding> findings) {
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> PATH_ITEM_FIELDS = Set.of("parameters", "summary", "description", "servers", "$ref");
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern MAJOR_VERSION = Pattern.compile(".*/v\\d+(/.*)?");
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+)?");

    private DesignRules() {
    }

    public static Result lint(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        openapi3(doc, findings);
        rootExists(doc, findings);
        versionHeader(doc, findings);
        majorVersionInUri(doc, findings);
        noTrailingSlash(doc, findings);
        contactFields(doc, findings);
        httpMethods(doc, findings);
        semver(doc, findings);
        kebabCase(doc, findings);
        problemSchema(doc, findings);
        httpsServers(doc, findings);
        return new Result(score(findings), List.copyOf(findings));
    }

    /** Share of the scored groups without an error-severity finding, rounded, 0–100. */
    public static int score(List<Finding> findings) {
        Set<String> failed = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (ERROR.equals(f.severity()) && SCORED.contains(f.rule())) {
                failed.add(f.rule());
            }
        }
        return Math.round(100f * (SCORED.size() - failed.size()) / SCORED.size());
    }

    private static void openapi3(JsonNode doc, List<Finding> out) {
        String version = doc.path("openapi").asText("");
        if (!version.startsWith("3.")) {
            String path = doc.has("swagger") ? "$.swagger" : "$.openapi";
            out.add(new Finding("openapi3", ERROR, path, "The document must be OpenAPI 3.x (found "
                    + (doc.has("swagger") ? "Swagger " + doc.path("swagger").asText() : "'" + version + "'") + ")."));
        }
    }

    private static void rootExists(JsonNode doc, List<Finding> out) {
        if (!doc.path("paths").has("/openapi.json")) {
            out.add(new Finding("openapi-root-exists", ERROR, "$.paths",
                    "The API must publish its OpenAPI document at /openapi.json."));
        }
    }

    private static void versionHeader(JsonNode doc, List<Finding> out) {
        forEachOperation(doc, (path, method, operation) -> {
            JsonNode responses = operation.path("responses");
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode resolved = resolve(doc, response.getValue());
                boolean has = false;
                for (Iterator<String> names = resolved.path("headers").fieldNames(); names.hasNext(); ) {
                    has |= names.next().equalsIgnoreCase("API-Version");
                }
                if (!has) {
                    out.add(new Finding("version-header", ERROR,
                            pointer("paths", path, method, "responses", response.getKey()),
                            "Every response must declare the API-Version header."));
                }
            }
        });
    }

    private static void majorVersionInUri(JsonNode doc, List<Finding> out) {
        List<String> servers = serverUrls(doc);
        if (servers.isEmpty()) {
            out.add(new Finding("include-major-version-in-uri", ERROR, "$.servers",
                    "Declare the servers; their URL must include the major version (/v1)."));
        }
        for (int i = 0; i < servers.size(); i++) {
            String url = servers.get(i).replaceAll("/+$", "");
            if (!MAJOR_VERSION.matcher(url).matches()) {
                out.add(new Finding("include-major-version-in-uri", ERROR, "$.servers[" + i + "].url",
                        "The server URL " + servers.get(i) + " must include the major version, such as /v1."));
            }
        }
    }

    private static void noTrailingSlash(JsonNode doc, List<Finding> out) {
        doc.path("paths").fieldNames().forEachRemaining(path -> {
            if (path.length() > 1 && path.endsWith("/")) {
                out.add(new Finding("paths-no-trailing-slash", ERROR, pointer("paths", path),
                        "Paths must not end with a slash."));
            }
        });
    }

    private static void contactFields(JsonNode doc, List<Finding> out) {
        JsonNode contact = doc.path("info").path("contact");
        for (String field : List.of("name", "email", "url")) {
            if (contact.path(field).asText("").isBlank()) {
                out.add(new Finding("info-contact-fields-exist", ERROR, "$.info.contact." + field,
                        "info.contact must have a " + field + "."));
            }
        }
    }

    private static void httpMethods(JsonNode doc, List<Finding> out) {
        doc.path("paths").fields().forEachRemaining(entry -> entry.getValue().fieldNames().forEachRemaining(key -> {
            if (!METHODS.contains(key) && !PATH_ITEM_FIELDS.contains(key) && !key.startsWith("x-")) {
                out.add(new Finding("http-methods", ERROR, pointer("paths", entry.getKey(), key),
                        "Only the standard methods GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS may be used, not "
                                + key.toUpperCase(java.util.Locale.ROOT) + "."));
            }
        }));
    }

    private static void semver(JsonNode doc, List<Finding> out) {
        String version = doc.path("info").path("version").asText("");
        if (!SEMVER.matcher(version).matches()) {
            out.add(new Finding("semver", ERROR, "$.info.version",
                    "info.version must be a semantic version such as 1.0.0 (found '" + version + "')."));
        }
    }

    private static void kebabCase(JsonNode doc, List<Finding> out) {
        doc.path("paths").fieldNames().forEachRemaining(path -> {
            for (String segment : path.split("/")) {
                if (!segment.isEmpty() && !segment.startsWith("{") && !KEBAB.matcher(segment).matches()) {
                    out.add(new Finding("paths-kebab-case", WARNING, pointer("paths", path),
                            "Path segment '" + segment + "' should be kebab-case."));
                    return;
                }
            }
        });
    }

    private static void problemSchema(JsonNode doc, List<Finding> out) {
        forEachOperation(doc, (path, method, operation) -> operation.path("responses").fields().forEachRemaining(r -> {
            String code = r.getKey();
            if (!(code.startsWith("4") || code.startsWith("5") || code.equals("default"))) {
                return;
            }
            JsonNode content = resolve(doc, r.getValue()).path("content");
            if (!content.isMissingNode() && !content.has("application/problem+json")) {
                out.add(new Finding("use-problem-schema", WARNING, pointer("paths", path, method, "responses", code),
                        "Error responses should be application/problem+json (RFC 9457)."));
            } else if (content.isMissingNode()) {
                out.add(new Finding("use-problem-schema", WARNING, pointer("paths", path, method, "responses", code),
                        "Error responses should describe an application/problem+json body (RFC 9457)."));
            }
        }));
    }

    private static void httpsServers(JsonNode doc, List<Finding> out) {
        List<String> servers = serverUrls(doc);
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).startsWith("http://")) {
                out.add(new Finding("servers-use-https", WARNING, "$.servers[" + i + "].url",
                        "Servers should be reached over https."));
            }
        }
    }

    /** Server URLs of an OpenAPI 3 document, or the one a Swagger 2.0 document's host and basePath make. */
    static List<String> serverUrls(JsonNode doc) {
        List<String> urls = new ArrayList<>();
        if (doc.has("swagger")) {
            if (doc.has("host") || doc.has("basePath")) {
                String scheme = doc.path("schemes").path(0).asText("https");
                urls.add((doc.has("host") ? scheme + "://" + doc.path("host").asText() : "") + doc.path("basePath").asText(""));
            }
            return urls;
        }
        for (JsonNode server : doc.path("servers")) {
            urls.add(server.path("url").asText(""));
        }
        return urls;
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private static void forEachOperation(JsonNode doc, OperationVisitor visitor) {
        doc.path("paths").fields().forEachRemaining(entry -> {
            JsonNode item = resolve(doc, entry.getValue());
            item.fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey()) && op.getValue().isObject()) {
                    visitor.visit(entry.getKey(), op.getKey(), op.getValue());
                }
            });
        });
    }

    /** Follows local {@code $ref}s ("#/components/responses/Error"); anything else stays as it is. */
    static JsonNode resolve(JsonNode doc, JsonNode node) {
        for (int hops = 0; hops < 10 && node.has("$ref"); hops++) {
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#")) {
                return node;
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                return node;
            }
            node = target;
        }
        return node;
    }

    /** A JSONPath-like location, with path keys quoted because they hold slashes. */
    private static String pointer(String first, String... rest) {
        StringBuilder b = new StringBuilder("$.").append(first);
        for (String part : rest) {
            b.append("['").append(part).append("']");
        }
        return b.toString();
    }
}
