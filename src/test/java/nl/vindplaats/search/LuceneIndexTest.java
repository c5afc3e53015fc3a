package nl.vindplaats.search;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneIndexTest {

    private static Document document(String id, long order) {
        Document d = new Document();
        d.add(new StringField("id", id, Field.Store.NO));
        d.add(new NumericDocValuesField("order", order));
        return d;
    }

    private static int searchable(LuceneIndex lucene) {
        LuceneIndex.HeldSearcher held = lucene.acquire();
        try {
            return held.searcher().getIndexReader().numDocs();
        } finally {
            held.release();
        }
    }

    /**
     * A reopen after a failure opens the writer at the last commit and applies what came after it again: until that
     * is done, searches see the view from before the failure, not the last commit without the later changes.
     */
    @Test
    void whileAReopenAfterAFailureCatchesUpSearchesKeepTheViewFromBeforeIt(@TempDir Path dir) throws IOException {
        try (LuceneIndex lucene = new LuceneIndex(dir, new StandardAnalyzer(),
                new Sort(new SortField("order", SortField.Type.LONG)), 10_000)) {
            lucene.openEmptyDirectory();
            lucene.openWriter(IndexWriterConfig.OpenMode.CREATE, 0);
            lucene.writer().addDocument(document("committed", 1));
            lucene.commit(1);
            lucene.writer().addDocument(document("after the commit", 2));
            lucene.searchers().maybeRefreshBlocking();
            assertThat(searchable(lucene)).isEqualTo(2);

            lucene.markBroken();
            List<Integer> seenWhileCatchingUp = new ArrayList<>();
            boolean reopened = lucene.reopenAfterFailure(seq -> {
                seenWhileCatchingUp.add(searchable(lucene));
                lucene.writer().addDocument(document("after the commit", 2));
                seenWhileCatchingUp.add(searchable(lucene));
            });

            assertThat(reopened).isTrue();
            assertThat(seenWhileCatchingUp).containsExactly(2, 2);
            assertThat(searchable(lucene)).isEqualTo(2);
            assertThat(lucene.isHealthy()).isTrue();
        }
    }
}
