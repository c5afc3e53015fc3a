package nl.vindplaats.harvest;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;

/**
 * XML from a harvest source is read with DTDs off (OWASP's rule: no DOCTYPE at all, which stops external entities
 * and entity expansion bombs alike). Parsers that keep DTDs on for their own reasons — Jena's RDF/XML reader expands
 * internal entities — get the document only after {@link #doctypeProblem} found no DOCTYPE in it.
 */
public final class SafeXml {
    private SafeXml() {
    }

    /** A StAX factory that refuses nothing silently but reads no DTD and resolves no external entity. */
    public static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    /**
     * Why this document may not be parsed: it declares a DOCTYPE (where entities and external DTDs live), or its
     * prolog is not XML; null when its prolog holds no DOCTYPE. Reads only up to the root element.
     */
    public static String doctypeProblem(byte[] document) {
        XMLStreamReader reader = null;
        try {
            reader = inputFactory().createXMLStreamReader(new ByteArrayInputStream(document));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    return "the document declares a DOCTYPE; DTDs and entities are not accepted from a harvest source";
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return null;
                }
            }
            return "the document has no root element";
        } catch (XMLStreamException e) {
            return "not well-formed XML: " + e.getMessage();
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing held beyond the byte array
                }
            }
        }
    }
}
