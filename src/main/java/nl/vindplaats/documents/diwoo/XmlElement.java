package nl.vindplaats.documents.diwoo;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small element of harvested XML (one {@code <diwoo:Document>}): its name, its {@code resource} attribute (DiWoo's
 * way of naming a coded value), its text and its child elements. Read from a StAX reader made by
 * {@code SafeXml}, so no entity has been expanded in it.
 */
record XmlElement(String namespace, String name, String resource, String text, List<XmlElement> children) {

    /** DiWoo nests at most a handful of levels; deeper is a document built to exhaust the stack. */
    static final int MAX_DEPTH = 32;

    /** Reads the element the reader is at, to its end. */
    static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        return read(reader, 0);
    }

    private static XmlElement read(XMLStreamReader reader, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH + " levels");
        }
        String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
        String name = reader.getLocalName();
        String resource = reader.getAttributeValue(null, "resource");
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                children.add(read(reader, depth + 1));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                // Without a DTD only XML's own five entities exist; any other reference is refused, not dropped.
                throw new XMLStreamException("an undeclared entity reference &" + reader.getLocalName() + ";");
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        return new XmlElement(namespace, name, resource == null ? "" : resource.strip(), text.toString().strip(),
                List.copyOf(children));
    }

    /** The first child of this name (in any namespace: DiWoo's elements are all in one). */
    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<XmlElement> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The children named {@code item} of the child named {@code wrapper}: DiWoo's lists. */
    List<XmlElement> list(String wrapper, String item) {
        return child(wrapper).map(w -> w.all(item)).orElse(List.of());
    }

    /** The text of the first child of this name; empty when there is none. */
    String textOf(String childName) {
        return child(childName).map(XmlElement::text).orElse("");
    }
}
