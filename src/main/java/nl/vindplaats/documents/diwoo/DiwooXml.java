package nl.vindplaats.documents.diwoo;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.valuelists.ValueItem;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.vindplaats.documents.diwoo.DiwooMapping.DIWOO;
import static nl.vindplaats.documents.diwoo.DiwooMapping.DIWOO_NS;

/** Writing DiWoo elements: coded values, texts, lists and extraMetadata, with text XML 1.0 can carry. */
final class DiwooXml {
    private DiwooXml() {
    }

    /** The publication system's own extraMetadata, as delivered (PLOOI has no prefix: one is made up). */
    static void delivered(XMLStreamWriter xml, JsonNode groups) throws XMLStreamException {
        int n = 0;
        for (JsonNode group : groups) {
            List<Map.Entry<String, List<String>>> fields = new ArrayList<>();
            for (JsonNode veld : group.path("velden")) {
                List<String> values = new ArrayList<>();
                JsonNode raw = veld.path("values");
                if (raw.isArray()) {
                    raw.forEach(v -> values.add(v.asText("")));
                } else if (!raw.isMissingNode() && !raw.isNull()) {
                    values.add(raw.asText(""));
                }
                if (!veld.path("key").asText("").isBlank() && !values.isEmpty()) {
                    fields.add(Map.entry(veld.path("key").asText(), values));
                }
            }
            n++;
            extraMetadata(xml, group.path("namespace").asText(""), "ns" + n, fields);
        }
    }

    static void extraMetadata(XMLStreamWriter xml, String namespace, String prefix,
                                      List<Map.Entry<String, List<String>>> fields) throws XMLStreamException {
        if (fields.isEmpty()) {
            return;
        }
        xml.writeStartElement(DIWOO, "extraMetadata", DIWOO_NS);
        if (!namespace.isBlank()) {
            element(xml, "namespace", namespace);
            element(xml, "prefix", prefix);
        }
        xml.writeStartElement(DIWOO, "extraMetadatavelden", DIWOO_NS);
        for (Map.Entry<String, List<String>> field : fields) {
            xml.writeStartElement(DIWOO, "extraMetadataveld", DIWOO_NS);
            element(xml, "key", field.getKey());
            xml.writeStartElement(DIWOO, "values", DIWOO_NS);
            for (String value : field.getValue()) {
                element(xml, "value", value);
            }
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    static void list(XMLStreamWriter xml, String wrapper, String name, List<ValueItem> items)
            throws XMLStreamException {
        if (items.isEmpty()) {
            return;
        }
        xml.writeStartElement(DIWOO, wrapper, DIWOO_NS);
        for (ValueItem item : items) {
            resource(xml, name, item.identifier(), item.label());
        }
        xml.writeEndElement();
    }

    static void resource(XMLStreamWriter xml, String name, String uri, String label)
            throws XMLStreamException {
        xml.writeStartElement(DIWOO, name, DIWOO_NS);
        xml.writeAttribute("resource", xmlText(uri));
        xml.writeCharacters(xmlText(label));
        xml.writeEndElement();
    }

    /** An element with this text, also when empty. */
    static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(DIWOO, name, DIWOO_NS);
        xml.writeCharacters(xmlText(value));
        xml.writeEndElement();
    }

    /** An element with this text, left out when there is none. */
    static void text(XMLStreamWriter xml, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            element(xml, name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    static void texts(XMLStreamWriter xml, String wrapper, String name, JsonNode values)
            throws XMLStreamException {
        List<String> present = new ArrayList<>();
        values.forEach(v -> {
            if (!v.asText("").isBlank()) {
                present.add(v.asText());
            }
        });
        if (present.isEmpty()) {
            return;
        }
        xml.writeStartElement(DIWOO, wrapper, DIWOO_NS);
        for (String value : present) {
            element(xml, name, value);
        }
        xml.writeEndElement();
    }

    /** Text without the characters XML 1.0 cannot carry (JSON can: control characters, lone surrogates). */
    static String xmlText(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                    || Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
