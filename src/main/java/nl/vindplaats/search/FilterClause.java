package nl.vindplaats.search;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

import java.io.IOException;

/**
 * Filters that must all match, kept as one clause of a query. Lucene's rewrite merges a FILTER clause that is a
 * BooleanQuery into the query around it, filter term by filter term, and then each search steps through each term's
 * postings again (the query cache never keeps a single term). Kept as one clause, the query cache keeps the filters
 * that recur as one bit set per segment, as Solr's filter cache keeps an {@code fq}. It never scores: use it as a
 * FILTER clause only.
 */
final class FilterClause extends Query {
    private final Query filters;

    FilterClause(Query filters) {
        this.filters = filters;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = filters.rewrite(searcher);
        return rewritten == filters ? this : new FilterClause(rewritten);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        return filters.createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, boost);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        filters.visit(visitor.getSubVisitor(BooleanClause.Occur.FILTER, this));
    }

    @Override
    public String toString(String field) {
        return "filter(" + filters.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && filters.equals(((FilterClause) other).filters);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + filters.hashCode();
    }
}
