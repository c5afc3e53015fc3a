package nl.vindplaats.search;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

import java.util.Collection;

/**
 * The matches of a query on one view of the index, recorded while a pass counts them (for the total or the facets),
 * as a filter that leads the ranking pass over the same view.
 *
 * <p>Why: to rank a conjunction, Lucene scores its first clause for every document of that clause and only then
 * looks at the others. Where each word of a search is common and the words together are not (two words in a
 * hundred thousand documents each, together in twenty thousand), most of that scoring is thrown away. Led by the
 * recorded matches, the ranking pass scores the matches only: the same documents with the same scores, so the same
 * page.
 *
 * <p>Contract: valid only on the reader it was recorded on (its leaves by their {@code ord}); it is never cached
 * (equal only to itself).
 */
final class RecordedMatches extends Query {
    private final FixedBitSet[] byLeaf;
    private final int[] counts;

    private RecordedMatches(int leaves) {
        this.byLeaf = new FixedBitSet[leaves];
        this.counts = new int[leaves];
    }

    /** Records every match the searcher visits on {@code reader}. */
    static CollectorManager<SimpleCollector, RecordedMatches> recording(IndexReader reader) {
        RecordedMatches matches = new RecordedMatches(reader.leaves().size());
        return new CollectorManager<>() {
            @Override
            public SimpleCollector newCollector() {
                return new SimpleCollector() {
                    private FixedBitSet bits;
                    private int ord;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) {
                        ord = context.ord;
                        bits = new FixedBitSet(context.reader().maxDoc());
                        matches.byLeaf[ord] = bits;
                    }

                    @Override
                    public void collect(int doc) {
                        bits.set(doc);
                        matches.counts[ord]++;
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE_NO_SCORES;
                    }
                };
            }

            @Override
            public RecordedMatches reduce(Collection<SimpleCollector> collectors) {
                return matches;
            }
        };
    }

    /** How many matches were recorded. */
    long total() {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    /** {@code query}, led by these matches: what it matches of them, with its own scores. */
    Query leading(Query query) {
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(this, BooleanClause.Occur.FILTER)
                .build();
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) {
                FixedBitSet bits = context.ord < byLeaf.length ? byLeaf[context.ord] : null;
                if (bits == null || counts[context.ord] == 0) {
                    return null;
                }
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode,
                        new BitSetIterator(bits, counts[context.ord])));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "RecordedMatches";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
