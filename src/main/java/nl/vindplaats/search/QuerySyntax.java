package nl.vindplaats.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;

/**
 * Fielded query text in Lucene's classic syntax (which is Solr's standard syntax, CKAN's {@code q} and {@code fq}):
 * {@code title:water AND metadata_modified:[2024-01-01 TO NOW]}, words AND-ed by default, leading wildcards
 * allowed. The caller's {@link Fields} say which names a query may use and what they hold: full-text fields are
 * analysed as Dutch text, other fields matched as whole values, number fields (dates) as exact values or ranges.
 *
 * <p>Contract: {@link #parse} returns a {@link Condition}, or throws {@link Invalid} (text that does not parse, a
 * malformed pattern, a value that is not a number) or {@link UnknownField}; patterns and clause counts are held to
 * {@link QueryLimits} as it parses.
 */
public final class QuerySyntax {
    private static final Analyzer DUTCH = new DutchText();
    private static final Analyzer KEYWORD = new KeywordAnalyzer();

    private QuerySyntax() {
    }

    /** What a query's field names mean in the index. */
    public interface Fields {
        /** The index field that words without a field name are looked for in. */
        String defaultField();

        /** The index field for a name used in a query; throws {@link UnknownField} for names the index lacks. */
        String indexField(String named);

        /** Whether the index field holds analysed (Dutch) text; else whole values. */
        boolean analysed(String indexField);

        /** Whether the named field holds numbers (counts, dates as epoch millis). */
        boolean numeric(String named);

        /** A value typed for a number field as its number; throws {@link IllegalArgumentException} if it is none. */
        long number(String named, String text);
    }

    /** Query text that does not parse; the message is the text. */
    public static final class Invalid extends RuntimeException {
        Invalid(String text) {
            super(text);
        }
    }

    /** A query naming a field the index does not have. */
    public static final class UnknownField extends RuntimeException {
        public UnknownField(String field) {
            super("undefined field " + field);
        }
    }

    public static Condition parse(String text, Fields fields) {
        return new Condition(QueryLimits.DEFAULT.building(() -> {
            try {
                return new Parser(fields).parse(text);
            } catch (ParseException | IllegalArgumentException e) { // IllegalArgumentException: a malformed regexp
                throw new Invalid(text);
            }
        }));
    }

    private static final class Parser extends QueryParser {
        private final Fields fields;

        Parser(Fields fields) {
            super(fields.defaultField(), new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
                @Override
                protected Analyzer getWrappedAnalyzer(String field) {
                    return fields.analysed(field) ? DUTCH : KEYWORD;
                }
            });
            this.fields = fields;
            setDefaultOperator(AND_OPERATOR);
            setAllowLeadingWildcard(true);
            setSplitOnWhitespace(true);
        }

        private String known(String named) {
            return named.equals("*") ? named : fields.indexField(named);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            String indexed = known(field);
            if (fields.numeric(field)) {
                return LongPoint.newExactQuery(indexed, number(field, queryText));
            }
            return super.getFieldQuery(indexed, queryText, quoted);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            String indexed = known(field);
            if (!fields.numeric(field)) {
                return super.getRangeQuery(indexed, part1, part2, startInclusive, endInclusive);
            }
            long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : number(field, part1);
            long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : number(field, part2);
            if (!startInclusive && from != Long.MAX_VALUE) {
                from++;
            }
            if (!endInclusive && to != Long.MIN_VALUE) {
                to--;
            }
            return LongPoint.newRangeQuery(indexed, from, to);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            return super.getWildcardQuery(known(field), termStr);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return super.getPrefixQuery(known(field), termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return super.getFuzzyQuery(known(field), termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return super.getRegexpQuery(known(field), termStr);
        }

        private long number(String field, String text) throws ParseException {
            try {
                return fields.number(field, text);
            } catch (IllegalArgumentException e) {
                throw new ParseException(e.getMessage());
            }
        }
    }
}
