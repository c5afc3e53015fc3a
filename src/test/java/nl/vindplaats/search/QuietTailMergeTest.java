package nl.vindplaats.search;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The quiet-time merge policy on its own: the tail is merged on an explicit request, and only once it is long. */
class QuietTailMergeTest {

    @Test
    void aShortTailIsLeftAndALongOneMergedIntoOneOnlyWhenAsked() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer())
                     .setMergePolicy(QuietTailMerge.policy(new TieredMergePolicy()))
                     .setMergeScheduler(new SerialMergeScheduler()))) {
            addSegments(writer, QuietTailMerge.MIN_TAIL_SEGMENTS - 1);
            writer.maybeMerge();
            assertThat(segments(writer)).isEqualTo(QuietTailMerge.MIN_TAIL_SEGMENTS - 1);

            addSegments(writer, 1); // flushing asks the tiered policy, which leaves eight small segments alone
            assertThat(segments(writer)).isEqualTo(QuietTailMerge.MIN_TAIL_SEGMENTS);
            writer.maybeMerge();
            assertThat(segments(writer)).isEqualTo(1);
            assertThat(writer.getDocStats().numDocs).isEqualTo(QuietTailMerge.MIN_TAIL_SEGMENTS);
        }
    }

    private static void addSegments(IndexWriter writer, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Document doc = new Document();
            doc.add(new StringField("id", Integer.toString(i), Field.Store.NO));
            writer.addDocument(doc);
            writer.commit();
        }
    }

    private static int segments(IndexWriter writer) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            return reader.leaves().size();
        }
    }
}
