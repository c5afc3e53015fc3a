package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.http.InvalidParam;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one entry file of the first developer.overheid.nl register ({@code data/apis/<id>.json}).
 * Checks what that register's validator checked (required fields, value lists, unique
 * environments with a production one), then reads the file with {@link RegisterV1Mapping}; top-level keys it does not
 * know are kept, not refused.
 */
public final class RegisterV1 {
    /** The file's problems, each naming the field; empty when the entry is valid. */
    public static final class Invalid extends Exception {
        private final List<InvalidParam> problems;

        Invalid(List<InvalidParam> problems) {
            super(problems.stream().map(p -> p.name() + ": " + p.reason()).reduce((a, b) -> a + "; " + b).orElse(""));
            this.problems = List.copyOf(problems);
        }

        public List<InvalidParam> problems() {
            return problems;
        }
    }

    /*
     * How much one entry may hold: far above the real register's entries (descriptions under a thousand characters,
     * at most five tags and two environments), documented in the README.
     */
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_ENVIRONMENTS = 100;
    static final int MAX_VALUES = 1_000;

    private RegisterV1() {
    }

    /** The id a v1 entry has: its file name without {@code .json}. */
    public static String idOf(String fileName) {
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /** The entry of a valid file, read by {@link RegisterV1Mapping}; its problems when it is not valid. */
    public static ApiEntry read(String id, JsonNode json) throws Invalid {
        List<InvalidParam> problems = problems(id, json);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return RegisterV1Mapping.entry(id, (ObjectNode) json);
    }

    /** What the first register's validator would refuse in a file, each naming the field; empty when nothing. */
    static List<InvalidParam> problems(String id, JsonNode json) {
        List<InvalidParam> problems = new ArrayList<>();
        if (!(json instanceof ObjectNode v1)) {
            return List.of(new InvalidParam("(document)", "must be a JSON object"));
        }
        if (id.isBlank() || id.length() > 200 || id.contains("/") || id.chars().anyMatch(Character::isWhitespace)) {
            problems.add(new InvalidParam("(file name)", "must give an id without slashes or spaces, at most 200 characters"));
        }
        requiredText(v1, "service_name", problems);
        String description = requiredText(v1, "description", problems);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(new InvalidParam("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        // Refused before their items are read: an oversized list costs a count.
        boolean oversized = tooMany(v1.get("environments"), "environments", MAX_ENVIRONMENTS, problems)
                | tooMany(v1.get("tags"), "tags", MAX_VALUES, problems)
                | tooMany(v1.get("relations"), "relations", MAX_VALUES, problems);
        if (oversized) {
            return problems;
        }
        requiredText(v1, "organization_name", problems);
        String oin = requiredText(v1, "organization_oin", problems);
        if (oin != null && !oin.matches("\\d{20}")) {
            problems.add(new InvalidParam("organization_oin", "must be an OIN of 20 digits"));
        }
        oneOf(v1, "api_type", ApiEntry.API_TYPES, problems);
        oneOf(v1, "api_authentication", ApiEntry.AUTHENTICATIONS, problems);
        environments(v1.get("environments"), problems);
        contact(v1.get("contact"), problems);
        terms(v1.get("terms_of_use"), problems);
        forum(v1.get("forum"), problems);
        JsonNode ref = v1.get("is_reference_implementation");
        if (ref != null && !ref.isNull() && !ref.isBoolean()) {
            problems.add(new InvalidParam("is_reference_implementation", "must be true or false"));
        }
        relations(v1.get("relations"), problems);
        stringList(v1.get("tags"), "tags", problems);
        return problems;
    }

    private static boolean tooMany(JsonNode node, String field, int limit, List<InvalidParam> problems) {
        if (node != null && (node.isArray() || node.isObject()) && node.size() > limit) {
            problems.add(new InvalidParam(field, "at most " + limit + " values, found " + node.size()));
            return true;
        }
        return false;
    }

    private static String requiredText(ObjectNode v1, String field, List<InvalidParam> problems) {
        JsonNode value = v1.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(new InvalidParam(field, "required, a non-empty text"));
            return null;
        }
        return value.asText().strip();
    }

    private static String oneOf(ObjectNode v1, String field, Set<String> allowed, List<InvalidParam> problems) {
        JsonNode value = v1.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            problems.add(new InvalidParam(field, "required, one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
            return null;
        }
        return value.asText();
    }

    private static List<ApiEntry.Environment> environments(JsonNode node, List<InvalidParam> problems) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(new InvalidParam("environments", "required, a non-empty list with a production environment"));
            return List.of();
        }
        List<ApiEntry.Environment> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "environments[" + i + "]";
            JsonNode e = node.get(i);
            if (!e.isObject()) {
                problems.add(new InvalidParam(at, "must be an object"));
                continue;
            }
            String name = e.path("name").asText("");
            if (!ApiEntry.ENVIRONMENT_NAMES.contains(name)) {
                problems.add(new InvalidParam(at + ".name", "one of production, acceptance, demo"));
            } else if (!seen.add(name)) {
                problems.add(new InvalidParam(at + ".name", "environment " + name + " appears twice"));
            }
            // The files hold texts like "nvt" where a URL belongs; they are kept as written.
            String apiUrl = text(e.get("api_url"), at + ".api_url", true, problems);
            String spec = text(e.get("specification_url"), at + ".specification_url", false, problems);
            String docs = text(e.get("documentation_url"), at + ".documentation_url", false, problems);
            e.fieldNames().forEachRemaining(f -> {
                if (!Set.of("name", "api_url", "specification_url", "documentation_url").contains(f)) {
                    problems.add(new InvalidParam(at + "." + f, "unknown field"));
                }
            });
            result.add(new ApiEntry.Environment(name, apiUrl, spec, docs));
        }
        if (!seen.contains("production")) {
            problems.add(new InvalidParam("environments", "a production environment is required"));
        }
        return result;
    }

