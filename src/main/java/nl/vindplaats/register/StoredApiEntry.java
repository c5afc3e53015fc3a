package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link ApiEntry} as the body of its stored record, and back. The layout is the one every release has stored:
 * the record's components by their names in their order, absent where empty (a lint finding and a stored version of
 * the specification keep theirs as null), instants as ISO-8601 text, the uptime guarantee as a JSON number without trailing zeros.
 * {@code StoredApiEntryTest} holds it to the bodies an earlier release wrote.
 */
public final class StoredApiEntry {
    private StoredApiEntry() {
    }

    public static ObjectNode body(ApiEntry e) {
        ObjectNode body = Json.object();
        putText(body, "id", e.id());
        putText(body, "serviceName", e.serviceName());
        putText(body, "description", e.description());
        if (e.organisation() != null) {
            ObjectNode organisation = body.putObject("organisation");
            putText(organisation, "uri", e.organisation().uri());
            putText(organisation, "oin", e.organisation().oin());
            putText(organisation, "label", e.organisation().label());
        }
        putText(body, "apiType", e.apiType());
        putText(body, "authentication", e.authentication());
        putList(body, "environments", e.environments(), environment -> {
            ObjectNode json = Json.object();
            putText(json, "name", environment.name());
            putText(json, "apiUrl", environment.apiUrl());
            putText(json, "specificationUrl", environment.specificationUrl());
            putText(json, "documentationUrl", environment.documentationUrl());
            return json;
        });
        if (e.contact() != null) {
            ObjectNode contact = body.putObject("contact");
            putText(contact, "name", e.contact().name());
            putText(contact, "email", e.contact().email());
            putText(contact, "phone", e.contact().phone());
            putText(contact, "url", e.contact().url());
        }
        if (e.termsOfUse() != null) {
            ApiEntry.TermsOfUse terms = e.termsOfUse();
            ObjectNode json = body.putObject("termsOfUse");
            if (terms.governmentOnly() != null) {
                json.put("governmentOnly", terms.governmentOnly());
            }
            if (terms.payPerUse() != null) {
                json.put("payPerUse", terms.payPerUse());
            }
            if (terms.uptimeGuarantee() != null) {
                // Without trailing zeros (100 as 1E+2), as Jackson's rendering of the record stored it.
                BigDecimal uptime = terms.uptimeGuarantee();
                json.put("uptimeGuarantee", uptime.signum() == 0 ? BigDecimal.ZERO : uptime.stripTrailingZeros());
            }
            if (terms.supportResponseTime() != null) {
                json.put("supportResponseTime", terms.supportResponseTime());
            }
        }
        if (e.forum() != null) {
            ObjectNode forum = body.putObject("forum");
            putText(forum, "vendor", e.forum().vendor());
            putText(forum, "url", e.forum().url());
        }
        body.put("referenceImplementation", e.referenceImplementation());
        if (e.relations() != null) {
            ObjectNode relations = body.putObject("relations");
            e.relations().forEach((kind, ids) -> {
                if (ids == null) {
                    relations.putNull(kind);
                } else {
                    putTexts(relations, kind, ids);
                }
            });
        }
        putTexts(body, "tags", e.tags());
        putText(body, "lifecycle", e.lifecycle());
        if (e.specification() != null) {
            body.set("specification", specification(e.specification()));
        }
        if (e.extra() != null) {
            body.set("extra", Json.read(e.extra()));
        }
        putText(body, "availability", e.availability());
        return body;
    }

    private static ObjectNode specification(ApiEntry.Specification s) {
        ObjectNode json = Json.object();
        putText(json, "url", s.url());
        putText(json, "status", s.status());
        putText(json, "reason", s.reason());
        putInstant(json, "checkedAt", s.checkedAt());
        putText(json, "sha256", s.sha256());
        putText(json, "oasVersion", s.oasVersion());
        putText(json, "title", s.title());
        putText(json, "description", s.description());
        putText(json, "version", s.version());
        putList(json, "servers", s.servers(), server -> {
            ObjectNode item = Json.object();
            putText(item, "url", server.url());
            putText(item, "description", server.description());
            return item;
        });
        putTexts(json, "securitySchemes", s.securitySchemes());
        putText(json, "lifecycle", s.lifecycle());
        if (s.adrScore() != null) {
            json.put("adrScore", s.adrScore());
        }
        putList(json, "findings", s.findings(), finding -> {
            ObjectNode item = Json.object();
            item.put("rule", finding.rule());
            item.put("severity", finding.severity());
            item.put("path", finding.path());
            item.put("message", finding.message());
            return item;
        });
        putList(json, "versions", s.versions(), version -> {
            ObjectNode item = Json.object();
            item.put("version", version.version());
            item.put("sha256", version.sha256());
            item.put("size", version.size());
            item.put("mediaType", version.mediaType());
            item.put("fetchedAt", version.fetchedAt() == null ? null : version.fetchedAt().toString());
            return item;
        });
        return json;
    }

