package nl.vindplaats.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link SearchQuery} as Lucene queries and sorts: the text on its fields (plain words analysed once), the
 * filters as one clause, the sort keys with the id as the last tie-breaker, and the fields to highlight.
 */
final class LuceneQueries {
    private static final Analyzer WHOLE_VALUE = new KeywordAnalyzer();

    private final Analyzer analyzer;

    LuceneQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The text as a query on every text field; {@code words}: the text's {@link #plainWords}, if it has them. */
    Query textQuery(SearchQuery query, Optional<List<Word>> words) {
        if (query.text() == null || query.textFields().isEmpty()) {
            return null;
        }
        if (words.isPresent()) {
            // What the parser below makes of plain words, with the text analysed once instead of once per field,
            // and the fields in one order, so that scores are summed alike in every run.
            List<String> fields = query.textFields().keySet().stream().sorted().toList();
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (Word word : words.get()) {
                BooleanQuery.Builder anyField = new BooleanQuery.Builder();
                for (String field : fields) {
                    float boost = query.textFields().get(field);
                    Query inField = new TermQuery(new Term(field,
                            query.exactFields().contains(field) ? word.typed() : word.term()));
                    anyField.add(boost == 1f ? inField : new BoostQuery(inField, boost), BooleanClause.Occur.SHOULD);
                }
                all.add(anyField.build(), BooleanClause.Occur.MUST);
            }
            return all.build();
        }
        Analyzer perField = query.exactFields().isEmpty() ? analyzer : new PerFieldAnalyzerWrapper(analyzer,
                query.exactFields().stream().collect(Collectors.toMap(field -> field, field -> WHOLE_VALUE)));
        SimpleQueryParser parser = new SimpleQueryParser(perField, query.textFields());
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query parsed = parser.parse(query.text());
        return parsed == null ? new BooleanQuery.Builder().build() : parsed;
    }

    /**
     * The text as a query on {@link SearchQuery#matchField()} alone, when that matches exactly what the query on
     * every text field matches: plain words, each analysed to at most one term, since a word matches in some text
     * field exactly when it occurs in the match field, which holds them all. (A word that is a whole value of an
     * exact field is analysed as that value is, into the match field.)
     */
    Optional<Query> matchQuery(SearchQuery query, Optional<List<Word>> plainWords) {
        String field = query.matchField();
        if (field == null || query.text() == null || query.textFields().isEmpty()) {
            return Optional.empty();
        }
        return plainWords.map(words -> {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            words.forEach(word -> all.add(new TermQuery(new Term(field, word.term())), BooleanClause.Occur.MUST));
            return all.build();
        });
    }

    /** A word of a text of plain words: as typed, for keyword fields, and as analysed, for text fields. */
    record Word(String typed, String term) {
    }

    /**
     * The words of a text of plain words (no operators), each analysed to at most one term; a word analysed to
     * none (a stop word) is left out, as the query parser leaves it out. Empty for any other text.
     */
    Optional<List<Word>> plainWords(String text) {
        if (text.chars().anyMatch(c -> "+|-\"*()~\\".indexOf(c) >= 0)) {
            return Optional.empty();
        }
        List<Word> words = new ArrayList<>();
        try {
            for (String typed : text.strip().split("\\s+")) {
                try (var tokens = analyzer.tokenStream("", typed)) {
                    CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                    tokens.reset();
                    List<String> terms = new ArrayList<>(1);
                    while (tokens.incrementToken()) {
                        terms.add(term.toString());
                    }
                    tokens.end();
                    if (terms.size() > 1) {
                        return Optional.empty();
                    }
                    terms.forEach(analysed -> words.add(new Word(typed, analysed)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(words);
    }

    static Query fullQuery(SearchQuery query, Query textQuery) {
        BooleanQuery.Builder filters = new BooleanQuery.Builder();
        filters.add(new TermQuery(new Term(IndexFields.KIND, query.kind())), BooleanClause.Occur.FILTER);
        query.filters().forEach((field, values) -> filters.add(
                values.size() == 1 ? new TermQuery(new Term(field, values.getFirst()))
                        : new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()),
                BooleanClause.Occur.FILTER));
        query.ranges().forEach((field, range) -> filters.add(LongPoint.newRangeQuery(field,
                range.from() == null ? Long.MIN_VALUE : range.from(),
                range.to() == null ? Long.MAX_VALUE : range.to()), BooleanClause.Occur.FILTER));
        BooleanQuery filter = filters.build();
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(filter.clauses().size() == 1 ? filter.clauses().getFirst().query() : new FilterClause(filter),
                BooleanClause.Occur.FILTER);
        if (textQuery != null) {
            builder.add(textQuery, BooleanClause.Occur.MUST);
        }
        if (query.extra() != null) {
            builder.add(query.extra().query(), BooleanClause.Occur.MUST);
        }
        BooleanQuery built = builder.build();
        return built.clauses().size() == 1 ? new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                .add(built.clauses().getFirst()).build() : built;
    }

    static Sort sort(List<SearchQuery.SortKey> keys) {
        List<SortField> fields = new ArrayList<>();
        for (SearchQuery.SortKey key : keys) {
            fields.add(switch (key.type()) {
                case RELEVANCE -> new SortField(null, SortField.Type.SCORE, !key.descending());
                case ID -> new SortField(IndexFields.ID, SortField.Type.STRING, key.descending());
                case NUMBER -> {
                    SortField numeric = new SortField(key.field(), SortField.Type.LONG, key.descending());
                    numeric.setMissingValue(key.descending() ? Long.MIN_VALUE : Long.MAX_VALUE);
                    yield numeric;
                }
                case KEYWORD -> {
                    SortedSetSortField keyword = new SortedSetSortField(key.field(), key.descending());
                    keyword.setMissingValue(key.descending() ? SortField.STRING_FIRST : SortField.STRING_LAST);
                    yield keyword;
                }
            });
        }
        if (fields.isEmpty()) {
            fields.add(SortField.FIELD_SCORE);
        }
        fields.add(new SortField(IndexFields.ID, SortField.Type.STRING));
        return new Sort(fields.toArray(SortField[]::new));
    }

    /** The text fields to mark words in: keyword fields keep no text to mark. */
    static Set<String> highlighted(SearchQuery query) {
        return query.textFields().keySet().stream().filter(field -> !query.exactFields().contains(field))
                .collect(Collectors.toSet());
    }
}
