package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.BodyLayout;
import nl.vindplaats.store.StoredRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A document as its record's body holds it, in the model's own terms, and the one way in and out of that body: every
 * write stores {@link #body()}, every read goes through {@link #of}, which reads the current layout and the one before
 * it (the change log keeps older versions in the layout they were written in).
 *
 * <p>The current layout ({@code "layout": 2}: a number, so that the body holds no word a webhook's text filter would
 * find in every document):
 * <pre>
 * {"layout": 2,
 *  "metadata": {…PublicationMetadata by its components' names, see StoredMetadata…},
 *  "extras": {"plooi": {"fields": {…}, "order": {…}}},   what PLOOI's metadata document holds beyond the model
 *  "publisher": TOOI URI, "identifiers": [the publisher's identifiers],
 *  "status": gepubliceerd | ingetrokken, "visibleFrom": ISO instant (the embargo's end; absent: none),
 *  "version": {"number", "cause", "at", "session", "reason": {"uri", "label"}},
 *  "file": {"sha256", "size", "mediaType", "received", "name"},
 *  "text": {"status", "file" (the sha256 it was read from), "pages", "characters", "processed", "reason", "content"},
 *  "harvest": {"sourceId", "sourceUrl", "guid", "original", "checksum", "lastmod", "etag", "lastModified"}}
 * </pre>
 * The layout before it kept PLOOI's metadata document as delivered and PLOOI's names beside it ({@code zichtbaarVanaf},
 * {@code versie}, {@code bestand}, {@code tekst}, {@code oogst}); {@link #LAYOUT} rewrites such bodies at start.
 *
 * @param plooiExtras what PLOOI's metadata document holds beyond {@code metadata} ({@link PlooiMetadataMapping#keep})
 * @param visibleFrom the moment from which the public may see it; null: from its publication
 * @param version     the current version; null only for a body that never had one
 * @param file        the current file; null while none has arrived
 * @param text        the text extracted from the file, or how far that is; null while there is no file
 * @param harvest     where a harvested document came from and what was taken; null for a delivered one
 */
public record StoredPublication(PublicationMetadata metadata, ObjectNode plooiExtras, String publisher,
                                List<String> identifiers, String status, Instant visibleFrom, Version version,
                                StoredFile file, ExtractedText text, HarvestMarks harvest) {
    static final int LAYOUT_MARK = 2;

    /** The current version: its number (null where a body lacks one), cause, time, session and reason. */
    public record Version(Long number, String cause, Instant at, String session, PublicationMetadata.Concept reason) {
    }

    /** The file as stored: its hash (the blob's name), size, media type, when it arrived and (if given) its name. */
    public record StoredFile(String sha256, long size, String mediaType, Instant received, String name) {
    }

    /**
     * The text of the file: the extraction's status, the hash of the file it was read from, and once read its pages,
     * characters, when, why it has none ({@code reason}) and the text itself.
     */
    public record ExtractedText(String status, String file, Integer pages, Integer characters, Instant processed,
                                String reason, String content) {
        public static ExtractedText waiting(String file) {
            return new ExtractedText(TextExtraction.WAITING, file, null, null, null, null, null);
        }
    }

    /** A harvested document's marks: its source, its identity and original there, and what was taken last time. */
    public record HarvestMarks(String sourceId, String sourceUrl, String guid, String original, String checksum,
                               String lastmod, String etag, String lastModified) {
    }

    /** The layout of document bodies, for {@link nl.vindplaats.store.RecordStore#relayout}. */
    public static final BodyLayout LAYOUT = new BodyLayout() {
        @Override
        public String kind() {
            return Documents.KIND;
        }

        @Override
        public boolean isCurrent(ObjectNode body) {
            return isCurrentLayout(body);
        }

        @Override
        public ObjectNode upgrade(StoredRecord old) {
            return of(old.body()).body();
        }
    };

    public StoredPublication {
        plooiExtras = plooiExtras == null ? Json.object() : plooiExtras;
        identifiers = List.copyOf(identifiers);
    }

    /** Version 1 of a delivered document: PLOOI's metadata document as kept, with its publisher and identifiers. */
    public static StoredPublication delivered(ObjectNode plooiMetadata, String status, Instant visibleFrom,
                                              Version version) {
        return new StoredPublication(null, null, "", List.of(), status, visibleFrom, version, null, null, null)
                .withPlooiMetadata(plooiMetadata);
    }

    public static StoredPublication of(StoredRecord record) {
        return of(record.body());
    }

    /** The document a body holds, in the current layout or the one before it. */
    public static StoredPublication of(ObjectNode body) {
        return isCurrentLayout(body) ? current(body) : earlier(body);
    }

    static boolean isCurrentLayout(ObjectNode body) {
        return body.path("layout").asInt() == LAYOUT_MARK;
    }

    /**
     * The moment from which the public may see the document of this body (the embargo's end; {@link Instant#EPOCH}
     * without one), read without reading the rest: the visibility checks of lists and notifications ask it often.
     */
    public static Instant visibleFrom(ObjectNode body) {
        Instant at = instant(body, isCurrentLayout(body) ? "visibleFrom" : "zichtbaarVanaf");
        return at == null ? Instant.EPOCH : at;
    }

    /** PLOOI's metadata document of this document, exactly as it was delivered and kept. */
    public ObjectNode plooiMetadata() {
        return PlooiMetadataMapping.given(metadata, plooiExtras);
    }

    /** The same document with this PLOOI metadata document, and the publisher and identifiers it names. */
    public StoredPublication withPlooiMetadata(ObjectNode plooi) {
        PlooiMetadataMapping.Kept kept = PlooiMetadataMapping.keep(plooi);
        JsonNode document = plooi.path("document");
        List<String> ids = new ArrayList<>();
        document.path("identifiers").forEach(id -> ids.add(id.asText()));
        return new StoredPublication(kept.metadata(), kept.extras(), document.path("publisher").path("id").asText(),
                ids, status, visibleFrom, version, file, text, harvest);
    }

    public StoredPublication withStatus(String newStatus) {
        return new StoredPublication(metadata, plooiExtras, publisher, identifiers, newStatus, visibleFrom, version,
                file, text, harvest);
    }

    public StoredPublication withVisibleFrom(Instant at) {
        return new StoredPublication(metadata, plooiExtras, publisher, identifiers, status, at, version, file, text,
                harvest);
    }

    public StoredPublication withVersion(Version newVersion) {
        return new StoredPublication(metadata, plooiExtras, publisher, identifiers, status, visibleFrom, newVersion,
                file, text, harvest);
    }

    public StoredPublication withFile(StoredFile newFile) {
        return new StoredPublication(metadata, plooiExtras, publisher, identifiers, status, visibleFrom, version,
                newFile, text, harvest);
    }

    public StoredPublication withText(ExtractedText newText) {
        return new StoredPublication(metadata, plooiExtras, publisher, identifiers, status, visibleFrom, version,
                file, newText, harvest);
    }

    public StoredPublication withHarvest(HarvestMarks marks) {
        return new StoredPublication(metadata, plooiExtras, publisher, identifiers, status, visibleFrom, version,
                file, text, marks);
    }

    /** The version's number, or {@code fallback} where the body has none. */
    public long versionNumber(long fallback) {
        return version == null || version.number() == null ? fallback : version.number();
    }

    /** The body in the current layout. */
    public ObjectNode body() {
        ObjectNode body = Json.object().put("layout", LAYOUT_MARK);
        body.set("metadata", StoredMetadata.json(metadata));
        if (!plooiExtras.isEmpty()) {
            body.putObject("extras").set("plooi", plooiExtras);
        }
        body.put("publisher", publisher);
        ArrayNode ids = body.putArray("identifiers");
        identifiers.forEach(ids::add);
        Json.putPresent(body, "status", status);
        putInstant(body, "visibleFrom", visibleFrom);
        if (version != null) {
            ObjectNode v = body.putObject("version");
            if (version.number() != null) {
                v.put("number", version.number());
            }
            Json.putPresent(v, "cause", version.cause());
            putInstant(v, "at", version.at());
            Json.putPresent(v, "session", version.session());
            if (version.reason() != null) {
                v.set("reason", StoredMetadata.concept(version.reason()));
            }
        }
        if (file != null) {
            ObjectNode f = body.putObject("file");
            Json.putPresent(f, "sha256", file.sha256());
            f.put("size", file.size());
            Json.putPresent(f, "mediaType", file.mediaType());
            putInstant(f, "received", file.received());
            Json.putPresent(f, "name", file.name());
        }
        if (text != null) {
            ObjectNode t = body.putObject("text");
            Json.putPresent(t, "status", text.status());
            Json.putPresent(t, "file", text.file());
            if (text.pages() != null) {
                t.put("pages", text.pages());
            }
            if (text.characters() != null) {
                t.put("characters", text.characters());
            }
            putInstant(t, "processed", text.processed());
            Json.putPresent(t, "reason", text.reason());
            Json.putPresent(t, "content", text.content());
        }
        if (harvest != null) {
            ObjectNode h = body.putObject("harvest");
            Json.putPresent(h, "sourceId", harvest.sourceId());
            Json.putPresent(h, "sourceUrl", harvest.sourceUrl());
            Json.putPresent(h, "guid", harvest.guid());
            Json.putPresent(h, "original", harvest.original());
            Json.putPresent(h, "checksum", harvest.checksum());
            Json.putPresent(h, "lastmod", harvest.lastmod());
            Json.putPresent(h, "etag", harvest.etag());
            Json.putPresent(h, "lastModified", harvest.lastModified());
        }
        return body;
    }

    private static StoredPublication current(ObjectNode body) {
        JsonNode v = body.get("version");
        JsonNode f = body.get("file");
        JsonNode t = body.get("text");
        JsonNode h = body.get("harvest");
        return new StoredPublication(StoredMetadata.metadata(body.path("metadata")),
                body.path("extras").get("plooi") instanceof ObjectNode plooi ? plooi : null,
                body.path("publisher").asText(), texts(body.path("identifiers")), text(body, "status"),
                instant(body, "visibleFrom"),
                v == null ? null : new Version(v.has("number") ? v.get("number").asLong() : null, text(v, "cause"),
                        instant(v, "at"), text(v, "session"), StoredMetadata.concept(v.get("reason"))),
                f == null ? null : new StoredFile(text(f, "sha256"), f.path("size").asLong(), text(f, "mediaType"),
                        instant(f, "received"), text(f, "name")),
                t == null ? null : new ExtractedText(text(t, "status"), text(t, "file"), integer(t, "pages"),
                        integer(t, "characters"), instant(t, "processed"), text(t, "reason"), text(t, "content")),
                h == null ? null : marks(h));
    }

    /** A body of the layout before this one: PLOOI's metadata document and PLOOI's names beside it. */
    private static StoredPublication earlier(ObjectNode body) {
        PlooiMetadataMapping.Kept kept = PlooiMetadataMapping.keep(
                body.get("metadata") instanceof ObjectNode metadata ? metadata : Json.object());
        JsonNode v = body.get("versie");
        JsonNode f = body.get("bestand");
        JsonNode t = body.get("tekst");
        JsonNode h = body.get("oogst");
        return new StoredPublication(kept.metadata(), kept.extras(), body.path("publisher").asText(),
                texts(body.path("identifiers")), text(body, "status"), instant(body, "zichtbaarVanaf"),
                v instanceof ObjectNode ? new Version(v.has("nummer") ? v.get("nummer").asLong() : null,
                        text(v, PublicationVersion.CAUSE), instant(v, "datumtijd"), text(v, "procesId"),
                        reason(v.get(PublicationVersion.REASON))) : null,
                f instanceof ObjectNode ? new StoredFile(text(f, "sha256"), f.path("size").asLong(),
                        text(f, "mimeType"), instant(f, "ontvangen"), text(f, "bestandsnaam")) : null,
                t instanceof ObjectNode ? new ExtractedText(text(t, "status"), text(t, "bestand"), integer(t, "paginas"),
                        integer(t, "tekens"), instant(t, "verwerkt"), text(t, "reden"), text(t, "inhoud")) : null,
                h instanceof ObjectNode ? marks(h) : null);
    }

    /** A reason as PLOOI keeps it: a list's value ({@code id}, {@code label}) or, from a client, free text. */
    private static PublicationMetadata.Concept reason(JsonNode reason) {
        if (reason == null || reason.isNull()) {
            return null;
        }
        return reason.isObject() ? new PublicationMetadata.Concept(text(reason, "id"), text(reason, "label"))
                : new PublicationMetadata.Concept(null, reason.asText());
    }

    private static HarvestMarks marks(JsonNode h) {
        return new HarvestMarks(text(h, "sourceId"), text(h, "sourceUrl"), text(h, "guid"), text(h, "original"),
                text(h, "checksum"), text(h, "lastmod"), text(h, "etag"), text(h, "lastModified"));
    }

    private static void putInstant(ObjectNode json, String field, Instant at) {
        if (at != null) {
            json.put(field, at.toString());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    private static Instant instant(JsonNode json, String field) {
        String at = text(json, field);
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asText()));
        return out;
    }
}
