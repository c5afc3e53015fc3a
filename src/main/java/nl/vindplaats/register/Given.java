package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code given} of a Spectral rule: a JSONPath over the resolved document, written as steps.
 * {@code $..[responses][?(@property.match(/(2|3)\d\d/))][headers]} reads
 * {@code Given.root().deep("responses").children(key("(2|3)\\d\\d")).field("headers")}.
 */
@FunctionalInterface
interface Given {

    List<Target> select(JsonNode doc);

    static Given root() {
        return doc -> List.of(Target.root(doc));
    }

    /** Several paths, as a rule's list of {@code given}s. */
    static Given anyOf(Given... givens) {
        return doc -> {
            List<Target> out = new ArrayList<>();
            for (Given g : givens) {
                out.addAll(g.select(doc));
            }
            return out;
        };
    }

    /** {@code .name}: the field, where present. */
    default Given field(String name) {
        return step((doc, t) -> {
            Target child = t.child(doc, name);
            return child == null ? List.of() : List.of(child);
        });
    }

    /** {@code [*]}, or {@code [?(...)]} with a test on the child. */
    default Given children(BiPredicate<Object, JsonNode> where) {
        return step((doc, t) -> t.children(doc).stream().filter(c -> where.test(c.key(), c.node())).toList());
    }

    default Given children() {
        return children((k, v) -> true);
    }

    /** {@code ..[?(...)]}: every descendant passing the test, at any depth. */
    default Given deep(BiPredicate<Object, JsonNode> where) {
        return step((doc, t) -> {
            List<Target> out = new ArrayList<>();
            descend(doc, t, where, new HashSet<>(), out);
            return out;
        });
    }

    /** {@code ..name}. */
    default Given deep(String name) {
        return deep((k, v) -> name.equals(k));
    }

    /** {@code ~}: the keys of the targets instead of their values. */
    default Given keys() {
        return step((doc, t) -> List.of(new Target(TextNode.valueOf(t.keyText()), t.key(), t.path())));
    }

    private Given step(java.util.function.BiFunction<JsonNode, Target, List<Target>> next) {
        return doc -> select(doc).stream().flatMap(t -> next.apply(doc, t).stream()).toList();
    }

    /** A location reached under the same name twice (a shared component) is walked once; cycles end. */
    private static void descend(JsonNode doc, Target t, BiPredicate<Object, JsonNode> where, Set<String> seen,
                                List<Target> out) {
        for (Target child : t.children(doc)) {
            if (!seen.add(child.keyText() + " " + child.path())) {
                continue;
            }
            if (where.test(child.key(), child.node())) {
                out.add(child);
            }
            descend(doc, child, where, seen, out);
        }
    }

    /** A test on the key as JavaScript's {@code @property.match(/regex/)}: found anywhere in a string key. */
    static BiPredicate<Object, JsonNode> key(String regex) {
        Predicate<String> find = Pattern.compile(regex).asPredicate();
        return (k, v) -> k instanceof String s && find.test(s);
    }

    static BiPredicate<Object, JsonNode> keyIn(String... names) {
        Set<String> set = Set.of(names);
        return (k, v) -> k instanceof String s && set.contains(s);
    }

    /** {@code [?(@.field == 'value')]}. */
    static BiPredicate<Object, JsonNode> valueOf(String field, String expected) {
        return (k, v) -> v.isObject() && Objects.equals(v.path(field).textValue(), expected);
    }
}
