package nl.vindplaats.register.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.base.JsonExtras;
import nl.vindplaats.register.ApiEntry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An entry file of the first developer.overheid.nl register ({@code data/apis/<id>.json}) to and from
 * {@link ApiEntry}. The entry holds its texts as the register keeps them (stripped; an empty URL is none), and the
 * file's keys the register does not know in {@link ApiEntry#extra()}. Reading keeps what the entry does not give back
 * as this mapper's extras ({@link Read#extras}): a text with spaces around it, an empty text or a null where a value
 * was left out, an explicit {@code false}, a key inside an environment, the contact or the terms that the register
 * does not know; writing lays them over the entry's keys (see {@link JsonExtras}), so that file → entry → file gives
 * the file back. The v1 format does not order an entry's keys (its files do not agree on one); the writer uses the
 * order most of them have. {@link RegisterV1} checks a file before the import reads it with {@link #entry}.
 */
public final class RegisterV1Mapping {
    static final Set<String> KNOWN = Set.of("service_name", "description", "organization_name",
            "organization_oin", "api_type", "api_authentication", "environments", "contact", "terms_of_use", "forum",
            "is_reference_implementation", "relations", "tags");

    private RegisterV1Mapping() {
    }

    /** A file read into an entry, with what the entry does not give back. */
    public record Read(ApiEntry entry, ObjectNode extras) {
    }

    /** The file read into an entry with id {@code id}, with the extras that give the file back. */
    public static Read read(String id, ObjectNode v1) {
        ApiEntry entry = entry(id, v1);
        return new Read(entry, JsonExtras.of(v1, write(entry, Json.object())));
    }

    /** The entry a file describes (whatever else it holds; {@link RegisterV1} says whether it is a valid one). */
    static ApiEntry entry(String id, ObjectNode v1) {
        ObjectNode extra = Json.object();
        v1.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field)) {
                extra.set(field, v1.get(field));
            }
        });
        JsonNode reference = v1.get("is_reference_implementation");
        return new ApiEntry(id, text(v1, "service_name"), text(v1, "description"),
                new ApiEntry.OrganisationRef(null, text(v1, "organization_oin"), text(v1, "organization_name")),
                code(v1, "api_type"), code(v1, "api_authentication"), environments(v1.get("environments")),
                contact(v1.get("contact")), terms(v1.get("terms_of_use")), forum(v1.get("forum")),
                reference != null && reference.isBoolean() && reference.booleanValue(),
                relations(v1.get("relations")), texts(v1.get("tags")), null, null, extra.isEmpty() ? null : Json.write(extra),
                null);
    }

    /** The file of an entry, then the extras over it. What the v1 format has no place for is not written. */
    public static ObjectNode write(ApiEntry e, ObjectNode extras) {
        ObjectNode v1 = Json.object();
        Json.putPresent(v1, "description", e.description());
        if (e.organisation() != null) {
            Json.putPresent(v1, "organization_name", e.organisation().label());
            Json.putPresent(v1, "organization_oin", e.organisation().oin());
        }
        Json.putPresent(v1, "service_name", e.serviceName());
        Json.putPresent(v1, "api_type", e.apiType());
        Json.putPresent(v1, "api_authentication", e.authentication());
        putTexts(v1, "tags", e.tags());
        if (e.environments() != null) {
            ArrayNode environments = v1.putArray("environments");
            for (ApiEntry.Environment env : e.environments()) {
                ObjectNode o = environments.addObject();
                Json.putPresent(o, "name", env.name());
                Json.putPresent(o, "api_url", env.apiUrl());
                Json.putPresent(o, "specification_url", env.specificationUrl());
                Json.putPresent(o, "documentation_url", env.documentationUrl());
            }
        }
        if (e.contact() != null) {
            ObjectNode contact = v1.putObject("contact");
            Json.putPresent(contact, "email", e.contact().email());
            Json.putPresent(contact, "phone", e.contact().phone());
            Json.putPresent(contact, "url", e.contact().url());
        }
        if (e.referenceImplementation()) {
            v1.put("is_reference_implementation", true);
        }
        if (e.relations() != null) {
            ObjectNode relations = v1.putObject("relations");
            e.relations().forEach((api, names) -> putTexts(relations, api, names));
        }
        if (e.termsOfUse() != null) {
            ApiEntry.TermsOfUse t = e.termsOfUse();
            ObjectNode terms = v1.putObject("terms_of_use");
            if (t.governmentOnly() != null) {
                terms.put("government_only", t.governmentOnly());
            }
            if (t.payPerUse() != null) {
                terms.put("pay_per_use", t.payPerUse());
            }
            if (t.uptimeGuarantee() != null) {
                terms.set("uptime_guarantee", percentage(t.uptimeGuarantee()));
            }
            if (t.supportResponseTime() != null) {
                terms.put("support_response_time", t.supportResponseTime());
            }
        }
        if (e.forum() != null) {
            ObjectNode forum = v1.putObject("forum");
            Json.putPresent(forum, "vendor", e.forum().vendor());
            Json.putPresent(forum, "url", e.forum().url());
        }
        if (e.extra() != null) {
            Json.read(e.extra()).properties().forEach(field -> v1.set(field.getKey(), field.getValue()));
        }
        return JsonExtras.overlay(v1, extras);
    }

    /** A whole percentage as the files write it (99), a fraction as a decimal (99.5). */
    private static JsonNode percentage(BigDecimal value) {
        if (value.scale() <= 0) {
            try {
                return Json.MAPPER.getNodeFactory().numberNode(value.intValueExact());
            } catch (ArithmeticException e) {
                return Json.MAPPER.getNodeFactory().numberNode(value);
            }
        }
        return Json.MAPPER.getNodeFactory().numberNode(value.doubleValue());
    }

    private static List<ApiEntry.Environment> environments(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<ApiEntry.Environment> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (e.isObject()) {
                out.add(new ApiEntry.Environment(code(e, "name"), text(e, "api_url"), text(e, "specification_url"),
                        text(e, "documentation_url")));
            }
        }
        return out;
    }

    private static ApiEntry.Contact contact(JsonNode node) {
        return node instanceof ObjectNode c
                ? new ApiEntry.Contact(null, text(c, "email"), text(c, "phone"), text(c, "url")) : null;
    }

    private static ApiEntry.TermsOfUse terms(JsonNode node) {
        if (!(node instanceof ObjectNode t)) {
            return null;
        }
        JsonNode uptime = t.get("uptime_guarantee");
        JsonNode response = t.get("support_response_time");
        return new ApiEntry.TermsOfUse(bool(t, "government_only"), bool(t, "pay_per_use"),
                uptime != null && uptime.isNumber() ? uptime.decimalValue() : null,
                response != null && response.isIntegralNumber() && response.canConvertToInt() ? response.intValue()
                        : null);
    }

    private static ApiEntry.Forum forum(JsonNode node) {
        return node instanceof ObjectNode f ? new ApiEntry.Forum(code(f, "vendor"), text(f, "url")) : null;
    }

    private static Map<String, List<String>> relations(JsonNode node) {
        if (!(node instanceof ObjectNode r)) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        r.properties().forEach(e -> {
            if (e.getValue().isArray() || e.getValue().isNull()) {
                out.put(e.getKey(), texts(e.getValue())); // a null stays: the register kept it as given
            }
        });
        return out;
    }

    /** A text as the register keeps it: stripped; null when absent, blank or not text. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }

    /** A value of a fixed list (api type, authentication, environment name), exactly as written. */
    private static String code(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    /** The texts of a list, as written; null when there is no list. */
    private static List<String> texts(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(v -> {
            if (v.isTextual()) {
                out.add(v.asText());
            }
        });
        return out;
    }


    private static void putTexts(ObjectNode o, String field, List<String> values) {
        if (values != null) {
            ArrayNode list = o.putArray(field);
            values.forEach(list::add);
        }
    }
}
