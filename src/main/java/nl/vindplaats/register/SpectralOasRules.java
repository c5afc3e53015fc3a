package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.vindplaats.register.Check.Violation;
import static nl.vindplaats.register.DesignRules.ERROR;
import static nl.vindplaats.register.DesignRules.Formats;
import static nl.vindplaats.register.DesignRules.Rule;
import static nl.vindplaats.register.Given.anyOf;
import static nl.vindplaats.register.Given.root;

/**
 * The rules of Spectral's built-in {@code spectral:oas} ruleset that Logius' ruleset switches on
 * ({@code extends: [spectral:oas, off]} and then each by name), as that ruleset defines them.
 * Not checked here: {@code oas3-schema} (validity against the OpenAPI schema) and
 * {@code oas3-valid-media-example} / {@code oas3-valid-schema-example} (examples against their schemas).
 */
final class SpectralOasRules {

    private static final Set<String> OPERATIONS = Set.of("get", "head", "post", "put", "patch", "delete", "options",
            "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("(\\{;?\\??[a-zA-Z0-9_-]+\\*?\\})");
    private static final Pattern SERVER_VARIABLE = Pattern.compile("\\{([^}]+)\\}");

    static final List<Rule> RULES = List.of(
            new Rule("oas3-api-servers", ERROR, Formats.OAS3, root(), SpectralOasRules::apiServers),
            new Rule("operation-operationId-unique", ERROR, Formats.OAS2_OR_3, root().field("paths"),
                    SpectralOasRules::operationIdUnique),
            new Rule("path-params", ERROR, Formats.OAS2_OR_3, root().field("paths"), SpectralOasRules::pathParams),
            new Rule("openapi-tags-uniqueness", ERROR, Formats.OAS2_OR_3, root().field("tags"),
                    SpectralOasRules::tagsUnique),
            new Rule("oas3-server-variables", ERROR, Formats.OAS3,
                    anyOf(root().field("servers").children(),
                            root().field("paths").children().field("servers").children(),
                            root().field("paths").children().children((k, v) -> OPERATIONS.contains(k))
                                    .field("servers").children()),
                    SpectralOasRules::serverVariables),
            new Rule("path-keys-no-trailing-slash", ERROR, Formats.OAS2_OR_3, root().field("paths"),
                    Check.eachKey(Check.notMatches(".+\\/$", v -> "Path must not end with slash."))));

    private SpectralOasRules() {
    }

    /** {@code servers}: a non-empty array of objects. */
    private static List<Violation> apiServers(JsonNode doc, Target t) {
        JsonNode servers = t.node().path("servers");
        String message = "OpenAPI \"servers\" must be present and non-empty array.";
        if (!servers.isArray() || servers.isEmpty()) {
            return Violation.at("servers", message);
        }
        for (JsonNode server : servers) {
            if (!server.isObject()) {
                return Violation.at("servers", message);
            }
        }
        return List.of();
    }

    private static List<Violation> operationIdUnique(JsonNode doc, Target paths) {
        List<Violation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Target item : paths.children(doc)) {
            for (Target op : item.children(doc)) {
                if (OPERATIONS.contains(op.keyText()) && op.node().has("operationId")
                        && !seen.add(op.node().get("operationId").toString())) {
                    out.add(new Violation(List.of(item.keyText(), op.keyText(), "operationId"),
                            "operationId must be unique."));
                }
            }
        }
        return out;
    }

