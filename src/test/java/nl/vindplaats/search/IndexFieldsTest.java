package nl.vindplaats.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexFieldsTest {

    @Test
    void aSearchOnlyTextFieldIsIndexedWithOffsetsButNotStored() {
        IndexDocument source = IndexDocument.builder("dataset", "d1")
                .text("title", "Afvalinzameling")
                .searchOnly("text").text("text", "Afvalinzameling").text("text", "containers per wijk")
                .build();

        Document doc = IndexFields.toLucene(source);

        IndexableField title = doc.getField("title");
        assertThat(title.fieldType().stored()).isTrue();
        IndexableField all = doc.getField("text");
        assertThat(all.fieldType().stored()).as("the catch-all is not stored").isFalse();
        assertThat(all.fieldType().indexOptions()).isEqualTo(title.fieldType().indexOptions());
        assertThat(all.stringValue()).isEqualTo("Afvalinzameling\ncontainers per wijk");
    }
}
