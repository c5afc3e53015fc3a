package nl.vindplaats.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilterClauseTest {

    /** The query cache keeps the filters together, as one set, and the matches and their scores stay the same. */
    @Test
    void filtersStayOneClauseThatTheQueryCacheKeeps() throws IOException {
        try (Directory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                for (int i = 0; i < 40; i++) {
                    Document doc = new Document();
                    doc.add(new StringField("kind", i % 2 == 0 ? "dataset" : "document", Field.Store.NO));
                    doc.add(new StringField("state", i % 3 == 0 ? "deleted" : "active", Field.Store.NO));
                    doc.add(new TextField("text", i % 5 == 0 ? "water bodem" : "water lucht", Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                List<Query> cached = new ArrayList<>();
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(new LRUQueryCache(100, 1 << 20, leaf -> true, Float.POSITIVE_INFINITY) {
                    @Override
                    protected void onQueryCache(Query query, long ramBytesUsed) {
                        cached.add(query);
                        super.onQueryCache(query, ramBytesUsed);
                    }
                });
                searcher.setQueryCachingPolicy(new QueryCachingPolicy() {
                    @Override
                    public void onUse(Query query) {
                    }

                    @Override
                    public boolean shouldCache(Query query) {
                        return true;
                    }
                });
                BooleanQuery filters = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("kind", "dataset")), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term("state", "active")), BooleanClause.Occur.FILTER).build();
                Query words = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("text", "water")), BooleanClause.Occur.MUST)
                        .add(new TermQuery(new Term("text", "bodem")), BooleanClause.Occur.SHOULD).build();

                ScoreDoc[] kept = searcher.search(new BooleanQuery.Builder()
                        .add(new FilterClause(filters), BooleanClause.Occur.FILTER)
                        .add(words, BooleanClause.Occur.MUST).build(), 100).scoreDocs;
                assertThat(cached).contains(filters);

                searcher.setQueryCache(null);
                ScoreDoc[] merged = searcher.search(new BooleanQuery.Builder()
                        .add(filters, BooleanClause.Occur.FILTER)
                        .add(words, BooleanClause.Occur.MUST).build(), 100).scoreDocs;
                assertThat(kept).hasSize(13);
                assertThat(Arrays.stream(kept).map(hit -> hit.doc + "/" + hit.score)).containsExactlyElementsOf(
                        Arrays.stream(merged).map(hit -> hit.doc + "/" + hit.score).toList());
            }
        }
    }
}
