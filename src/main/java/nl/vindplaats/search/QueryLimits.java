package nl.vindplaats.search;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * What a search may ask of the index, checked before it runs: a query that would blow up (more terms than
 * Lucene's clause limit, a very long pattern, a pattern whose cost grows with a huge vocabulary) is refused
 * with {@link Refused}, which every API answers with a 400 in its own format.
 *
 * <p>A leading wildcard, a regular expression and a fuzzy term are matched against every term of their field:
 * on a field with a small vocabulary (names, slugs) they are cheap, and CKAN's autocomplete and Solr accept them,
 * so they are refused only on a field of more than {@code maxVocabulary} distinct terms.
 *
 * @param maxTerms       most terms (clauses) in a query: Lucene's clause limit
 * @param maxPatternChars longest wildcard, prefix, regular expression or fuzzy term
 * @param maxVocabulary  most distinct terms in a field that a leading wildcard, regexp or fuzzy term may scan
 */
public record QueryLimits(int maxTerms, int maxPatternChars, long maxVocabulary) {
    public static final QueryLimits DEFAULT = new QueryLimits(IndexSearcher.getMaxClauseCount(), 100, 200_000);

    /** A search refused because it would exceed a limit; its message names the limit. */
    public static final class Refused extends RuntimeException {
        public Refused(String limit) {
            super("The search asks too much of the index: " + limit + ".");
        }
    }

    /**
     * Refuses a wildcard, regular expression or fuzzy pattern longer than the limit before Lucene is asked to make
     * it (a wildcard query builds its automaton when it is made, which for a very long pattern alone takes long).
     */
    public void checkPattern(String pattern) {
        if (pattern.length() > maxPatternChars) {
            throw new Refused("a wildcard, regular expression or fuzzy term of more than " + maxPatternChars
                    + " characters");
        }
    }

    /** Builds a query, turning Lucene's own refusals (clause limit, automaton too complex) into {@link Refused}. */
    public Query building(Supplier<Query> build) {
        try {
            return build.get();
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooManyTerms();
        } catch (TooComplexToDeterminizeException e) {
            throw new Refused("a pattern too complex to match (a wildcard or regular expression)");
        }
    }

    Refused tooManyTerms() {
        return new Refused("more than " + maxTerms + " terms (Lucene's clause limit)");
    }

    /** Refuses the query when it exceeds a limit on this index. */
    public void check(Query query, IndexReader reader) {
        int[] terms = {0};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query leaf, Term... matched) {
                count(matched.length);
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                count(1);
                pattern(leaf, field, reader);
            }

            @Override
            public void visitLeaf(Query leaf) {
                count(1);
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }

            private void count(int more) {
                terms[0] += more;
                if (terms[0] > maxTerms) {
                    throw tooManyTerms();
                }
            }
        });
    }

    private void pattern(Query leaf, String field, IndexReader reader) {
        String text = switch (leaf) {
            case WildcardQuery w -> w.getTerm().text();
            case PrefixQuery p -> p.getPrefix().text();
            case RegexpQuery r -> r.getRegexp().text();
            case FuzzyQuery f -> f.getTerm().text();
            default -> null;
        };
        if (text == null) {
            return; // ranges and term sets: their cost does not grow with a pattern
        }
        checkPattern(text);
        boolean scansAll = leaf instanceof RegexpQuery || leaf instanceof FuzzyQuery
                || (leaf instanceof WildcardQuery && !text.isEmpty()
                        && (text.charAt(0) == '*' || text.charAt(0) == '?'));
        if (scansAll && vocabulary(reader, field) > maxVocabulary) {
            throw new Refused("a leading wildcard, regular expression or fuzzy term on field " + field
                    + ", which has more than " + maxVocabulary + " distinct terms");
        }
    }

    /** The distinct terms of a field, summed over segments (an upper bound; unknown counts as huge). */
    private static long vocabulary(IndexReader reader, String field) {
        long total = 0;
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(field);
                if (terms != null) {
                    long size = terms.size();
                    total += size < 0 ? Long.MAX_VALUE / 2 : size;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }
}
