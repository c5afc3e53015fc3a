package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nl.vindplaats.register.Check.casing;
import static nl.vindplaats.register.Check.eachKey;
import static nl.vindplaats.register.Check.field;
import static nl.vindplaats.register.Check.hasAnyKey;
import static nl.vindplaats.register.Check.matches;
import static nl.vindplaats.register.Check.notMatches;
import static nl.vindplaats.register.Check.requires;
import static nl.vindplaats.register.Check.truthy;
import static nl.vindplaats.register.Given.anyOf;
import static nl.vindplaats.register.Given.key;
import static nl.vindplaats.register.Given.keyIn;
import static nl.vindplaats.register.Given.root;
import static nl.vindplaats.register.Given.valueOf;

/**
 * Lints an OpenAPI document in process with the rules of the official NL API Design Rules linter:
 * Logius' Spectral ruleset {@code media/linter.yaml} (Logius-standaarden/API-Design-Rules, head of
 * develop, May 2026). The table below is that file rule by rule, with the same codes, severities,
 * {@code given} paths and checks, over the document with its local {@code $ref}s followed; the
 * {@code spectral:oas} rules it switches on are in {@link SpectralOasRules}. Findings carry Spectral's
 * path notation, so they can be compared with {@code spectral lint} line by line
 * ({@code DesignRulesTestcasesTest} runs the ruleset's own test cases).
 *
 * <p>The score is the national register's: the share of its eight rule groups without an error,
 * 0–100; each group is made of the ruleset rules that check that design rule ({@link #GROUPS}).
 */
public final class DesignRules {
    public static final String ERROR = "error";
    public static final String WARNING = "warning";

    /** The rule groups the national register's score counts, and the ruleset's rules in each. */
    public static final Map<String, Set<String>> GROUPS = groups();

    /** The scored groups, in the register's order. */
    public static final List<String> SCORED = List.copyOf(GROUPS.keySet());

    public record Finding(String rule, String severity, String path, String message) {
    }

    public record Result(int score, List<Finding> findings) {
    }

    /** One rule of the ruleset: code, severity, which documents, where it looks and what it checks. */
    record Rule(String code, String severity, Formats formats, Given given, Check then) {
    }

    /** Spectral's document formats a rule is limited to. */
    enum Formats {
        ANY, OAS2_OR_3, OAS3;

        boolean accept(JsonNode doc) {
            return switch (this) {
                case ANY -> true;
                case OAS2_OR_3 -> major(doc, "swagger") == 2 || major(doc, "openapi") == 3;
                case OAS3 -> major(doc, "openapi") == 3;
            };
        }

