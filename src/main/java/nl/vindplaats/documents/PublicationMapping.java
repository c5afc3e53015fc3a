package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that reads the stored document body into {@link Publication} and {@link PublicationSummary}: its
 * metadata through {@link PlooiMetadataMapping}, its file and versions from the PLOOI fields this instance keeps
 * beside it. Labels come from the value lists; a value not in them keeps the label delivered.
 */
public final class PublicationMapping {
    private PublicationMapping() {
    }

    public static Publication publication(StoredRecord record, List<Change> history, ValueLists lists) {
        ListedDocument listed = ListedDocument.of(record);
        PublicationMetadata m = PlooiMetadataMapping.metadata(
                record.body().get("metadata") instanceof ObjectNode metadata ? metadata : Json.object());
        return new Publication(record.id(), listed.title(), m.descriptions(), record.body().path("publisher").asText(),
                organisation(lists, m.publisher()), organisation(lists, m.responsible()),
                concepts(lists, ValueLists.DOCUMENTSOORTEN, m.documentTypes()),
                concepts(lists, ValueLists.INFORMATIECATEGORIEEN, m.informationCategories()),
                concepts(lists, ValueLists.THEMAS, m.themes()), m.subjects(),
                concept(lists, ValueLists.TALEN, m.language()),
                OpenDataDocument.date(m.created() == null ? "" : m.created()).orElse(null), listed.published(),
                Documents.WITHDRAWN.equals(record.state()), file(record), versions(history), record.modified());
    }

    /** A publication's summary as the search index keeps it (see {@link ListedDocument}). */
    public static PublicationSummary summary(byte[] indexSummary, ValueLists lists) {
        ListedDocument listed = ListedDocument.read(indexSummary);
        String type = lists.find(ValueLists.DOCUMENTSOORTEN, listed.typeId()).map(ValueItem::label)
                .orElse(listed.typeLabel());
        return new PublicationSummary(listed.id(), listed.title(), type.isEmpty() ? null : type, listed.published(),
                listed.modified());
    }

    /** The versions as PLOOI counts them; technical ones (text extraction) are left out. */
    private static List<PublicationVersion> versions(List<Change> history) {
        List<PublicationVersion> out = new ArrayList<>();
        for (Change change : history) {
            if (!List.of(Documents.DELIVERY, Documents.CHANGE, Documents.WITHDRAWAL, Documents.REPUBLICATION)
                    .contains(change.cause())) {
                continue;
            }
            JsonNode versie = change.record().body().path("versie");
            JsonNode reason = versie.path(PublicationVersion.REASON);
            String reasonText = reason.isObject() ? reason.path("label").asText(reason.path("id").asText(""))
                    : reason.asText("");
            out.add(new PublicationVersion(change.cause().equals(Documents.WITHDRAWAL) ? null
                    : versie.path("nummer").asLong(), change.cause(), reasonText.isBlank() ? null : reasonText,
                    change.record().modified()));
        }
        return out;
    }

    private static PublicationFile file(StoredRecord record) {
        JsonNode file = record.body().path("bestand");
        if (!file.isObject()) {
            return null;
        }
        String type = file.path("mimeType").asText(PublicationFile.PDF);
        String name = file.path("bestandsnaam").asText("").strip();
        if (name.isEmpty()) {
            name = record.id() + (PublicationFile.ZIP.equals(type) ? ".zip" : ".pdf");
        }
        return new PublicationFile(name, type, file.path("size").asLong(), file.path("sha256").asText(),
                Documents.PID_BASE + "/documenten/" + record.id());
    }

    /** An organisation with its name from the organisation lists; one not in them keeps the label delivered. */
    private static Publication.Concept organisation(ValueLists lists, PublicationMetadata.Concept delivered) {
        if (delivered == null) {
            return null;
        }
        String id = delivered.uri() == null ? "" : delivered.uri();
        return new Publication.Concept(id, lists.organisation(id).map(ValueItem::label)
                .orElse(delivered.label() != null ? delivered.label() : id));
    }

    private static List<Publication.Concept> concepts(ValueLists lists, String list,
                                                      List<PublicationMetadata.Concept> delivered) {
        return delivered.stream().map(c -> concept(lists, list, c)).toList();
    }

    private static Publication.Concept concept(ValueLists lists, String list, PublicationMetadata.Concept delivered) {
        if (delivered == null) {
            return null;
        }
        String id = delivered.uri() == null ? "" : delivered.uri();
        return new Publication.Concept(id, lists.find(list, id).map(ValueItem::label)
                .orElse(delivered.label() != null ? delivered.label() : id));
    }
}
