package nl.vindplaats.search;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;

import java.util.List;

/**
 * A condition on the records of a {@link SearchQuery} beyond its text, filters and ranges, in the search's own
 * vocabulary: text in a query syntax ({@link QuerySyntax}), a pattern, a range the records must lie outside, or
 * several of these together. Features build conditions from these, never from Lucene's queries; how each is
 * matched is this package's business.
 *
 * <p>Contract: a condition is immutable and checked when it is made: a pattern or text that would blow up is
 * refused then ({@link QueryLimits}), not when the search runs.
 */
public final class Condition {
    private final Query query;

    Condition(Query query) {
        this.query = query;
    }

    Query query() {
        return query;
    }

    /**
     * Records outside the inclusive range {@code [from, to]} of a number field, and records without the field. Made
     * as a clause that excludes the records inside the range (few, mostly none: the index skips it at once), not as
     * a range that admits every other record, which would visit every record's value on each request.
     */
    public static Condition notInRange(String field, long from, long to) {
        return new Condition(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(field, from, to), BooleanClause.Occur.MUST_NOT).build());
    }

    /**
     * Records where at least one of the keyword fields matches the wildcard pattern ({@code *} any characters,
     * {@code ?} one, {@code \} escapes), as typed: the fields' values are not analysed.
     */
    public static Condition matchingPattern(String pattern, List<String> fields) {
        QueryLimits.DEFAULT.checkPattern(pattern);
        return new Condition(QueryLimits.DEFAULT.building(() -> {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String field : fields) {
                any.add(new WildcardQuery(new Term(field, pattern)), BooleanClause.Occur.SHOULD);
            }
            return any.setMinimumNumberShouldMatch(1).build();
        }));
    }

    /** Conditions that must all hold: {@code scored} ones count towards relevance, {@code filters} only select. */
    public static Condition allOf(List<Condition> scored, List<Condition> filters) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        scored.forEach(c -> all.add(c.query, BooleanClause.Occur.MUST));
        filters.forEach(c -> all.add(c.query, BooleanClause.Occur.FILTER));
        return new Condition(all.build());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Condition condition && query.equals(condition.query);
    }

    @Override
    public int hashCode() {
        return query.hashCode();
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