    private static List<Violation> pathParams(JsonNode doc, Target paths) {
        List<Violation> out = new ArrayList<>();
        Map<String, String> normalised = new LinkedHashMap<>();
        for (Target item : paths.children(doc)) {
            String path = item.keyText();
            if (!item.node().isObject()) {
                continue;
            }
            String previous = normalised.putIfAbsent(PATH_PARAM.matcher(path).replaceAll("%"), path);
            if (previous != null) {
                out.add(new Violation(List.of(path), "Paths \"" + previous + "\" and \"" + path + "\" must not be equivalent."));
            }
            Set<String> expected = new LinkedHashSet<>();
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                String name = m.group().replaceAll("[{}?*;]", "");
                if (!expected.add(name)) {
                    out.add(new Violation(List.of(path), "Path \"" + path + "\" must not use parameter \"{" + name
                            + "}\" multiple times."));
                }
            }
            Map<String, List<Object>> top = pathParameters(doc, item, List.of(path), out);
            for (Target op : item.children(doc)) {
                if (!OPERATIONS.contains(op.keyText()) || !op.node().isObject()) {
                    continue;
                }
                Map<String, List<Object>> defined = new LinkedHashMap<>(top);
                defined.putAll(pathParameters(doc, op, List.of(path, op.keyText()), out));
                defined.forEach((name, at) -> {
                    if (!expected.contains(name)) {
                        out.add(new Violation(at, "Parameter \"" + name + "\" must be used in path \"" + path + "\"."));
                    }
                });
                for (String name : expected) {
                    if (!defined.containsKey(name)) {
                        out.add(new Violation(List.of(path, op.keyText()), "Operation must define parameter \"{"
                                + name + "}\" as expected by path \"" + path + "\"."));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, List<Object>> pathParameters(JsonNode doc, Target owner, List<Object> at,
                                                            List<Violation> out) {
        Map<String, List<Object>> found = new LinkedHashMap<>();
        Target parameters = owner.child(doc, "parameters");
        if (parameters == null || !parameters.node().isArray()) {
            return found;
        }
        for (Target p : parameters.children(doc)) {
            JsonNode node = p.node();
            if (!node.isObject() || !"path".equals(node.path("in").asText(null)) || !node.has("name")) {
                continue;
            }
            String name = node.path("name").asText();
            List<Object> where = new ArrayList<>(at);
            where.add("parameters");
            where.add(p.key());
            if (!node.path("required").asBoolean(false)) {
                out.add(new Violation(where, "Path parameter \"" + name
                        + "\" must have \"required\" property that is set to \"true\"."));
            }
            if (found.containsKey(name)) {
                out.add(new Violation(where, "Path parameter \"" + name + "\" must not be defined multiple times."));
            } else {
                found.put(name, where);
            }
        }
        return found;
    }

    private static List<Violation> tagsUnique(JsonNode doc, Target tags) {
        List<Violation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.node().size(); i++) {
            JsonNode name = tags.node().get(i).path("name");
            if (name.isTextual() && !seen.add(name.asText())) {
                out.add(new Violation(List.of(i, "name"), "\"tags\" object contains duplicate tag name \"" + name.asText() + "\"."));
            }
        }
        return out;
    }

    /** Every {variable} of the URL is declared with a default, every declared one used, defaults in their enum. */
    private static List<Violation> serverVariables(JsonNode doc, Target server) {
        List<Violation> out = new ArrayList<>();
        JsonNode url = server.node().path("url");
        if (!url.isTextual()) {
            return out;
        }
        JsonNode variables = server.node().path("variables");
        Set<String> used = new LinkedHashSet<>();
        Matcher m = SERVER_VARIABLE.matcher(url.asText());
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String name : used) {
            if (!variables.has(name)) {
                out.add(new Violation(List.of("url"), "Server's \"url\" property must not contain undefined variable \""
                        + name + "\"."));
            }
        }
        variables.fields().forEachRemaining(v -> {
            if (!used.contains(v.getKey())) {
                out.add(new Violation(List.of("variables", v.getKey()), "Server's \"variables\" object has unused defined \""
                        + v.getKey() + "\" url variable."));
            }
            JsonNode def = v.getValue().path("default");
            if (def.isMissingNode()) {
                out.add(new Violation(List.of("variables", v.getKey()), "Server variable \"" + v.getKey()
                        + "\" must have default value."));
            } else if (v.getValue().path("enum").isArray() && !contains(v.getValue().path("enum"), def)) {
                out.add(new Violation(List.of("variables", v.getKey(), "default"), "Server variable \"" + v.getKey()
                        + "\" has a default not listed in the enum."));
            }
        });
        return out;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
