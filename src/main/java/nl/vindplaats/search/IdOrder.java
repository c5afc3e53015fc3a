package nl.vindplaats.search;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;

/**
 * The last key of every query's sort, the record id, read from the ids' plain bytes ({@link SearchIndex#ID_BYTES}).
 * Lucene's string sort looks each competitive hit's id up in the compressed sorted values, which was a
 * twentieth of a package_search ranked by relevance; the order is the same.
 */
final class IdOrder extends FieldComparatorSource {
    static SortField sortField() {
        return new SortField(IndexFields.ID_BYTES, new IdOrder());
    }

    @Override
    public FieldComparator<BytesRef> newComparator(String field, int numHits, Pruning pruning, boolean reversed) {
        return new FieldComparator<>() {
            private final BytesRef[] ids = new BytesRef[numHits];
            private BytesRef bottom;
            private BytesRef top;

            @Override
            public int compare(int slot1, int slot2) {
                return ids[slot1].compareTo(ids[slot2]);
            }

            @Override
            public void setTopValue(BytesRef value) {
                top = value;
            }

            @Override
            public BytesRef value(int slot) {
                return ids[slot];
            }

            @Override
            public LeafFieldComparator getLeafComparator(LeafReaderContext context) throws IOException {
                BinaryDocValues values = DocValues.getBinary(context.reader(), field);
                return new LeafFieldComparator() {
                    private int doc = -1;
                    private BytesRef id = new BytesRef();

                    /** The id of a document; the same document may be asked for twice in a row (compare, then copy). */
                    private BytesRef id(int target) throws IOException {
                        if (target != doc) {
                            doc = target;
                            id = values.advanceExact(target) ? values.binaryValue() : new BytesRef();
                        }
                        return id;
                    }

                    @Override
                    public void setBottom(int slot) {
                        bottom = ids[slot];
                    }

                    @Override
                    public int compareBottom(int target) throws IOException {
                        return bottom.compareTo(id(target));
                    }

                    @Override
                    public int compareTop(int target) throws IOException {
                        return top.compareTo(id(target));
                    }

                    @Override
                    public void copy(int slot, int target) throws IOException {
                        ids[slot] = BytesRef.deepCopyOf(id(target));
                    }

                    @Override
                    public void setScorer(Scorable scorer) {
                    }
                };
            }
        };
    }
}
