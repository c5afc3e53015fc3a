package nl.vindplaats.documents;

import nl.vindplaats.store.Change;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored document ({@link StoredPublication}) and its history into {@link Publication}, and the index's
 * summary into {@link PublicationSummary}. Labels come from the value lists; a value not in them keeps the label delivered.
 */
public final class PublicationMapping {
    private PublicationMapping() {
    }

    public static Publication publication(StoredRecord record, List<Change> history, ValueLists lists) {
        StoredPublication stored = StoredPublication.of(record);
        ListedDocument listed = ListedDocument.of(record, stored);
        PublicationMetadata m = stored.metadata();
        return new Publication(record.id(), listed.title(), m.descriptions(), stored.publisher(),
                organisation(lists, m.publisher()), organisation(lists, m.responsible()),
                concepts(lists, ValueLists.DOCUMENTSOORTEN, m.documentTypes()),
                concepts(lists, ValueLists.INFORMATIECATEGORIEEN, m.informationCategories()),
                concepts(lists, ValueLists.THEMAS, m.themes()), m.subjects(),
                concept(lists, ValueLists.TALEN, m.language()),
                OpenDataDocument.date(m.created() == null ? "" : m.created()).orElse(null), listed.published(),
                Documents.WITHDRAWN.equals(record.state()), file(record.id(), stored.file()), versions(history),
                record.modified());
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
            StoredPublication.Version version = StoredPublication.of(change.record()).version();
            PublicationMetadata.Concept reason = version == null ? null : version.reason();
            String reasonText = reason == null ? "" : reason.label() != null ? reason.label()
                    : reason.uri() != null ? reason.uri() : "";
            out.add(new PublicationVersion(change.cause().equals(Documents.WITHDRAWAL) ? null
                    : version == null || version.number() == null ? 0L : version.number(), change.cause(),
                    reasonText.isBlank() ? null : reasonText, change.record().modified()));
        }
        return out;
    }

    private static PublicationFile file(String id, StoredPublication.StoredFile file) {
        if (file == null) {
            return null;
        }
        String type = file.mediaType() == null ? PublicationFile.PDF : file.mediaType();
        String name = file.name() == null ? "" : file.name().strip();
        if (name.isEmpty()) {
            name = id + (PublicationFile.ZIP.equals(type) ? ".zip" : ".pdf");
        }
        return new PublicationFile(name, type, file.size(), file.sha256() == null ? "" : file.sha256(),
                Documents.PID_BASE + "/documenten/" + id);
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