    /** The entry a stored body holds; {@link IllegalStateException} when it is not one. */
    public static ApiEntry entry(ObjectNode body) {
        try {
            return new ApiEntry(text(body, "id"), text(body, "serviceName"), text(body, "description"),
                    value(body, "organisation", o -> new ApiEntry.OrganisationRef(text(o, "uri"), text(o, "oin"),
                            text(o, "label"))),
                    text(body, "apiType"), text(body, "authentication"),
                    list(body, "environments", o -> new ApiEntry.Environment(text(o, "name"), text(o, "apiUrl"),
                            text(o, "specificationUrl"), text(o, "documentationUrl"))),
                    value(body, "contact", o -> new ApiEntry.Contact(text(o, "name"), text(o, "email"),
                            text(o, "phone"), text(o, "url"))),
                    value(body, "termsOfUse", o -> new ApiEntry.TermsOfUse(bool(o, "governmentOnly"),
                            bool(o, "payPerUse"), decimal(o, "uptimeGuarantee"), integer(o, "supportResponseTime"))),
                    value(body, "forum", o -> new ApiEntry.Forum(text(o, "vendor"), text(o, "url"))),
                    Boolean.TRUE.equals(bool(body, "referenceImplementation")),
                    relations(body.get("relations")), texts(body, "tags"), text(body, "lifecycle"),
                    value(body, "specification", StoredApiEntry::specification),
                    present(body.get("extra")) ? Json.write(body.get("extra")) : null,
                    text(body, "availability"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("stored api entry does not read back: " + e.getMessage(), e);
        }
    }

    private static ApiEntry.Specification specification(JsonNode s) {
        return new ApiEntry.Specification(text(s, "url"), text(s, "status"), text(s, "reason"),
                instant(s, "checkedAt"), text(s, "sha256"), text(s, "oasVersion"), text(s, "title"),
                text(s, "description"), text(s, "version"),
                list(s, "servers", o -> new ApiEntry.Server(text(o, "url"), text(o, "description"))),
                texts(s, "securitySchemes"), text(s, "lifecycle"), integer(s, "adrScore"),
                list(s, "findings", o -> new DesignRules.Finding(text(o, "rule"), text(o, "severity"),
                        text(o, "path"), text(o, "message"))),
                list(s, "versions", o -> new ApiEntry.StoredSpec(text(o, "version"), text(o, "sha256"),
                        o.path("size").asLong(), text(o, "mediaType"), instant(o, "fetchedAt"))));
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void putInstant(ObjectNode json, String field, Instant value) {
        if (value != null) {
            json.put(field, value.toString());
        }
    }

    private static void putTexts(ObjectNode json, String field, List<String> values) {
        if (values != null) {
            ArrayNode array = json.putArray(field);
            values.forEach(array::add);
        }
    }

    private static <T> void putList(ObjectNode json, String field, List<T> items, Function<T, ObjectNode> item) {
        if (items != null) {
            ArrayNode array = json.putArray(field);
            items.forEach(value -> array.add(value == null ? null : item.apply(value)));
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String text(JsonNode json, String field) {
        return value(json, field, JsonNode::asText);
    }

    private static Boolean bool(JsonNode json, String field) {
        return value(json, field, JsonNode::asBoolean);
    }

    private static Integer integer(JsonNode json, String field) {
        return value(json, field, JsonNode::asInt);
    }

    private static BigDecimal decimal(JsonNode json, String field) {
        return value(json, field, JsonNode::decimalValue);
    }

    private static Instant instant(JsonNode json, String field) {
        return value(json, field, node -> {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " is not an instant: " + node.asText(), e);
            }
        });
    }

    /** The field's value read by {@code read}; null when it is absent or null. */
    private static <T> T value(JsonNode json, String field, Function<JsonNode, T> read) {
        JsonNode node = json.get(field);
        return present(node) ? read.apply(node) : null;
    }

    private static <T> List<T> list(JsonNode json, String field, Function<JsonNode, T> item) {
        JsonNode node = json.get(field);
        if (!present(node)) {
            return null;
        }
        List<T> items = new ArrayList<>(node.size());
        node.forEach(value -> items.add(present(value) ? item.apply(value) : null));
        return items;
    }

    private static List<String> texts(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (!present(node)) {
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        node.forEach(value -> values.add(present(value) ? value.asText() : null));
        return values;
    }

    private static Map<String, List<String>> relations(JsonNode node) {
        if (!present(node)) {
            return null;
        }
        Map<String, List<String>> relations = new LinkedHashMap<>();
        node.properties().forEach(kind -> relations.put(kind.getKey(), texts(node, kind.getKey())));
        return relations;
    }
}
