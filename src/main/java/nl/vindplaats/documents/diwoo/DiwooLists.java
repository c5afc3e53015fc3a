package nl.vindplaats.documents.diwoo;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DiWoo's own value lists, read from the enumerations of {@code diwoo-metadata-lijsten.xsd} 0.9.8: a
 * coded value in a DiWoo sitemap validates only when its URI is in the list of its field. These lists
 * differ from PLOOI's (other versions, other organisation ids), so the sitemaps check every value here
 * and map those that are missing ({@link DiwooMapping}).
 */
public final class DiwooLists {
    public static final String RESOURCE = "diwoo/diwoo-metadata-lijsten.xsd";

    // The names of the lists (xs:simpleType names in the schema).
    public static final String DOCUMENTSOORTEN = "documentsoortlijst";
    public static final String THEMAS = "themalijst";
    public static final String TALEN = "taallijst";
    public static final String FORMATS = "formatlijst";
    public static final String SOORTEN_HANDELING = "soorthandelinglijst";
    public static final String DOCUMENTRELATIES = "documentrelatielijst";
    public static final String INFORMATIECATEGORIEEN = "informatiecategorielijst";
    public static final String REDENEN_VERWIJDERING_VERVANGING = "redenverwijderingvervanginglijst";
    /** The lists whose union is {@code organisatielijst}, the type of every organisation field. */
    public static final List<String> ORGANISATIONS = List.of("collijst", "gemeentelijst", "ministerielijst",
            "provincielijst", "oorglijst", "solijst", "waterschapslijst", "zbolijst");

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** List name → URI → label (the first paragraph of the value's documentation). */
    private final Map<String, Map<String, String>> lists;

    private DiwooLists(Map<String, Map<String, String>> lists) {
        this.lists = lists;
    }

    /** Reads the lists from the class path. */
    public static DiwooLists load() {
        try (InputStream in = DiwooLists.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new DiwooLists(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    private static final class Shared {
        static final DiwooLists LISTS = load();
    }

    /** The lists, read once per process (they are part of the build). */
    public static DiwooLists shared() {
        return Shared.LISTS;
    }

    public boolean contains(String list, String uri) {
        return values(list).containsKey(uri);
    }

    public Optional<String> label(String list, String uri) {
        return Optional.ofNullable(values(list).get(uri));
    }

    /** Whether DiWoo accepts this URI in an organisation field (publisher, opsteller, …). */
    public boolean isOrganisation(String uri) {
        return ORGANISATIONS.stream().anyMatch(l -> contains(l, uri));
    }

    /** Every value of a list, URI → label, in the schema's order. */
    public Map<String, String> values(String list) {
        Map<String, String> values = lists.get(list);
        if (values == null) {
            throw new IllegalArgumentException("DiWoo has no value list " + list);
        }
        return values;
    }

    private static Map<String, Map<String, String>> read(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        Map<String, Map<String, String>> lists = new HashMap<>();
        Map<String, String> current = null; // the values of the list (a top-level xs:simpleType) being read
        String value = null;
        boolean labelled = false;
        int depth = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                boolean schema = XS.equals(xml.getNamespaceURI());
                if (depth == 2 && schema && name.equals("simpleType")) {
                    current = new LinkedHashMap<>();
                    lists.put(xml.getAttributeValue(null, "name"), current);
                } else if (current != null && schema && name.equals("enumeration")) {
                    value = xml.getAttributeValue(null, "value");
                    current.put(value, "");
                    labelled = false;
                } else if (value != null && !labelled && name.equals("p")) {
                    current.put(value, xml.getElementText().replaceAll("\\s+", " ").strip());
                    labelled = true;
                    depth--; // getElementText() consumed the end tag
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (XS.equals(xml.getNamespaceURI()) && xml.getLocalName().equals("enumeration")) {
                    value = null;
                } else if (depth == 2) {
                    current = null;
                }
                depth--;
            }
        }
        xml.close();
        lists.replaceAll((name, values) -> java.util.Collections.unmodifiableMap(values));
        return Map.copyOf(lists);
    }
}
