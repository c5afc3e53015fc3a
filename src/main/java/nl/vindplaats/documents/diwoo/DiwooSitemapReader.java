package nl.vindplaats.documents.diwoo;

import nl.vindplaats.harvest.SafeXml;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reading DiWoo sitemaps as the Woo-index reads them: {@code robots.txt} names the sitemap indexes, an index lists
 * sitemaps, a sitemap lists one {@code <url>} per document — its file in {@code loc}, its last change in
 * {@code lastmod} and its DiWoo metadata ({@code <diwoo:Document>}) beside them. XML is read with {@link SafeXml}'s
 * rules: a document declaring a DOCTYPE (external entities, entity bombs) is refused before it is parsed.
 */
final class DiwooSitemapReader {
    static final String SITEMAP_NS = WooSitemaps.SITEMAP_NS;
    /** The naming the Woo-index requires of the sitemap indexes robots.txt names ({@code sitemapindex-diwoo-…}). */
    static final String INDEX_PREFIX = "sitemapindex-diwoo";

    /** Why a listing could not be read; the run fails on it (nothing is withdrawn). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** One sitemap's entry: the file, when it changed, and its DiWoo metadata (null when it has none). */
    record Entry(String loc, String lastmod, XmlElement document) {
    }

    /** An entry of a sitemap index: a sitemap and when it last changed (null when not said). */
    record SitemapRef(String loc, String lastmod) {
    }

    private DiwooSitemapReader() {
    }

    /**
     * The sitemap indexes a robots.txt names ({@code Sitemap:} lines, case-insensitive, resolved against the
     * robots.txt's own URL) whose file name follows the Woo-index's convention; other sitemaps (of pages) are not
     * the Woo-index's business.
     */
    static List<String> diwooIndexes(String robots, URI robotsUri) {
        List<String> out = new ArrayList<>();
        for (String line : robots.lines().toList()) {
            String stripped = line.strip();
            if (!stripped.regionMatches(true, 0, "Sitemap:", 0, 8)) {
                continue;
            }
            String value = stripped.substring(8).strip();
            try {
                String resolved = robotsUri.resolve(value).toString();
                String path = URI.create(resolved).getPath();
                String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
                if (name.toLowerCase(Locale.ROOT).startsWith(INDEX_PREFIX) && !out.contains(resolved)) {
                    out.add(resolved);
                }
            } catch (IllegalArgumentException e) {
                // not a URL: skipped, as a crawler skips it
            }
        }
        return out;
    }

    /** The sitemaps a sitemap index lists. */
    static List<SitemapRef> sitemaps(byte[] xml) throws Unreadable {
        List<SitemapRef> out = new ArrayList<>();
        read(xml, "sitemapindex", reader -> {
            if (isSitemapElement(reader, "sitemap")) {
                String[] locAndLastmod = locAndLastmod(reader, "sitemap", null);
                if (locAndLastmod[0] != null) {
                    out.add(new SitemapRef(locAndLastmod[0], locAndLastmod[1]));
                }
            }
        });
        return out;
    }

    /** Each {@code <url>} of a sitemap, in order, handed to {@code each} as it is read. */
    static void entries(byte[] xml, Consumer<Entry> each) throws Unreadable {
        read(xml, "urlset", reader -> {
            if (isSitemapElement(reader, "url")) {
                XmlElement[] document = new XmlElement[1];
                String[] locAndLastmod = locAndLastmod(reader, "url", document);
                if (locAndLastmod[0] != null) {
                    each.accept(new Entry(locAndLastmod[0], locAndLastmod[1], document[0]));
                }
            }
        });
    }

    private interface AtElement {
        void at(XMLStreamReader reader) throws XMLStreamException;
    }

    /** Reads a document whose root must be {@code root}, calling {@code atElement} at each element start below it. */
    private static void read(byte[] xml, String root, AtElement atElement) throws Unreadable {
        String problem = SafeXml.doctypeProblem(xml);
        if (problem != null) {
            throw new Unreadable(problem);
        }
        XMLStreamReader reader = null;
        try {
            reader = SafeXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            reader.nextTag();
            if (!SITEMAP_NS.equals(reader.getNamespaceURI()) || !root.equals(reader.getLocalName())) {
                throw new Unreadable("expected a sitemaps " + root + ", found <" + reader.getLocalName() + "> in "
                        + (reader.getNamespaceURI() == null ? "no namespace" : reader.getNamespaceURI()));
            }
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    atElement.at(reader);
                }
            }
        } catch (XMLStreamException e) {
            throw new Unreadable("not well-formed XML, or XML that is not accepted: " + e.getMessage());
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

    private static boolean isSitemapElement(XMLStreamReader reader, String name) {
        return SITEMAP_NS.equals(reader.getNamespaceURI()) && name.equals(reader.getLocalName());
    }

    /**
     * Reads the element the reader is at to its end: its {@code loc} and {@code lastmod}, and, when
     * {@code document} is given, its {@code <diwoo:Document>} into {@code document[0]}.
     */
    private static String[] locAndLastmod(XMLStreamReader reader, String element, XmlElement[] document)
            throws XMLStreamException {
        String[] out = new String[2];
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT && isSitemapElement(reader, element)) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (isSitemapElement(reader, "loc")) {
                out[0] = XmlElement.read(reader).text();
            } else if (isSitemapElement(reader, "lastmod")) {
                out[1] = XmlElement.read(reader).text();
            } else if (document != null && DiwooMapping.DIWOO_NS.equals(reader.getNamespaceURI())
                    && "Document".equals(reader.getLocalName())) {
                document[0] = XmlElement.read(reader);
            } else {
                XmlElement.read(reader); // another extension: skipped whole
            }
        }
        return out;
    }
}
