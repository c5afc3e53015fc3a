package nl.vindplaats.register.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.register.EntryFields;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        if (description != null && description.length() > EntryFields.MAX_DESCRIPTION) {
            problems.add(new InvalidParam("description", "at most " + EntryFields.MAX_DESCRIPTION + " characters"));
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

    private static void oneOf(ObjectNode v1, String field, Set<String> allowed, List<InvalidParam> problems) {
        JsonNode value = v1.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            problems.add(new InvalidParam(field, "required, one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
        }
    }

    private static void environments(JsonNode node, List<InvalidParam> problems) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(new InvalidParam("environments", "required, a non-empty list with a production environment"));
            return;
        }
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
            text(e.get("api_url"), at + ".api_url", true, problems);
            text(e.get("specification_url"), at + ".specification_url", false, problems);
            text(e.get("documentation_url"), at + ".documentation_url", false, problems);
            unknownFields(e, at, Set.of("name", "api_url", "specification_url", "documentation_url"), problems);
        }
        if (!seen.contains("production")) {
            problems.add(new InvalidParam("environments", "a production environment is required"));
        }
    }

    /** A text, or none (absent, null or blank). */
    private static void text(JsonNode node, String field, boolean required, List<InvalidParam> problems) {
        if (node != null && !node.isNull() && !node.isTextual()) {
            problems.add(new InvalidParam(field, "must be a text"));
        } else if (required && (node == null || node.isNull() || node.asText().isBlank())) {
            problems.add(new InvalidParam(field, "required"));
        }
    }

    private static void contact(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("contact", "must be an object"));
            return;
        }
        text(node.get("email"), "contact.email", false, problems);
        text(node.get("phone"), "contact.phone", false, problems);
        text(node.get("url"), "contact.url", false, problems);
        unknownFields(node, "contact", Set.of("email", "phone", "url"), problems);
    }

    private static void terms(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("terms_of_use", "must be an object"));
            return;
        }
        optionalBoolean(node, "government_only", problems);
        optionalBoolean(node, "pay_per_use", problems);
        JsonNode u = node.get("uptime_guarantee");
        if (u != null && !u.isNull() && (!u.isNumber() || u.decimalValue().signum() < 0
                || u.decimalValue().compareTo(java.math.BigDecimal.valueOf(100)) > 0)) {
            problems.add(new InvalidParam("terms_of_use.uptime_guarantee", "a percentage between 0 and 100"));
        }
        JsonNode r = node.get("support_response_time");
        if (r != null && !r.isNull() && (!r.canConvertToInt() || !r.isIntegralNumber() || r.intValue() < 0)) {
            problems.add(new InvalidParam("terms_of_use.support_response_time", "a whole number of working days"));
        }
        unknownFields(node, "terms_of_use", Set.of("government_only", "pay_per_use", "uptime_guarantee",
                "support_response_time"), problems);
    }

    private static void forum(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("forum", "must be an object"));
            return;
        }
        if (!"discourse".equals(node.path("vendor").asText(""))) {
            problems.add(new InvalidParam("forum.vendor", "must be discourse"));
        }
        EntryFields.url(node.get("url"), "forum.url", true, problems);
        unknownFields(node, "forum", Set.of("vendor", "url"), problems);
    }

    private static void relations(JsonNode node, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new InvalidParam("relations", "must be an object of api id to relation names"));
            return;
        }
        node.properties().forEach(e -> stringList(e.getValue(), "relations." + e.getKey(), problems));
    }

    private static void stringList(JsonNode node, String field, List<InvalidParam> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        boolean texts = node.isArray();
        for (JsonNode v : node) {
            texts &= v.isTextual();
        }
        if (!texts) {
            problems.add(new InvalidParam(field, "must be a list of texts"));
        }
    }

    private static void optionalBoolean(JsonNode node, String field, List<InvalidParam> problems) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !v.isBoolean()) {
            problems.add(new InvalidParam("terms_of_use." + field, "must be true or false"));
        }
    }

    private static void unknownFields(JsonNode node, String parent, Set<String> known, List<InvalidParam> problems) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add(new InvalidParam(parent + "." + f, "unknown field"));
            }
        });
    }
}
