package nl.vindplaats.datasets;

import nl.vindplaats.search.DutchText;
import nl.vindplaats.search.QueryLimits;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CKAN's fielded query syntax (Solr's standard parser) over our index: Lucene's classic parser,
 * with full-text fields analysed as Dutch text, exact-value fields matched as they are, and the
 * number fields (dates) as ranges such as {@code metadata_modified:[2024-01-01T00:00:00Z TO NOW]}.
 */
final class SolrSyntax extends QueryParser {
    private static final Analyzer DUTCH = new DutchText();
    private static final Analyzer KEYWORD = new KeywordAnalyzer();
    private static final Pattern NOW = Pattern.compile("NOW(?:([+-])(\\d+)(DAYS?|HOURS?|MINUTES?|YEARS?|MONTHS?))?(?:/DAY)?");

    /** A query naming a field the index does not have; CKAN reports Solr's refusal as a Search Error. */
    static final class UnknownField extends RuntimeException {
        UnknownField(String field) {
            super("undefined field " + field);
        }
    }

    SolrSyntax() {
        super(Datasets.f("text"), new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String field) {
                return Datasets.TEXT_FIELDS.contains(plain(field)) ? DUTCH : KEYWORD;
            }
        });
        setDefaultOperator(AND_OPERATOR);
        setAllowLeadingWildcard(true);
        setSplitOnWhitespace(true);
    }

    static Query query(String text) {
        return QueryLimits.DEFAULT.building(() -> {
            try {
                return new SolrSyntax().parse(text);
            } catch (ParseException | IllegalArgumentException e) { // IllegalArgumentException: a malformed regexp
                throw CkanErrors.searchQuery(text);
            }
        });
    }

    private static String plain(String field) {
        return field.startsWith(Datasets.PREFIX) ? field.substring(Datasets.PREFIX.length()) : field;
    }

    /** The index field for a field named in a query; refuses names the index does not have. */
    private static String known(String named) {
        if (named.equals("*")) {
            return named;
        }
        String field = plain(named);
        if (field.equals("*") || Datasets.TEXT_FIELDS.contains(field) || Datasets.KEYWORD_FIELDS.contains(field)
                || Datasets.NUMBER_FIELDS.contains(field) || Donl.DATASET_FIELDS.contains(field)
                || field.startsWith("extras_")) {
            return Datasets.f(field);
        }
        throw new UnknownField(field);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        String indexed = known(field);
        if (Datasets.NUMBER_FIELDS.contains(plain(field))) {
            return LongPoint.newExactQuery(indexed, number(plain(field), queryText));
        }
        return super.getFieldQuery(indexed, queryText, quoted);
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                  boolean endInclusive) throws ParseException {
        String indexed = known(field);
        if (!Datasets.NUMBER_FIELDS.contains(plain(field))) {
            return super.getRangeQuery(indexed, part1, part2, startInclusive, endInclusive);
        }
        long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : number(plain(field), part1);
        long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : number(plain(field), part2);
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

    /** A count, or a date as epoch millis: ISO instants, dates, and Solr's NOW with simple arithmetic. */
    private static long number(String field, String text) throws ParseException {
        if (!field.startsWith("metadata_")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new ParseException("not a number: " + text);
            }
        }
        Matcher now = NOW.matcher(text.toUpperCase(java.util.Locale.ROOT));
        if (now.matches()) {
            Instant at = Instant.now();
            if (now.group(1) != null) {
                long amount = Long.parseLong(now.group(2)) * (now.group(1).equals("-") ? -1 : 1);
                String unit = now.group(3);
                at = unit.startsWith("DAY") ? at.plus(amount, ChronoUnit.DAYS)
                        : unit.startsWith("HOUR") ? at.plus(amount, ChronoUnit.HOURS)
                        : unit.startsWith("MINUTE") ? at.plus(amount, ChronoUnit.MINUTES)
                        : unit.startsWith("MONTH") ? at.atOffset(ZoneOffset.UTC).plusMonths(amount).toInstant()
                        : at.atOffset(ZoneOffset.UTC).plusYears(amount).toInstant();
            }
            return at.toEpochMilli();
        }
        Long millis = Datasets.millis(text);
        if (millis != null) {
            return millis;
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ParseException("not a date: " + text);
        }
    }
}
