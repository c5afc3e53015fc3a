package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code then} of a Spectral rule: what a target must satisfy. A violation names where, relative to
 * the target (a missing field is reported at the target that lacks it, as Spectral does).
 */
@FunctionalInterface
interface Check {

    record Violation(List<Object> at, String message) {
        static List<Violation> at(Object segment, String message) {
            return List.of(new Violation(segment == null ? List.of() : List.of(segment), message));
        }

        static List<Violation> here(String message) {
            return List.of(new Violation(List.of(), message));
        }
    }

    List<Violation> check(JsonNode doc, Target target);

    /** {@code function: pattern, match}: the string is found by the regex (JavaScript's unanchored test). */
    static Check matches(String regex, Function<String, String> message) {
        Pattern p = Pattern.compile(regex);
        return (doc, t) -> t.node().isValueNode() && !t.node().isNull() && !p.matcher(t.node().asText()).find()
                ? Violation.here(message.apply(t.node().asText())) : List.of();
    }

    /** {@code function: pattern, notMatch}. */
    static Check notMatches(String regex, Function<String, String> message) {
        Pattern p = Pattern.compile(regex);
        return (doc, t) -> t.node().isTextual() && p.matcher(t.node().asText()).find()
                ? Violation.here(message.apply(t.node().asText())) : List.of();
    }

    /** {@code field: name}: the check applied to the target's field (skipped when it is absent). */
    static Check field(String name, Check inner) {
        return (doc, t) -> {
            Target child = t.child(doc, name);
            if (child == null) {
                return List.of();
            }
            List<Violation> out = new ArrayList<>();
            for (Violation v : inner.check(doc, child)) {
                List<Object> at = new ArrayList<>(List.of(name));
                at.addAll(v.at());
                out.add(new Violation(at, v.message()));
            }
            return out;
        };
    }

    /** {@code field: "@key"} on an object: the check applied to each of its keys. */
    static Check eachKey(Check inner) {
        return (doc, t) -> {
            List<Violation> out = new ArrayList<>();
            if (t.node().isObject()) {
                t.node().fieldNames().forEachRemaining(key -> {
                    Target keyTarget = new Target(com.fasterxml.jackson.databind.node.TextNode.valueOf(key), key, t.path());
                    inner.check(doc, keyTarget).forEach(v -> out.add(new Violation(List.of(key), v.message())));
                });
            }
            return out;
        };
    }

    /** {@code function: truthy} on a (dotted) field: present and not false, 0, "" or null. */
    static Check truthy(String dottedField, String message) {
        return (doc, t) -> {
            JsonNode value = t.node();
            for (String part : dottedField.split("\\.")) {
                value = value.path(part);
            }
            boolean truthy = !value.isMissingNode() && !value.isNull()
                    && !(value.isBoolean() && !value.asBoolean())
                    && !(value.isNumber() && value.asDouble() == 0)
                    && !(value.isTextual() && value.asText().isEmpty());
            return truthy ? List.of() : List.of(new Violation(List.of((Object[]) dottedField.split("\\.")), message));
        };
    }

    /** JSON Schema {@code required} on an object (anything else passes, as in JSON Schema). */
    static Check requires(Set<String> fields, String message) {
        return (doc, t) -> t.node().isObject() && !fields.stream().allMatch(t.node()::has)
                ? Violation.here(message) : List.of();
    }

    /** {@code function: or}: at least one of the keys is present. */
    static Check hasAnyKey(Set<String> keys, String message) {
        return (doc, t) -> {
            if (!t.node().isObject()) {
                return List.of();
            }
            for (String key : keys) {
                if (t.node().has(key)) {
                    return List.of();
                }
            }
            return Violation.here(message);
        };
    }

    /** Spectral's {@code casing} function's patterns (digits allowed, no separator). */
    static String casing(String type) {
        return switch (type) {
            case "camel" -> "^[a-z][a-z0-9]*(?:[A-Z0-9](?:[a-z0-9]+|$))*$";
            case "pascal" -> "^[A-Z][a-z0-9]*(?:[A-Z0-9](?:[a-z0-9]+|$))*$";
            default -> throw new IllegalArgumentException(type);
        };
    }
}
