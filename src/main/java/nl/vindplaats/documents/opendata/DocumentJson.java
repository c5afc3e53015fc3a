package nl.vindplaats.documents.opendata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.documents.OpenDataDocument;

import java.util.List;
import java.util.Map;

/**
 * The open data API's JSON: the same fields in the same order as the XML; lists are bare arrays, and
 * an XML wrapper of repeated children becomes an array named after the wrapper (as the real API
 * does for its other infotypes). Dates are strings; sizes and page counts numbers.
 */
final class DocumentJson {
    private DocumentJson() {
    }

    static ArrayNode list(List<OpenDataDocument> documents, List<Map<String, List<String>>> highlights) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < documents.size(); i++) {
            OpenDataDocument d = documents.get(i);
            ObjectNode item = head(out.addObject(), d);
            item.put("introduction", d.introduction());
            item.put("lastmodified", d.lastmodified()).put("available", d.available())
                    .put("frontenddate", d.frontenddate()).put("initialdate", d.initialdate());
            strings(item, "locations", d.locations());
            if (highlights != null) {
                ObjectNode marked = item.putObject("highlights");
                highlights.get(i).forEach((field, fragments) -> strings(marked, field, fragments));
            }
        }
        return out;
    }

    static ObjectNode detail(OpenDataDocument d) {
        ObjectNode out = head(Json.object(), d);
        ArrayNode files = out.putArray("files");
        for (OpenDataDocument.File f : d.files()) {
            files.addObject().put("fileurl", f.fileurl()).put("mimetype", f.mimetype()).put("filesize", f.filesize())
                    .put("filename", f.filename()).put("filetitle", f.filetitle())
                    .put("numberofpages", f.numberofpages());
        }
        out.put("introduction", d.introduction());
        ArrayNode content = out.putArray("content");
        d.content().forEach(b -> content.addObject().put("paragraphtitle", b.paragraphtitle())
                .put("paragraph", b.paragraph()));
        out.put("additionalcontent", d.additionalcontent());
        strings(out, "authorities", d.authorities());
        strings(out, "creators", d.creators());
        strings(out, "subjects", d.subjects());
        strings(out, "subjectids", d.subjectids());
        strings(out, "themes", d.themes());
        strings(out, "organisationalunits", d.organisationalunits());
        strings(out, "organisationalunitids", d.organisationalunitids());
        out.put("lastmodified", d.lastmodified()).put("issued", d.issued()).put("available", d.available())
                .put("frontenddate", d.frontenddate()).put("initialdate", d.initialdate())
                .put("license", d.license());
        strings(out, "rightsholders", d.rightsholders());
        strings(out, "languages", d.languages());
        strings(out, "locations", d.locations());
        return out;
    }

    static ArrayNode items(List<DocumentXml.Item> items) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (DocumentXml.Item item : items) {
            ObjectNode o = out.addObject();
            item.fields().forEach(o::put);
        }
        return out;
    }

    private static ObjectNode head(ObjectNode o, OpenDataDocument d) {
        return o.put("id", d.id()).put("type", d.type()).put("typeid", d.typeid()).put("subtype", d.subtype())
                .put("canonical", d.canonical()).put("dataurl", d.dataurl()).put("title", d.title());
    }

    private static void strings(ObjectNode o, String name, List<String> values) {
        ArrayNode array = o.putArray(name);
        values.forEach(array::add);
    }
}
