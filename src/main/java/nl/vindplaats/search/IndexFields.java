package nl.vindplaats.search;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** How a record's {@link IndexDocument} is laid out as a Lucene document: the fields every document has, and the rest. */
final class IndexFields {
    /** Kind and id together: finds a record's document, to replace or delete it. */
    static final String KEY = "_key";
    static final String KIND = "_kind";
    /** The id as a sort value: hits take their id from it. */
    static final String ID = "_id";
    /** The id once more, as plain bytes: read per hit without decompressing a block of sorted terms. */
    static final String ID_BYTES = "_id_bytes";
    static final String SUMMARY = "_summary";
    /**
     * Text fields keep their offsets in the postings, so highlighting reads them instead of analysing
     * each hit's stored text again.
     */
    private static final FieldType TEXT = textWithOffsets(true);
    private static final FieldType SEARCH_ONLY_TEXT = textWithOffsets(false);

    private IndexFields() {
    }

    private static FieldType textWithOffsets(boolean stored) {
        FieldType type = new FieldType(stored ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    static String key(String kind, String id) {
        return kind + '\u0000' + id;
    }

    static Document toLucene(IndexDocument source) {
        Document doc = new Document();
        doc.add(new StringField(KEY, key(source.kind(), source.id()), Field.Store.NO));
        doc.add(new StringField(KIND, source.kind(), Field.Store.NO));
        // Only the sort value: hits take their id from it, and the key above finds a record's document.
        doc.add(new SortedDocValuesField(ID, new BytesRef(source.id())));
        doc.add(new BinaryDocValuesField(ID_BYTES, new BytesRef(source.id())));
        if (source.summary() != null) {
            doc.add(new BinaryDocValuesField(SUMMARY, new BytesRef(source.summary())));
        }
        source.text().forEach((field, value) -> doc.add(new Field(field, value,
                source.searchOnly().contains(field) ? SEARCH_ONLY_TEXT : TEXT)));
        source.keywords().forEach((field, values) -> {
            for (String value : values) {
                doc.add(new StringField(field, value, Field.Store.NO));
                doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
            }
        });
        source.numbers().forEach((field, value) -> {
            doc.add(new LongPoint(field, value));
            doc.add(new NumericDocValuesField(field, value));
        });
        return doc;
    }
}