        private static int major(JsonNode doc, String field) {
            String v = doc.path(field).asText("");
            int dot = v.indexOf('.');
            try {
                return Integer.parseInt(dot < 0 ? v.trim() : v.substring(0, dot).trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private static final String SUCCESS = "(2|3)\\d\\d";
    private static final String FAILURE = "(4|5)\\d\\d";
    private static final String DATE_NAME = "((\\w+D)|(_[dD]))((ate)|(atum))";
    private static final String PROBLEM_MESSAGE = "The content type of an error response should be "
            + "application/problem+json or application/problem+xml to match RFC 9457.";
    private static final String VERSION_MESSAGE = "Return the full version number in a response header.";
    private static final String INVALID_INPUT_MESSAGE = "GET and DELETE endpoints that have parameters, and all "
            + "other endpoints must be able to return a 400 response";

    /** media/linter.yaml, in its order. */
    static final List<Rule> RULES = List.of(
            new Rule("nlgov:openapi3", ERROR, Formats.ANY, root().field("openapi"),
                    matches("^3(.\\d+){1,2}$", v -> "The OpenAPI Specification is versioned using a `major.minor.patch`"
                            + " versioning scheme. Use a version 3 OpenAPI Specification for documentation.")),
            new Rule("nlgov:openapi-root-exists", ERROR, Formats.ANY, root(),
                    truthy("openapi", "The root of the document must contain the `openapi` property.")),
            new Rule("nlgov:missing-version-header", ERROR, Formats.ANY,
                    root().deep("responses").children(key(SUCCESS)).field("headers"),
                    hasAnyKey(Set.of("API-Version", "Api-Version", "Api-version", "api-version", "API-version"),
                            VERSION_MESSAGE)),
            new Rule("nlgov:missing-header", ERROR, Formats.ANY, root().deep("responses").children(key(SUCCESS)),
                    truthy("headers", VERSION_MESSAGE)),
            new Rule("nlgov:include-major-version-in-uri", ERROR, Formats.ANY, root().field("servers").children(),
                    field("url", matches("\\/v[\\d+]", v -> "Include the major version number in the URI."))),
            // As written the pattern has a space before the slash, so it only catches "/x /"; trailing
            // slashes are found by path-keys-no-trailing-slash.
            new Rule("nlgov:paths-no-trailing-slash", ERROR, Formats.ANY, root().field("paths"),
                    eachKey(notMatches(".+ \\/$", v -> "Leave off trailing slashes from URIs."))),
            new Rule("info-contact", ERROR, Formats.ANY, root(),
                    truthy("info.contact", "Info object must have \"contact\" object.")),
            new Rule("nlgov:info-contact-fields-exist", ERROR, Formats.ANY, root().field("info").field("contact"),
                    requires(Set.of("email", "name", "url"),
                            "Missing fields in `info.contact` field. Must specify email, name and url.")),
            // As written this looks at path keys containing "description" or "summary" only.
            new Rule("nlgov:http-methods", ERROR, Formats.ANY,
                    root().field("paths").children(key("(?i)(description|summary)")),
                    eachKey(matches("post|put|get|delete|patch|parameters", v -> "Only apply standard HTTP methods."))),
            new Rule("nlgov:paths-kebab-case", ERROR, Formats.ANY,
                    root().field("paths").children((k, v) -> k instanceof String s
                            && !java.util.regex.Pattern.compile("\\/openapi\\.(json)|(yaml)").matcher(s).find()).keys(),
                    matches("^(\\/|(\\/_[a-z0-9]+|\\/(([a-z0-9\\-]+|\\{[^}]+\\})(\\/([a-z0-9\\-\\.]+|\\{[^}]+\\}))*)"
                            + "(\\/_[a-z]+)?)\\/?)$", v -> v + " is not kebab-case.")),
            new Rule("nlgov:query-keys-camel-case", ERROR, Formats.ANY,
                    anyOf(root().field("paths").children().children().field("parameters")
                                    .children(valueOf("in", "query")),
                            root().field("components").field("securitySchemes").children(valueOf("in", "query"))),
                    field("name", matches("^\\$?[a-z][a-z\\d]*([A-Z][a-z\\d]*)*$", v -> v + " is not lower camelCase."))),
            new Rule("nlgov:schema-camel-case", WARNING, Formats.ANY,
                    root().field("components").field("schemas").children().keys(),
                    matches(casing("pascal"), v -> "Schema name should be UpperCamelCase: " + v)),
            new Rule("nlgov:servers-use-https", WARNING, Formats.ANY,
                    anyOf(root().field("servers").children(), root().field("paths").deep("servers").children()),
                    field("url", notMatches("^http://.*", v -> "Server URL " + v + " must not match ^http://.*."))),
            new Rule("nlgov:use-problem-schema", ERROR, Formats.ANY,
                    root().deep("responses").children(key(FAILURE)).field("content"),
                    hasAnyKey(Set.of("application/problem+json", "application/problem+xml"), PROBLEM_MESSAGE)),
            new Rule("nlgov:problem-schema-members", ERROR, Formats.ANY,
                    root().deep("responses").children(key(FAILURE)).field("content")
                            .children(keyIn("application/problem+json", "application/problem+xml")).deep("schema"),
                    (doc, t) -> t.node().isObject() && t.node().has("properties")
                            ? field("properties", requires(Set.of("status", "title", "detail"),
                            "These fields are required: status, title and detail.")).check(doc, t)
                            : List.of()),
            new Rule("nlgov:problem-invalid-input", ERROR, Formats.ANY,
                    anyOf(root().field("paths").deep((k, v) -> key("(get)|(delete)").test(k, v)
                                    && v.path("parameters").isArray() && !v.path("parameters").isEmpty()),
                            root().field("paths").deep(key("(put)|(post)|(patch)"))),
                    (doc, t) -> !t.node().isObject() ? Check.Violation.here(INVALID_INPUT_MESSAGE)
                            : field("responses", requires(Set.of("400"), INVALID_INPUT_MESSAGE)).check(doc, t)),
            new Rule("nlgov:property-casing", WARNING, Formats.ANY,
                    root().children().field("schemas").children().field("properties").children(key("(?i)_links")),
                    eachKey(matches(casing("camel"), v -> "Properties must be lowerCamelCase."))),
            new Rule("nlgov:date-time-ensure-timezone", ERROR, Formats.ANY,
                    root().deep("properties").children().field("format"),
                    notMatches("^date-time-local$", v -> "Use date-time format which includes a timezone")),
            new Rule("nlgov:time-without-timezone", ERROR, Formats.ANY,
                    root().deep("properties").children().field("format"),
                    notMatches("^time$", v -> "Use time-local format without a timezone")),
            new Rule("nlgov:specify-format-for-date-and-time", ERROR, Formats.ANY, dateProperties(),
                    (doc, t) -> !t.node().isObject() || t.node().has("format") || allOfWithFormats(doc, t)
                            ? List.of() : Check.Violation.here("Any date field must set 'format' to 'date'")),
            new Rule("nlgov:use-date-instead-of-datetime", ERROR, Formats.ANY, dateProperties().deep("format"),
                    notMatches("^date-time$", v -> "Field represents a date and therefore must set 'format' to 'date'")),
            new Rule("nlgov:semver", ERROR, Formats.ANY, root().field("info").field("version"),
                    matches("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
                            + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$",
                            v -> "Version " + v + " is not in semver format.")));

    private DesignRules() {
    }

    public static Result lint(JsonNode doc) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>(SpectralOasRules.RULES);
        rules.addAll(RULES);
        for (Rule rule : rules) {
            if (!rule.formats().accept(doc)) {
                continue;
            }
            for (Target target : rule.given().select(doc)) {
                for (Check.Violation v : rule.then().check(doc, target)) {
                    List<Object> at = new ArrayList<>(target.path());
                    at.addAll(v.at());
                    String path = Target.print(closestExisting(doc, at));
                    // Spectral reports a place once per rule, however often it is reached through $refs.
                    findings.putIfAbsent(rule.code() + " " + path, new Finding(rule.code(), rule.severity(), path,
                            v.message()));
                }
            }
        }
        List<Finding> list = List.copyOf(findings.values());
        return new Result(score(list), list);
    }

    /** Share of the scored groups without an error-severity finding, rounded, 0–100. */
    public static int score(List<Finding> findings) {
        Set<String> failed = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (!ERROR.equals(f.severity())) {
                continue;
            }
            GROUPS.forEach((group, codes) -> {
                if (codes.contains(f.rule())) {
                    failed.add(group);
                }
            });
        }
        return Math.round(100f * (GROUPS.size() - failed.size()) / GROUPS.size());
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

    private static Map<String, Set<String>> groups() {
        Map<String, Set<String>> g = new LinkedHashMap<>();
        g.put("openapi3", Set.of("nlgov:openapi3"));
        g.put("openapi-root-exists", Set.of("nlgov:openapi-root-exists"));
        g.put("version-header", Set.of("nlgov:missing-version-header", "nlgov:missing-header"));
        g.put("include-major-version-in-uri", Set.of("nlgov:include-major-version-in-uri"));
        g.put("paths-no-trailing-slash", Set.of("nlgov:paths-no-trailing-slash", "path-keys-no-trailing-slash"));
        g.put("info-contact-fields-exist", Set.of("nlgov:info-contact-fields-exist", "info-contact"));
        g.put("http-methods", Set.of("nlgov:http-methods"));
        g.put("semver", Set.of("nlgov:semver"));
        return java.util.Collections.unmodifiableMap(g);
    }

    /** {@code $..properties[date,datum]} and {@code $..properties[?(@property.match(/…D(ate|atum)/))]}. */
    private static Given dateProperties() {
        return anyOf(root().deep("properties").children(keyIn("date", "datum")),
                root().deep("properties").children(key(DATE_NAME)));
    }

    /** Every part of its {@code allOf} (references followed) sets a format. */
    private static boolean allOfWithFormats(JsonNode doc, Target schema) {
        Target allOf = schema.child(doc, "allOf");
        if (allOf == null || !allOf.node().isArray()) {
            return false;
        }
        for (Target item : allOf.children(doc)) {
            if (item.node().isObject() && !item.node().has("format")) {
                return false;
            }
        }
        return true;
    }

    /** A missing field is reported at the nearest place that exists, as Spectral does. */
    private static List<Object> closestExisting(JsonNode doc, List<Object> path) {
        JsonNode node = doc;
        for (int i = 0; i < path.size(); i++) {
            Object segment = path.get(i);
            JsonNode next = segment instanceof Integer n ? node.get(n) : node.isObject() ? node.get(segment.toString())
                    : node.isArray() && segment.toString().matches("\\d+") ? node.get(Integer.parseInt(segment.toString()))
                    : null;
            if (next == null) {
                return path.subList(0, i);
            }
            node = next;
        }
        return path;
    }

    /** A node with its local {@code $ref}s followed, as the rules see it. */
    static JsonNode resolved(JsonNode doc, JsonNode node) {
        Target holder = new Target(Json.MAPPER.createObjectNode().set("x", node), null, List.of());
        return holder.child(doc, "x").node();
    }
}
