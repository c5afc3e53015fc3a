package nl.vindplaats.documents.opendata;

import nl.vindplaats.documents.OpenDataDocument;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The open data API's XML, element for element as the real Rijksoverheid responses: names, order,
 * wrappers, CDATA for HTML, and the empty forms the samples show ({@code <files/>},
 * {@code <subtype></subtype>}, {@code <introduction></introduction>}; an empty CDATA section only in
 * {@code additionalcontent} and {@code paragraphtitle}, where the samples always have one). Written with
 * StAX, indented like the samples.
 */
final class DocumentXml {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final String[] INDENTS = {"\n", "\n    ", "\n        ", "\n            ", "\n                "};

    /** A list item of {@code /documents}, or an infotype list entry: its fields in order. */
    record Item(String element, Map<String, String> fields) {
    }

    private final StringWriter out = new StringWriter();
    private final XMLStreamWriter xml;
    private int depth;

    private DocumentXml() {
        try {
            xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    static String list(List<OpenDataDocument> documents, List<Map<String, List<String>>> highlights) {
        DocumentXml w = new DocumentXml();
        if (documents.isEmpty()) {
            return w.empty("documents").finish(); // exactly what ends a harvest: <documents/>
        }
        w.open("documents");
        for (int i = 0; i < documents.size(); i++) {
            OpenDataDocument d = documents.get(i);
            w.open("document");
            w.head(d);
            w.cdata("introduction", d.introduction());
            w.text("lastmodified", d.lastmodified()).text("available", d.available())
                    .text("frontenddate", d.frontenddate()).text("initialdate", d.initialdate());
            w.wrapped("locations", "location", d.locations());
            if (highlights != null) {
                w.highlights(highlights.get(i));
            }
            w.close();
        }
        return w.close().finish();
    }

    static String detail(OpenDataDocument d) {
        DocumentXml w = new DocumentXml();
        w.open("document");
        w.head(d);
        if (d.files().isEmpty()) {
            w.empty("files");
        } else {
            w.open("files");
            for (OpenDataDocument.File f : d.files()) {
                w.open("file").text("fileurl", f.fileurl()).text("mimetype", f.mimetype())
                        .text("filesize", Long.toString(f.filesize())).text("filename", f.filename())
                        .text("filetitle", f.filetitle()).text("numberofpages", Long.toString(f.numberofpages()))
                        .close();
            }
            w.close();
        }
        w.cdata("introduction", d.introduction());
        if (d.content().isEmpty()) {
            w.empty("content");
        } else {
            w.open("content");
            for (OpenDataDocument.ContentBlock block : d.content()) {
                w.open("contentblock").cdataEvenEmpty("paragraphtitle", block.paragraphtitle())
                        .cdata("paragraph", block.paragraph()).close();
            }
            w.close();
        }
        w.cdataEvenEmpty("additionalcontent", d.additionalcontent());
        w.wrapped("authorities", "department", d.authorities());
        w.wrapped("creators", "department", d.creators());
        w.wrapped("subjects", "subject", d.subjects());
        w.wrapped("subjectids", "id", d.subjectids());
        w.wrapped("themes", "theme", d.themes());
        w.wrapped("organisationalunits", "department", d.organisationalunits());
        w.wrapped("organisationalunitids", "id", d.organisationalunitids());
        w.text("lastmodified", d.lastmodified()).text("issued", d.issued()).text("available", d.available())
                .text("frontenddate", d.frontenddate()).text("initialdate", d.initialdate())
                .text("license", d.license());
        w.wrapped("rightsholders", "department", d.rightsholders());
        w.wrapped("languages", "language", d.languages());
        w.wrapped("locations", "location", d.locations());
        return w.close().finish();
    }

    /** An infotype list: root element, one element per item, each with plain text fields. */
    static String items(String root, List<Item> items) {
        DocumentXml w = new DocumentXml();
        if (items.isEmpty()) {
            return w.empty(root).finish();
        }
        w.open(root);
        for (Item item : items) {
            w.open(item.element());
            item.fields().forEach(w::text);
            w.close();
        }
        return w.close().finish();
    }

    /** An error in the same XML style: {@code <error><status/><title/><message/></error>}. */
    static String error(int status, String title, String message) {
        DocumentXml w = new DocumentXml();
        w.open("error").text("status", Integer.toString(status)).text("title", title).text("message", message);
        return w.close().finish();
    }

    private void head(OpenDataDocument d) {
        text("id", d.id()).text("type", d.type()).text("typeid", d.typeid()).text("subtype", d.subtype())
                .text("canonical", d.canonical()).text("dataurl", d.dataurl()).text("title", d.title());
    }

    /** Extension: marked fragments per field ({@code <em>} around matches), only when {@code q} was given. */
    private void highlights(Map<String, List<String>> byField) {
        if (byField.isEmpty()) {
            empty("highlights");
            return;
        }
        open("highlights");
        byField.forEach((field, fragments) -> fragments.forEach(fragment -> {
            try {
                indent();
                xml.writeStartElement("highlight");
                xml.writeAttribute("field", field);
                writeCData(fragment);
                xml.writeEndElement();
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }));
        close();
    }

    private DocumentXml wrapped(String wrapper, String element, List<String> values) {
        if (values.isEmpty()) {
            return empty(wrapper);
        }
        open(wrapper);
        values.forEach(v -> text(element, v));
        return close();
    }

    private DocumentXml open(String name) {
        try {
            indent();
            xml.writeStartElement(name);
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private DocumentXml close() {
        try {
            depth--;
            indent();
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text element; an empty value is written as {@code <name></name>}, as the samples do. */
    private DocumentXml text(String name, String value) {
        try {
            indent();
            xml.writeStartElement(name);
            xml.writeCharacters(value == null ? "" : value);
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTML content in CDATA; empty is an empty element ({@code <introduction></introduction>}). */
    private DocumentXml cdata(String name, String html) {
        return html == null || html.isEmpty() ? text(name, "") : cdataEvenEmpty(name, html);
    }

    /** HTML content in CDATA; empty is {@code <![CDATA[]]>}, as the samples' additionalcontent and paragraphtitle. */
    private DocumentXml cdataEvenEmpty(String name, String html) {
        try {
            indent();
            xml.writeStartElement(name);
            writeCData(html);
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "]]>" cannot occur inside one CDATA section: it is split over two. */
    private void writeCData(String text) throws XMLStreamException {
        String all = text == null ? "" : text;
        if (!all.contains("]]>")) {
            xml.writeCData(all);
            return;
        }
        String[] parts = all.split(Pattern.quote("]]>"), -1);
        for (int i = 0; i < parts.length; i++) {
            xml.writeCData((i > 0 ? ">" : "") + parts[i] + (i < parts.length - 1 ? "]]" : ""));
        }
    }

    private DocumentXml empty(String name) {
        try {
            indent();
            xml.writeEmptyElement(name);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void indent() throws XMLStreamException {
        xml.writeCharacters(depth < INDENTS.length ? INDENTS[depth] : "\n" + "    ".repeat(depth));
    }

    private String finish() {
        try {
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString() + "\n";
    }
}
