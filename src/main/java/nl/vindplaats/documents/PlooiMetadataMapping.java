package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.base.JsonExtras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * PLOOI's metadata document ({@code {document, documentrelaties}}, schema 0.9.0-beta with DiWoo's
 * {@code informatiecategorieen}, and the {@code pid} and {@code openbaarmakingsdatum} this instance adds) to and from
 * {@link PublicationMetadata}. Reading keeps what the model has no place for as the extras of this mapper
 * ({@link Read#extras}): a field PLOOI's schema does not have, and a value in another JSON form than the one written
 * back (a null, an empty list, a number where text belongs); writing lays them over the model's fields (see
 * {@link JsonExtras}), so that metadata → model → metadata gives the metadata back. The model's fields are written in
 * the order of PLOOI's schema, extras after them; {@link #throughModel} keeps a client's own order.
 */
public final class PlooiMetadataMapping {
    private static final String DOCUMENT = "document";

    private PlooiMetadataMapping() {
    }

    /** Metadata read into the model, with what the model does not hold. */
    public record Read(PublicationMetadata metadata, ObjectNode extras) {
    }

    /** Metadata read into the model, with the extras that give it back. */
    public static Read read(ObjectNode wire) {
        PublicationMetadata metadata = metadata(wire);
        return new Read(metadata, JsonExtras.of(wire, write(metadata, Json.object())));
    }

    /**
     * The metadata a delivery stores: {@code delivered} read into the model, given its pid and the day it was made
     * public there, and written back, in the order its client gave its fields.
     */
    public static ObjectNode throughModel(ObjectNode delivered, String pid, String published) {
        Read read = read(delivered);
        ObjectNode written = write(read.metadata().publishedAs(pid, published), read.extras());
        return (ObjectNode) JsonExtras.inOrderOf(written, delivered);
    }

    /**
     * Metadata as a stored document keeps it ({@link StoredPublication}): the model, and this mapper's extras, which
     * hold what the model does not ({@code fields}, see {@link Read#extras}) and, where the JSON's keys do not come in
     * the order {@link #write} gives them, that order ({@code order}: the JSON's objects with every other value 0).
     */
    public record Kept(PublicationMetadata metadata, ObjectNode extras) {
    }

    /** The metadata, kept so that {@link #given} gives it back exactly, in its own order. */
    public static Kept keep(ObjectNode wire) {
        PublicationMetadata metadata = metadata(wire);
        ObjectNode written = write(metadata, Json.object());
        ObjectNode fields = JsonExtras.of(wire, written);
        ObjectNode extras = Json.object();
        if (!fields.isEmpty()) {
            extras.set("fields", fields);
        }
        if (!sameOrder(JsonExtras.overlay(written, fields), wire)) {
            extras.set("order", order(wire));
        }
        return new Kept(metadata, extras);
    }

    /** The metadata document that was kept as this model and these extras (see {@link #keep}). */
    public static ObjectNode given(PublicationMetadata metadata, ObjectNode extras) {
        ObjectNode written = write(metadata, extras.get("fields") instanceof ObjectNode fields ? fields : Json.object());
        JsonNode order = extras.get("order");
        return order == null ? written : (ObjectNode) JsonExtras.inOrderOf(written, order);
    }

    private static boolean sameOrder(JsonNode a, JsonNode b) {
        if (a instanceof ObjectNode x && b instanceof ObjectNode y) {
            if (!x.properties().stream().map(Map.Entry::getKey).toList()
                    .equals(y.properties().stream().map(Map.Entry::getKey).toList())) {
                return false;
            }
            for (var e : x.properties()) {
                if (!sameOrder(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameOrder(a.get(i), b.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The keys of every object in {@code node}, in their order; every other value is 0. */
    private static JsonNode order(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            object.properties().forEach(e -> out.set(e.getKey(), order(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            boolean containers = false;
            for (JsonNode item : node) {
                containers |= item.isContainerNode();
            }
            if (containers) {
                ArrayNode out = Json.MAPPER.createArrayNode();
                node.forEach(item -> out.add(order(item)));
                return out;
            }
        }
        return Json.MAPPER.getNodeFactory().numberNode(0);
    }

    /** The model of the metadata, whatever else it holds. */
    static PublicationMetadata metadata(ObjectNode wire) {
        JsonNode d = wire.path(DOCUMENT);
        JsonNode t = d.path("titelcollectie");
        JsonNode c = d.path("classificatiecollectie");
        JsonNode validity = d.path("geldigheid");
        JsonNode relation = wire.path("documentrelaties");
        return new PublicationMetadata(text(d, "pid"), text(d, "openbaarmakingsdatum"), text(d, "creatiedatum"),
                concept(d.get("publisher")), concept(d.get("verantwoordelijke")), concept(d.get("opsteller")),
                text(d, "naamOpsteller"), texts(d.get("identifiers")), concept(d.get("language")),
                new PublicationMetadata.Titles(text(t, "officieleTitel"), texts(t.get("verkorteTitels")),
                        texts(t.get("alternatieveTitels"))),
                texts(d.get("omschrijvingen")), concepts(c.get("documentsoorten")), concepts(c.get("themas")),
                concepts(c.get("informatiecategorieen")), concept(d.get("format")), texts(d.get("onderwerpen")),
                text(d, "aggregatiekenmerk"), items(d.get("documenthandelingen"), PlooiMetadataMapping::action),
                validity.isObject() ? new PublicationMetadata.Period(text(validity, "begindatum"),
                        text(validity, "einddatum")) : null,
                text(d, "weblocatie"), items(d.get("extraMetadata"), PlooiMetadataMapping::extraMetadata),
                relation.isObject() ? new PublicationMetadata.Relation(text(relation, "relation"),
                        text(relation, "role")) : null);
    }

    /** The metadata document of the model, then the extras over it. */
    public static ObjectNode write(PublicationMetadata m, ObjectNode extras) {
        ObjectNode wire = Json.object();
        ObjectNode d = Json.object();
        Json.putPresent(d, "creatiedatum", m.created());
        putConcept(d, "publisher", m.publisher());
        putConcept(d, "verantwoordelijke", m.responsible());
        putConcept(d, "opsteller", m.author());
        Json.putPresent(d, "naamOpsteller", m.authorName());
        putTexts(d, "identifiers", m.identifiers());
        putConcept(d, "language", m.language());
        if (!m.titles().isEmpty()) {
            ObjectNode t = d.putObject("titelcollectie");
            Json.putPresent(t, "officieleTitel", m.titles().official());
            putTexts(t, "verkorteTitels", m.titles().shortTitles());
            putTexts(t, "alternatieveTitels", m.titles().alternativeTitles());
        }
        putTexts(d, "omschrijvingen", m.descriptions());
        if (!m.documentTypes().isEmpty() || !m.themes().isEmpty() || !m.informationCategories().isEmpty()) {
            ObjectNode c = d.putObject("classificatiecollectie");
            putConcepts(c, "documentsoorten", m.documentTypes());
            putConcepts(c, "themas", m.themes());
            putConcepts(c, "informatiecategorieen", m.informationCategories());
        }
        putConcept(d, "format", m.format());
        putTexts(d, "onderwerpen", m.subjects());
        Json.putPresent(d, "aggregatiekenmerk", m.aggregationKey());
        if (!m.actions().isEmpty()) {
            ArrayNode actions = d.putArray("documenthandelingen");
            for (PublicationMetadata.Action a : m.actions()) {
                ObjectNode o = actions.addObject();
                putConcept(o, "soortHandeling", a.kind());
                Json.putPresent(o, "atTime", a.at());
                putConcept(o, "wasAssociatedWith", a.by());
            }
        }
        if (m.validity() != null) {
            ObjectNode v = d.putObject("geldigheid");
            Json.putPresent(v, "begindatum", m.validity().start());
            Json.putPresent(v, "einddatum", m.validity().end());
        }
        Json.putPresent(d, "weblocatie", m.webLocation());
        if (!m.extraMetadata().isEmpty()) {
            ArrayNode extra = d.putArray("extraMetadata");
            for (PublicationMetadata.ExtraMetadata e : m.extraMetadata()) {
                ObjectNode o = extra.addObject();
                Json.putPresent(o, "namespace", e.namespace());
                ArrayNode fields = Json.MAPPER.createArrayNode();
                for (PublicationMetadata.Field f : e.fields()) {
                    ObjectNode field = fields.addObject();
                    Json.putPresent(field, "key", f.key());
                    if (f.values().size() == 1) {
                        field.put("values", f.values().getFirst());
                    } else {
                        putTexts(field, "values", f.values());
                    }
                }
                if (!fields.isEmpty()) {
                    o.set("velden", fields);
                }
            }
        }
        Json.putPresent(d, "pid", m.pid());
        Json.putPresent(d, "openbaarmakingsdatum", m.published());
        if (!d.isEmpty()) {
            wire.set(DOCUMENT, d);
        }
        if (m.relation() != null) {
            ObjectNode r = wire.putObject("documentrelaties");
            Json.putPresent(r, "relation", m.relation().mainDocument());
            Json.putPresent(r, "role", m.relation().role());
        }
        return JsonExtras.overlay(wire, extras);
    }

    private static PublicationMetadata.Action action(JsonNode a) {
        return new PublicationMetadata.Action(concept(a.get("soortHandeling")), text(a, "atTime"),
                concept(a.get("wasAssociatedWith")));
    }

    private static PublicationMetadata.ExtraMetadata extraMetadata(JsonNode e) {
        return new PublicationMetadata.ExtraMetadata(text(e, "namespace"), items(e.get("velden"),
                f -> new PublicationMetadata.Field(text(f, "key"), texts(f.get("values")))));
    }

    private static PublicationMetadata.Concept concept(JsonNode coded) {
        return coded instanceof ObjectNode o ? new PublicationMetadata.Concept(text(o, "id"), text(o, "label")) : null;
    }

    private static List<PublicationMetadata.Concept> concepts(JsonNode list) {
        return items(list, PlooiMetadataMapping::concept);
    }

    /** The objects of a list, each read by {@code reading}; what is not an object is left to the extras. */
    private static <T> List<T> items(JsonNode list, Function<JsonNode, T> reading) {
        List<T> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(item -> {
                if (item.isObject()) {
                    out.add(reading.apply(item));
                }
            });
        }
        return out;
    }

    /** A text as written; null when absent or not text. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The texts of a list (or a single text as a list of one); what is not text is left to the extras. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isTextual()) {
            out.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }


    private static void putTexts(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = o.putArray(field);
            values.forEach(list::add);
        }
    }

    private static void putConcept(ObjectNode o, String field, PublicationMetadata.Concept concept) {
        if (concept != null) {
            ObjectNode c = o.putObject(field);
            Json.putPresent(c, "id", concept.uri());
            Json.putPresent(c, "label", concept.label());
        }
    }

    private static void putConcepts(ObjectNode o, String field, List<PublicationMetadata.Concept> concepts) {
        if (!concepts.isEmpty()) {
            ArrayNode list = o.putArray(field);
            for (PublicationMetadata.Concept c : concepts) {
                ObjectNode value = list.addObject();
                Json.putPresent(value, "id", c.uri());
                Json.putPresent(value, "label", c.label());
            }
        }
    }
}
