package nl.vindplaats.search;

import nl.vindplaats.store.StoredRecord;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records as Lucene documents: each kind's {@link IndexProjection} gives an {@link IndexDocument}, which
 * {@link IndexFields} lays out; a record that its projection does not index (deleted, or of an unknown kind) has
 * no document, and putting it removes the one it had. Holds no state beyond the projections.
 */
final class ProjectedDocuments {
    private final Map<String, IndexProjection> projections;

    ProjectedDocuments(List<IndexProjection> projections) {
        Map<String, IndexProjection> byKind = new HashMap<>();
        projections.forEach(p -> byKind.put(p.kind(), p));
        this.projections = Map.copyOf(byKind);
    }

    /** The record as its kind's projection indexes it; empty when it is not findable (e.g. deleted). */
    Optional<Document> documentOf(StoredRecord record) {
        IndexProjection projection = projections.get(record.kind());
        return projection == null ? Optional.empty() : projection.project(record).map(IndexFields::toLucene);
    }

    /** Replaces the record's document (or deletes it); returns the writer's sequence number for the operation. */
    long put(IndexWriter writer, StoredRecord record) throws IOException {
        Term key = new Term(IndexFields.KEY, IndexFields.key(record.kind(), record.id()));
        var document = documentOf(record);
        if (document.isEmpty()) {
            return writer.deleteDocuments(key);
        }
        // Always a replace when catching up, also for a first version: a commit may hold changes applied after the
        // sequence number it records, and after a crash those are applied again.
        return writer.updateDocument(key, document.get());
    }

    /**
     * For a record the index cannot hold yet: a rebuild into an empty index, or a first version committed
     * after the catch-up. No replace, so no delete to look up in every segment at the next reopen.
     */
    void add(IndexWriter writer, StoredRecord record) throws IOException {
        var document = documentOf(record);
        if (document.isPresent()) {
            writer.addDocument(document.get());
        }
    }
}
