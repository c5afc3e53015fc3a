package nl.vindplaats.search;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryLimitsTest {
    /** A vocabulary of 50 terms in "big" and 5 in "small"; "huge" starts above 10 terms. */
    private static final QueryLimits LIMITS = new QueryLimits(1024, 100, 10);
    private static ByteBuffersDirectory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 50; i++) {
                Document doc = new Document();
                doc.add(new StringField("big", "woord" + i, Field.Store.NO));
                doc.add(new StringField("small", "naam" + (i % 5), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        reader = DirectoryReader.open(directory);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void moreTermsThanTheClauseLimitAreRefused() {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (int i = 0; i < 600; i++) {
            all.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("big", "a" + i)), BooleanClause.Occur.SHOULD)
                    .add(new TermQuery(new Term("small", "a" + i)), BooleanClause.Occur.SHOULD).build(),
                    BooleanClause.Occur.MUST);
        }
        Query nested = all.build();
        assertThatThrownBy(() -> LIMITS.check(nested, reader)).isInstanceOf(QueryLimits.Refused.class)
                .hasMessageContaining("more than 1024 terms");
        assertThatThrownBy(() -> LIMITS.building(() -> {
            BooleanQuery.Builder flat = new BooleanQuery.Builder();
            for (int i = 0; i < 1100; i++) {
                flat.add(new TermQuery(new Term("big", "a" + i)), BooleanClause.Occur.MUST);
            }
            return flat.build();
        })).isInstanceOf(QueryLimits.Refused.class).hasMessageContaining("clause limit");
        assertThatCode(() -> LIMITS.check(new TermQuery(new Term("big", "woord1")), reader)).doesNotThrowAnyException();
    }

    @Test
    void longPatternsAreRefused() {
        String pattern = "woord" + "?".repeat(100);
        assertThatThrownBy(() -> LIMITS.check(new WildcardQuery(new Term("small", pattern)), reader))
                .isInstanceOf(QueryLimits.Refused.class).hasMessageContaining("100 characters");
        assertThatThrownBy(() -> LIMITS.check(new PrefixQuery(new Term("small", "w".repeat(101))), reader))
                .isInstanceOf(QueryLimits.Refused.class);
        assertThatCode(() -> LIMITS.check(new PrefixQuery(new Term("big", "woord")), reader))
                .as("a trailing wildcard walks only the terms with its prefix").doesNotThrowAnyException();
    }

    @Test
    void patternsThatScanAHugeVocabularyAreRefusedOnlyThere() {
        for (Query scansAll : new Query[] {new WildcardQuery(new Term("big", "*rd1")),
                new RegexpQuery(new Term("big", "wo.*")), new FuzzyQuery(new Term("big", "woord"))}) {
            assertThatThrownBy(() -> LIMITS.check(scansAll, reader)).as(scansAll.toString())
                    .isInstanceOf(QueryLimits.Refused.class).hasMessageContaining("more than 10 distinct terms");
        }
        for (Query small : new Query[] {new WildcardQuery(new Term("small", "*am1")),
                new RegexpQuery(new Term("small", "na.*")), new FuzzyQuery(new Term("small", "naam"))}) {
            assertThatCode(() -> LIMITS.check(small, reader)).as(small.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void aPatternTooComplexToMatchIsRefused() {
        assertThatThrownBy(() -> LIMITS.building(() -> new RegexpQuery(new Term("big", "[ac]*a[ac]{50,200}"))))
                .isInstanceOf(QueryLimits.Refused.class).hasMessageContaining("too complex");
    }
}
