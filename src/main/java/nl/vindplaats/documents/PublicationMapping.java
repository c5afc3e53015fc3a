package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that reads the stored document body (PLOOI field names) into {@link Publication} and
 * {@link PublicationSummary}. Labels come from the value lists; a value not in them keeps the label delivered.
 */
public final class PublicationMapping {
    private PublicationMapping() {
    }

    public static Publication publication(StoredRecord record, List<Change> history, ValueLists lists) {
        ListedDocument listed = ListedDocument.of(record);
        JsonNode doc = record.body().path("metadata").path("document");
        JsonNode classification = doc.path("classificatiecollectie");
        List<String> descriptions = new ArrayList<>();
        doc.path("omschrijvingen").forEach(d -> descriptions.add(d.asText()));
        List<String> subjects = new ArrayList<>();
        doc.path("onderwerpen").forEach(s -> subjects.add(s.asText()));
        return new Publication(record.id(), listed.title(), descriptions, record.body().path("publisher").asText(),
                organisation(lists, doc.path("publisher")), organisation(lists, doc.path("verantwoordelijke")),
                concepts(lists, ValueLists.DOCUMENTSOORTEN, classification.path("documentsoorten")),
                concepts(lists, ValueLists.INFORMATIECATEGORIEEN, classification.path("informatiecategorieen")),
                concepts(lists, ValueLists.THEMAS, classification.path("themas")), subjects,
                concept(lists, ValueLists.TALEN, doc.path("language")),
                OpenDataDocument.date(doc.path("creatiedatum").asText("")).orElse(null), listed.published(),
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
            JsonNode reason = versie.path(PlooiVersions.REASON);
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
        String type = file.path("mimeType").asText(PlooiApi.PDF);
        String name = file.path("bestandsnaam").asText("").strip();
        if (name.isEmpty()) {
            name = record.id() + (PlooiApi.ZIP.equals(type) ? ".zip" : ".pdf");
        }
        return new PublicationFile(name, type, file.path("size").asLong(), file.path("sha256").asText(),
                PlooiApi.BASE + "/documenten/" + record.id());
    }

    private static Publication.Concept organisation(ValueLists lists, JsonNode coded) {
        if (!coded.isObject()) {
            return null;
        }
        String id = coded.path("id").asText("");
        return new Publication.Concept(id, lists.organisation(id).map(ValueItem::label)
                .orElse(coded.path("label").asText(id)));
    }

    private static List<Publication.Concept> concepts(ValueLists lists, String list, JsonNode codedValues) {
        List<Publication.Concept> out = new ArrayList<>();
        codedValues.forEach(c -> Optional.ofNullable(concept(lists, list, c)).ifPresent(out::add));
        return out;
    }

    private static Publication.Concept concept(ValueLists lists, String list, JsonNode coded) {
        if (!coded.isObject()) {
            return null;
        }
        String id = coded.path("id").asText("");
        return new Publication.Concept(id, lists.find(list, id).map(ValueItem::label)
                .orElse(coded.path("label").asText(id)));
    }
}
