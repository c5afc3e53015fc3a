package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link PublicationMetadata} as the {@code metadata} of a stored document body ({@link StoredPublication}), and back:
 * each component by its own name, written by hand. A value not given and an empty list are left out; a concept or a
 * period with nothing in it is an empty object, so that it reads back as given (not as absent).
 */
final class StoredMetadata {
    private StoredMetadata() {
    }

    static ObjectNode json(PublicationMetadata m) {
        ObjectNode json = Json.object();
        Json.putPresent(json, "pid", m.pid());
        Json.putPresent(json, "published", m.published());
        Json.putPresent(json, "created", m.created());
        putConcept(json, "publisher", m.publisher());
        putConcept(json, "responsible", m.responsible());
        putConcept(json, "author", m.author());
        Json.putPresent(json, "authorName", m.authorName());
        putTexts(json, "identifiers", m.identifiers());
        putConcept(json, "language", m.language());
        ObjectNode titles = Json.object();
        Json.putPresent(titles, "official", m.titles().official());
        putTexts(titles, "shortTitles", m.titles().shortTitles());
        putTexts(titles, "alternativeTitles", m.titles().alternativeTitles());
        if (!titles.isEmpty()) {
            json.set("titles", titles);
        }
        putTexts(json, "descriptions", m.descriptions());
        putList(json, "documentTypes", m.documentTypes(), StoredMetadata::concept);
        putList(json, "themes", m.themes(), StoredMetadata::concept);
        putList(json, "informationCategories", m.informationCategories(), StoredMetadata::concept);
        putConcept(json, "format", m.format());
        putTexts(json, "subjects", m.subjects());
        Json.putPresent(json, "aggregationKey", m.aggregationKey());
        putList(json, "actions", m.actions(), a -> {
            ObjectNode action = Json.object();
            putConcept(action, "kind", a.kind());
            Json.putPresent(action, "at", a.at());
            putConcept(action, "by", a.by());
            return action;
        });
        if (m.validity() != null) {
            ObjectNode validity = json.putObject("validity");
            Json.putPresent(validity, "start", m.validity().start());
            Json.putPresent(validity, "end", m.validity().end());
        }
        Json.putPresent(json, "webLocation", m.webLocation());
        putList(json, "extraMetadata", m.extraMetadata(), e -> {
            ObjectNode extra = Json.object();
            Json.putPresent(extra, "namespace", e.namespace());
            putList(extra, "fields", e.fields(), f -> {
                ObjectNode field = Json.object();
                Json.putPresent(field, "key", f.key());
                putTexts(field, "values", f.values());
                return field;
            });
            return extra;
        });
        if (m.relation() != null) {
            ObjectNode relation = json.putObject("relation");
            Json.putPresent(relation, "mainDocument", m.relation().mainDocument());
            Json.putPresent(relation, "role", m.relation().role());
        }
        return json;
    }

    static PublicationMetadata metadata(JsonNode json) {
        JsonNode titles = json.path("titles");
        JsonNode validity = json.get("validity");
        JsonNode relation = json.get("relation");
        return new PublicationMetadata(text(json, "pid"), text(json, "published"), text(json, "created"),
                concept(json.get("publisher")), concept(json.get("responsible")), concept(json.get("author")),
                text(json, "authorName"), texts(json.get("identifiers")), concept(json.get("language")),
                new PublicationMetadata.Titles(text(titles, "official"), texts(titles.get("shortTitles")),
                        texts(titles.get("alternativeTitles"))),
                texts(json.get("descriptions")), list(json.get("documentTypes"), StoredMetadata::concept),
                list(json.get("themes"), StoredMetadata::concept),
                list(json.get("informationCategories"), StoredMetadata::concept), concept(json.get("format")),
                texts(json.get("subjects")), text(json, "aggregationKey"),
                list(json.get("actions"), a -> new PublicationMetadata.Action(concept(a.get("kind")), text(a, "at"),
                        concept(a.get("by")))),
                validity == null ? null : new PublicationMetadata.Period(text(validity, "start"),
                        text(validity, "end")),
                text(json, "webLocation"),
                list(json.get("extraMetadata"), e -> new PublicationMetadata.ExtraMetadata(text(e, "namespace"),
                        list(e.get("fields"), f -> new PublicationMetadata.Field(text(f, "key"),
                                texts(f.get("values")))))),
                relation == null ? null : new PublicationMetadata.Relation(text(relation, "mainDocument"),
                        text(relation, "role")));
    }

    static ObjectNode concept(PublicationMetadata.Concept concept) {
        ObjectNode json = Json.object();
        Json.putPresent(json, "uri", concept.uri());
        Json.putPresent(json, "label", concept.label());
        return json;
    }

    static PublicationMetadata.Concept concept(JsonNode json) {
        return json == null ? null : new PublicationMetadata.Concept(text(json, "uri"), text(json, "label"));
    }

    private static void putConcept(ObjectNode json, String field, PublicationMetadata.Concept concept) {
        if (concept != null) {
            json.set(field, concept(concept));
        }
    }

    private static void putTexts(ObjectNode json, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = json.putArray(field);
            values.forEach(array::add);
        }
    }

    private static <T> void putList(ObjectNode json, String field, List<T> items, Function<T, ObjectNode> item) {
        if (!items.isEmpty()) {
            ArrayNode array = json.putArray(field);
            items.forEach(value -> array.add(item.apply(value)));
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(value -> out.add(value.asText()));
        return out;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        if (array == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(array.size());
        array.forEach(value -> out.add(item.apply(value)));
        return out;
    }
}
