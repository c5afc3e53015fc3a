package nl.vindplaats.documents.diwoo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inverse of {@link DiwooMapping}: a harvested {@code <diwoo:Document>} as PLOOI metadata, the shape documents are
 * stored in. DiWoo and PLOOI share their field names, so most fields map one to one (a coded value's
 * {@code resource} is its {@code id}, its text its label). What {@link DiwooMapping} moved to
 * {@code diwoo:extraMetadata} under {@link DiwooMapping#EXTRA_NAMESPACE} because DiWoo could not hold it (a PLOOI
 * document type, an organisation DiWoo lacks, a web location) is put back; any other extraMetadata group (the
 * publisher's own) is kept as the document's {@code extraMetadata}. A document without identifiers gets its
 * {@code loc} as identifier: the Woo-index knows a document by it.
 */
final class DiwooMetadataReader {
    /** The DiWoo metadata cannot be taken in; the reason names the field. */
    static final class Unmappable extends Exception {
        Unmappable(String message) {
            super(message);
        }
    }

    private DiwooMetadataReader() {
    }

    static ObjectNode read(XmlElement document, String loc) throws Unmappable {
        XmlElement diwoo = document.child("DiWoo").orElseThrow(() -> new Unmappable("no <diwoo:DiWoo> in the entry"));
        Map<String, List<List<String>>> extra = ours(document);
        ObjectNode metadata = Json.object();
        ObjectNode doc = metadata.putObject("document");

        String created = diwoo.textOf("creatiedatum");
        if (created.isEmpty()) {
            created = first(extra, "creatiedatum").map(v -> v.getFirst()).orElse("");
        }
        text(doc, "creatiedatum", created);

        List<String> identifiers = texts(diwoo.list("identifiers", "identifier"));
        doc.set("identifiers", array(identifiers.isEmpty() ? List.of(loc) : identifiers));

        XmlElement publisher = diwoo.child("publisher").filter(p -> !p.resource().isEmpty())
                .orElseThrow(() -> new Unmappable("no publisher (DiWoo requires one, with a resource)"));
        coded(doc, "publisher", publisher);
        diwoo.child("verantwoordelijke").ifPresentOrElse(v -> coded(doc, "verantwoordelijke", v),
                () -> first(extra, "verantwoordelijke").ifPresent(v -> coded(doc, "verantwoordelijke", v)));
        diwoo.child("opsteller").ifPresentOrElse(o -> coded(doc, "opsteller", o),
                () -> first(extra, "opsteller").ifPresent(v -> coded(doc, "opsteller", v)));
        text(doc, "naamOpsteller", diwoo.textOf("naamOpsteller"));
        texts(doc, "omschrijvingen", texts(diwoo.list("omschrijvingen", "omschrijving")));

        XmlElement titles = diwoo.child("titelcollectie")
                .orElseThrow(() -> new Unmappable("no titelcollectie (DiWoo requires one)"));
        ObjectNode titelcollectie = doc.putObject("titelcollectie");
        text(titelcollectie, "officieleTitel", titles.textOf("officieleTitel"));
        texts(titelcollectie, "verkorteTitels", texts(titles.list("verkorteTitels", "verkorteTitel")));
        texts(titelcollectie, "alternatieveTitels", texts(titles.list("alternatieveTitels", "alternatieveTitel")));

        classification(doc, diwoo.child("classificatiecollectie"), extra);

        diwoo.child("language").ifPresentOrElse(l -> coded(doc, "language", l),
                () -> first(extra, "language").ifPresent(v -> coded(doc, "language", v)));
        first(extra, "format").ifPresentOrElse(v -> coded(doc, "format", v),
                () -> diwoo.child("format").ifPresent(f -> coded(doc, "format", f)));
        text(doc, "aggregatiekenmerk", diwoo.textOf("aggregatiekenmerk"));
        diwoo.child("geldigheid").ifPresent(g -> {
            ObjectNode validity = Json.object();
            text(validity, "begindatum", g.textOf("begindatum"));
            text(validity, "einddatum", g.textOf("einddatum"));
            if (!validity.isEmpty()) {
                doc.set("geldigheid", validity);
            }
        });
        first(extra, "weblocatie").ifPresent(v -> doc.put("weblocatie", v.getFirst()));

        ArrayNode handelingen = doc.putArray("documenthandelingen");
        for (XmlElement handeling : diwoo.list("documenthandelingen", "documenthandeling")) {
            ObjectNode h = handelingen.addObject();
            handeling.child("soortHandeling").ifPresent(s -> coded(h, "soortHandeling", s));
            text(h, "atTime", handeling.textOf("atTime"));
            handeling.child("wasAssociatedWith").ifPresent(w -> coded(h, "wasAssociatedWith", w));
        }

        relations(metadata, diwoo, extra);
        delivered(doc, document);
        return metadata;
    }

    private static void classification(ObjectNode doc, Optional<XmlElement> given,
                                       Map<String, List<List<String>>> extra) {
        XmlElement classification = given.orElse(new XmlElement("", "", "", "", List.of()));
        ObjectNode out = doc.putObject("classificatiecollectie");
        // The PLOOI types DiWoo lacks come back, in place of the DiWoo type they were mapped to.
        List<List<String>> originalTypes = extra.getOrDefault("documentsoort", List.of());
        List<String> mappedTo = originalTypes.stream()
                .map(v -> DiwooMapping.DOCUMENTSOORTEN.get(v.getFirst())).filter(t -> t != null).toList();
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (XmlElement type : classification.list("documentsoorten", "documentsoort")) {
            if (!mappedTo.contains(type.resource())) {
                types.add(coded(type.resource(), type.text()));
            }
        }
        originalTypes.forEach(v -> types.add(coded(v)));
        codedList(out, "documentsoorten", types);

        ArrayNode themes = Json.MAPPER.createArrayNode();
        classification.list("themas", "thema").forEach(t -> themes.add(coded(t.resource(), t.text())));
        extra.getOrDefault("thema", List.of()).forEach(v -> themes.add(coded(v)));
        codedList(out, "themas", themes);

        ArrayNode categories = Json.MAPPER.createArrayNode();
        classification.list("informatiecategorieen", "informatiecategorie")
                .forEach(c -> categories.add(coded(c.resource(), c.text())));
        extra.getOrDefault("informatiecategorie", List.of()).forEach(v -> categories.add(coded(v)));
        codedList(out, "informatiecategorieen", categories);

        texts(doc, "onderwerpen", texts(classification.list("trefwoorden", "trefwoord")));
    }

    /** DiWoo's isPartOf is PLOOI's "is bijlage bij"; a documentrelatie keeps its role. PLOOI holds one relation. */
    private static void relations(ObjectNode metadata, XmlElement diwoo, Map<String, List<List<String>>> extra) {
        Optional<XmlElement> partOf = diwoo.child("isPartOf").filter(p -> !p.resource().isEmpty());
        Optional<XmlElement> relation = diwoo.list("documentrelaties", "documentrelatie").stream().findFirst();
        if (partOf.isPresent()) {
            metadata.putObject("documentrelaties").put("relation", partOf.get().resource())
                    .put("role", DiwooMapping.IS_ATTACHMENT_OF);
        } else if (relation.isPresent()) {
            String role = relation.get().child("role").map(XmlElement::resource).orElse("");
            String target = relation.get().child("relation").map(XmlElement::resource).orElse("");
            if (!role.isEmpty() && !target.isEmpty()) {
                metadata.putObject("documentrelaties").put("relation", target).put("role", role);
            }
        } else if (first(extra, "documentrelatie.role").isPresent()
                && first(extra, "documentrelatie.relation").isPresent()) {
            metadata.putObject("documentrelaties")
                    .put("relation", first(extra, "documentrelatie.relation").get().getFirst())
                    .put("role", first(extra, "documentrelatie.role").get().getFirst());
        }
    }

    /** Every extraMetadata group but ours: the publisher's own fields, kept as delivered. */
    private static void delivered(ObjectNode doc, XmlElement document) {
        ArrayNode groups = Json.MAPPER.createArrayNode();
        for (XmlElement group : document.all("extraMetadata")) {
            String namespace = group.textOf("namespace");
            if (namespace.equals(DiwooMapping.EXTRA_NAMESPACE)) {
                continue;
            }
            ArrayNode velden = Json.MAPPER.createArrayNode();
            for (XmlElement veld : group.list("extraMetadatavelden", "extraMetadataveld")) {
                List<String> values = texts(veld.list("values", "value"));
                if (!veld.textOf("key").isEmpty() && !values.isEmpty()) {
                    velden.addObject().put("key", veld.textOf("key")).set("values", array(values));
                }
            }
            if (!velden.isEmpty()) {
                ObjectNode out = groups.addObject();
                if (!namespace.isEmpty()) {
                    out.put("namespace", namespace);
                }
                out.set("velden", velden);
            }
        }
        if (!groups.isEmpty()) {
            doc.set("extraMetadata", groups);
        }
    }

    /** Our own extraMetadata group ({@link DiwooMapping#EXTRA_NAMESPACE}): PLOOI field → each value list given. */
    private static Map<String, List<List<String>>> ours(XmlElement document) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        for (XmlElement group : document.all("extraMetadata")) {
            if (!group.textOf("namespace").equals(DiwooMapping.EXTRA_NAMESPACE)) {
                continue;
            }
            for (XmlElement veld : group.list("extraMetadatavelden", "extraMetadataveld")) {
                List<String> values = texts(veld.list("values", "value"));
                if (!values.isEmpty()) {
                    out.computeIfAbsent(veld.textOf("key"), k -> new ArrayList<>()).add(values);
                }
            }
        }
        return out;
    }

    private static Optional<List<String>> first(Map<String, List<List<String>>> extra, String key) {
        return extra.getOrDefault(key, List.of()).stream().findFirst();
    }

    private static void coded(ObjectNode parent, String field, XmlElement element) {
        if (!element.resource().isEmpty()) {
            parent.set(field, coded(element.resource(), element.text()));
        }
    }

    private static void coded(ObjectNode parent, String field, List<String> values) {
        parent.set(field, coded(values));
    }

    /** A coded value kept in extraMetadata: its URI, then its label when it had one. */
    private static ObjectNode coded(List<String> values) {
        return coded(values.getFirst(), values.size() > 1 ? values.get(1) : "");
    }

    private static ObjectNode coded(String id, String label) {
        ObjectNode out = Json.object().put("id", id);
        if (!label.isBlank()) {
            out.put("label", label);
        }
        return out;
    }

    /** A list of coded values without repeats (PLOOI's lists are unique), left out when empty. */
    private static void codedList(ObjectNode parent, String field, ArrayNode values) {
        ArrayNode unique = Json.MAPPER.createArrayNode();
        List<String> ids = new ArrayList<>();
        values.forEach(v -> {
            if (!ids.contains(v.path("id").asText())) {
                ids.add(v.path("id").asText());
                unique.add(v);
            }
        });
        if (!unique.isEmpty()) {
            parent.set(field, unique);
        }
    }

    private static List<String> texts(List<XmlElement> elements) {
        return elements.stream().map(XmlElement::text).filter(t -> !t.isBlank()).distinct().toList();
    }

    private static void text(ObjectNode parent, String field, String value) {
        if (!value.isBlank()) {
            parent.put(field, value);
        }
    }

    private static void texts(ObjectNode parent, String field, List<String> values) {
        if (!values.isEmpty()) {
            parent.set(field, array(values));
        }
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        values.forEach(out::add);
        return out;
    }
}
