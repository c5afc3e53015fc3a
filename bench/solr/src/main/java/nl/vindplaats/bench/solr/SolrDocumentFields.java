package nl.vindplaats.bench.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Solr document of a stored document (its body in the layout of {@code StoredPublication}, which the service
 * rewrites an older data directory's bodies in at start): field for field what Vindplaats's index holds for it
 * ({@code Documents.projection()} in src/main/java/nl/vindplaats/documents), with the names of
 * {@code documents-conf/schema.xml}. Empty texts and keywords are left out, as {@code IndexDocument.Builder}
 * leaves them out. {@code summary} is what the open data lists show of a document ({@code ListedDocument.of}),
 * as JSON: Solr returns it where Vindplaats reads its binary summary.
 */
final class SolrDocumentFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    private SolrDocumentFields() {
    }

    static ObjectNode of(String id, Instant created, Instant modified, JsonNode body) {
        JsonNode document = body.path("metadata");
        Instant visibleFrom = visibleFrom(body);
        ObjectNode doc = JSON.createObjectNode().put("id", id);
        text(doc, "titel", document.path("titles").path("official").asText(""));
        text(doc, "omschrijving", String.join("\n", texts(document.path("descriptions"))));
        text(doc, "onderwerpen", String.join("\n", texts(document.path("subjects"))));
        text(doc, "tekst", body.path("text").path("content").asText(""));
        keyword(doc, "publisher", body.path("publisher").asText());
        // publisher and verantwoordelijke together: the open data API's organisationalunit filter
        keywords(doc, "organisatie", List.of(body.path("publisher").asText(),
                document.path("responsible").path("uri").asText("")));
        keyword(doc, "status", body.path("status").asText());
        keyword(doc, "tekstStatus", body.path("text").path("status").asText(""));
        keyword(doc, "bestand", body.path("file").isObject() ? "aanwezig" : null);
        keywords(doc, "documentsoort", ids(document.path("documentTypes")));
        keywords(doc, "thema", ids(document.path("themes")));
        keywords(doc, "informatiecategorie", ids(document.path("informationCategories")));
        doc.put("zichtbaarVanaf", visibleFrom.toEpochMilli());
        doc.put("modified", modified.toEpochMilli());
        doc.put("created", created.toEpochMilli());
        LocalDate published = published(document, created);
        doc.put("openbaarmakingsdag", published.toEpochDay());
        doc.put("summary", summary(id, document, published, visibleFrom, created, modified).toString());
        return doc;
    }

    /** ListedDocument's ten values. */
    private static ObjectNode summary(String id, JsonNode document, LocalDate published, Instant visibleFrom,
                                      Instant created, Instant modified) {
        JsonNode type = document.path("documentTypes").path(0);
        StringBuilder introduction = new StringBuilder();
        for (String text : texts(document.path("descriptions"))) {
            if (!text.strip().isEmpty()) {
                introduction.append("<p>").append(text.strip().replace("&", "&amp;").replace("<", "&lt;")
                        .replace(">", "&gt;").replace("\"", "&quot;")).append("</p>");
            }
        }
        return JSON.createObjectNode().put("id", id).put("typeId", type.path("uri").asText(""))
                .put("typeLabel", type.path("label").asText(""))
                .put("title", document.path("titles").path("official").asText(""))
                .put("weblocatie", document.path("webLocation").asText("")).put("introduction", introduction.toString())
                .put("published", published.toString()).put("visibleFrom", visibleFrom.toString())
                .put("created", created.toString()).put("modified", modified.toString());
    }

    /** Documents.visibleFrom: the embargo's end, else the epoch. */
    private static Instant visibleFrom(JsonNode body) {
        String at = body.path("visibleFrom").asText("");
        return at.isEmpty() ? Instant.EPOCH : Instant.parse(at);
    }

    /** The openbaarmakingsdatum, else the day of the first version in Dutch time (ListedDocument.of). */
    private static LocalDate published(JsonNode document, Instant created) {
        String text = document.path("published").asText("");
        try {
            if (!text.isBlank()) {
                return LocalDate.parse(text.strip());
            }
        } catch (DateTimeParseException e) {
            // not a date: as when absent
        }
        return LocalDate.ofInstant(created, NETHERLANDS);
    }

    private static void text(ObjectNode doc, String field, String value) {
        if (!value.isBlank()) {
            doc.put(field, value);
        }
    }

    private static void keyword(ObjectNode doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.put(field, value);
        }
    }

    private static void keywords(ObjectNode doc, String field, List<String> values) {
        ArrayNode out = null;
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                out = out == null ? doc.putArray(field) : out;
                out.add(value);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> ids(JsonNode codedValues) {
        List<String> out = new ArrayList<>();
        codedValues.forEach(n -> out.add(n.path("uri").asText()));
        return out;
    }
}