    /** An http(s) URL, or null when absent or empty (the files use "" for none). */
    static String url(JsonNode node, String field, boolean required, List<InvalidParam> problems) {
        String text = node == null || node.isNull() ? "" : node.isTextual() ? node.asText().strip() : null;
        if (text == null) {
            problems.add(new InvalidParam(field, "must be a text (a URL)"));
            return null;
        }
        if (text.isEmpty()) {
            if (required) {
                problems.add(new InvalidParam(field, "required, an http or https URL"));
            }
            return null;
        }
        if (!isHttpUrl(text)) {
            problems.add(new InvalidParam(field, "must be an http or https URL"));
            return null;
        }
        return text;
    }

    /** A text, or null when absent or empty. */
    private static String text(JsonNode node, String field, boolean required, List<InvalidParam> problems) {
        if (node != null && !node.isNull() && !node.isTextual()) {
            problems.add(new InvalidParam(field, "must be a text"));
            return null;
        }
        String text = node == null || node.isNull() ? "" : node.asText().strip();
        if (text.isEmpty()) {
            if (required) {
                problems.add(new InvalidParam(field, "required"));
            }
            return null;
        }
        return text;
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static ApiEntry.Contact contact(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("contact", "must be an object"));
            return null;
        }
        String email = optionalText(node, "email", "contact", problems);
        String phone = optionalText(node, "phone", "contact", problems);
        String url = text(node.get("url"), "contact.url", false, problems);
        unknownFields(node, "contact", Set.of("email", "phone", "url"), problems);
        return new ApiEntry.Contact(null, email, phone, url);
    }

    private static ApiEntry.TermsOfUse terms(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("terms_of_use", "must be an object"));
            return null;
        }
        Boolean governmentOnly = optionalBoolean(node, "government_only", problems);
        Boolean payPerUse = optionalBoolean(node, "pay_per_use", problems);
        java.math.BigDecimal uptime = null;
        JsonNode u = node.get("uptime_guarantee");
        if (u != null && !u.isNull()) {
            if (!u.isNumber() || u.decimalValue().signum() < 0 || u.decimalValue().compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                problems.add(new InvalidParam("terms_of_use.uptime_guarantee", "a percentage between 0 and 100"));
            } else {
                uptime = u.decimalValue();
            }
        }
        Integer response = null;
        JsonNode r = node.get("support_response_time");
        if (r != null && !r.isNull()) {
            if (!r.canConvertToInt() || !r.isIntegralNumber() || r.intValue() < 0) {
                problems.add(new InvalidParam("terms_of_use.support_response_time", "a whole number of working days"));
            } else {
                response = r.intValue();
            }
        }
        unknownFields(node, "terms_of_use", Set.of("government_only", "pay_per_use", "uptime_guarantee",
                "support_response_time"), problems);
        return new ApiEntry.TermsOfUse(governmentOnly, payPerUse, uptime, response);
    }

    private static ApiEntry.Forum forum(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("forum", "must be an object"));
            return null;
        }
        String vendor = node.path("vendor").asText("");
        if (!"discourse".equals(vendor)) {
            problems.add(new InvalidParam("forum.vendor", "must be discourse"));
        }
        String url = url(node.get("url"), "forum.url", true, problems);
        unknownFields(node, "forum", Set.of("vendor", "url"), problems);
        return new ApiEntry.Forum(vendor, url);
    }

    private static Map<String, List<String>> relations(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("relations", "must be an object of api id to relation names"));
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(),
                stringList(e.getValue(), "relations." + e.getKey(), problems)));
        return result;
    }

    private static List<String> stringList(JsonNode node, String field, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(new InvalidParam(field, "must be a list of texts"));
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                problems.add(new InvalidParam(field, "must be a list of texts"));
                return null;
            }
            values.add(v.asText());
        }
        return values;
    }

    private static String optionalText(JsonNode node, String field, String parent, List<InvalidParam> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new InvalidParam(parent + "." + field, "must be a text"));
            return null;
        }
        return v.asText().isBlank() ? null : v.asText().strip();
    }

    private static Boolean optionalBoolean(JsonNode node, String field, List<InvalidParam> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            problems.add(new InvalidParam("terms_of_use." + field, "must be true or false"));
            return null;
        }
        return v.booleanValue();
    }

    private static void unknownFields(JsonNode node, String parent, Set<String> known, List<InvalidParam> problems) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add(new InvalidParam(parent + "." + f, "unknown field"));
            }
        });
    }
}
