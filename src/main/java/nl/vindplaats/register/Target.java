package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A node a rule looks at, as Spectral sees it: local {@code $ref}s are followed, {@code key} is the
 * node's name in its parent in that resolved view, and {@code path} is where the node is written in the
 * source document (so a finding inside a referenced component names the component, once).
 */
record Target(JsonNode node, Object key, List<Object> path) {

    static Target root(JsonNode doc) {
        return new Target(doc, null, List.of());
    }

    /** The child named {@code name} (a field, or an array index), its {@code $ref} followed; null if absent. */
    Target child(JsonNode doc, Object name) {
        JsonNode value = name instanceof Integer i ? node.get(i) : node.isObject() ? node.get((String) name) : null;
        if (value == null) {
            return null;
        }
        List<Object> childPath = new ArrayList<>(path);
        childPath.add(name);
        return resolved(doc, new Target(value, name, List.copyOf(childPath)));
    }

    /** Every child: the fields of an object, the items of an array. */
    List<Target> children(JsonNode doc) {
        List<Target> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> out.add(child(doc, name)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(child(doc, i));
            }
        }
        return out;
    }

    String keyText() {
        return key == null ? "" : key.toString();
    }

    String printed() {
        return print(path);
    }

    /** Spectral's dot notation: {@code paths./a/{id}.get.responses[404].content}. */
    static String print(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object segment : path) {
            String s = segment.toString();
            if (segment instanceof Integer || isNumeric(s)) {
                b.append('[').append(s).append(']');
            } else if (s.isEmpty()) {
                b.append("['']");
            } else if (s.chars().anyMatch(Character::isWhitespace)) {
                b.append("['").append(s).append("']");
            } else {
                b.append(b.isEmpty() ? "" : ".").append(s);
            }
        }
        return b.toString();
    }

    private static boolean isNumeric(String s) {
        return s.matches("\\s*-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*");
    }

    private static Target resolved(JsonNode doc, Target t) {
        for (int hops = 0; hops < 20 && t.node.isObject() && t.node.path("$ref").isTextual(); hops++) {
            String ref = t.node.path("$ref").asText();
            if (!ref.startsWith("#")) {
                return t;
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                return t;
            }
            List<Object> refPath = new ArrayList<>();
            for (String part : ref.substring(1).split("/", -1)) {
                if (!part.isEmpty()) {
                    refPath.add(part.replace("~1", "/").replace("~0", "~"));
                }
            }
            t = new Target(target, t.key, List.copyOf(refPath));
        }
        return t;
    }
}
