package nl.vindplaats.documents;

import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.search.SummaryInput;
import nl.vindplaats.search.SummaryOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a document's item in the open data lists is made of, kept in the search index as the document's
 * summary: a list is answered from the index alone, instead of reading and parsing every listed record from
 * the store (two fifths of a list's time over a million documents). {@link OpenDataDocument}
 * builds list items and details alike from it, so a list and a detail cannot disagree.
 *
 * @param typeLabel    the documentsoort's label as delivered (shown when the value list lacks its id)
 * @param introduction the descriptions as HTML paragraphs
 * @param published    the openbaarmakingsdatum, else the day of the first version (Dutch time)
 */
public record ListedDocument(String id, String typeId, String typeLabel, String title,
                      String introduction, LocalDate published, Instant visibleFrom, Instant created,
                      Instant modified) {

    static ListedDocument of(StoredRecord record) {
        return of(record, StoredPublication.of(record));
    }

    static ListedDocument of(StoredRecord record, StoredPublication stored) {
        PublicationMetadata m = stored.metadata();
        PublicationMetadata.Concept type = m.documentTypes().isEmpty() ? null : m.documentTypes().getFirst();
        return new ListedDocument(record.id(), type == null || type.uri() == null ? "" : type.uri(),
                type == null || type.label() == null ? "" : type.label(),
                orEmpty(m.titles().official()), introduction(m.descriptions()),
                OpenDataDocument.date(orEmpty(m.published()))
                        .orElse(LocalDate.ofInstant(record.created(), OpenDataDocument.NETHERLANDS)),
                Documents.visibleFrom(stored), record.created(), record.modified());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    byte[] bytes() {
        SummaryOutput out = new SummaryOutput();
        try {
            // The empty fifth string keeps the slot of the publisher's address, which no list shows, so that
            // summaries already in an index read alike.
            for (String text : new String[] {id, typeId, typeLabel, title, "", introduction}) {
                out.writeString(text);
            }
            out.writeZLong(published.toEpochDay());
            out.writeZLong(visibleFrom.toEpochMilli());
            out.writeZLong(created.toEpochMilli());
            out.writeZLong(modified.toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the output is in memory
        }
        return out.toBytes();
    }

    public static ListedDocument read(byte[] bytes) {
        SummaryInput in = new SummaryInput(bytes);
        try {
            String id = in.readString();
            String typeId = in.readString();
            String typeLabel = in.readString();
            String title = in.readString();
            in.readString(); // the unused slot (see bytes())
            return new ListedDocument(id, typeId, typeLabel, title, in.readString(), LocalDate.ofEpochDay(in.readZLong()),
                    Instant.ofEpochMilli(in.readZLong()), Instant.ofEpochMilli(in.readZLong()),
                    Instant.ofEpochMilli(in.readZLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the input is in memory
        }
    }

    /** PLOOI descriptions are plain text; the real API gives HTML, so each becomes an escaped paragraph. */
    private static String introduction(List<String> descriptions) {
        StringBuilder html = new StringBuilder();
        for (String d : descriptions) {
            String text = d.strip();
            if (!text.isEmpty()) {
                html.append("<p>").append(escapeHtml(text)).append("</p>");
            }
        }
        return html.toString();
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
