package nl.vindplaats.search;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Summaries already in an index were written with Lucene's own data output: {@link SummaryInput} must read them,
 * and {@link SummaryOutput} write what Lucene's data input reads, byte for byte the same encoding.
 */
class SummaryBytesTest {
    private static final String TEXT = "Woo-besluit über de ñ \uD83D\uDE00 " + "x".repeat(300);

    @Test
    void readsWhatLucenesOutputWrote() throws IOException {
        ByteBuffersDataOutput lucene = new ByteBuffersDataOutput();
        lucene.writeString(TEXT);
        lucene.writeVInt(300_000);
        lucene.writeZLong(-1_700_000_000_000L);
        lucene.writeBytes(new byte[] {1, 2, 3}, 3);

        SummaryInput in = new SummaryInput(lucene.toArrayCopy());
        assertThat(in.readString()).isEqualTo(TEXT);
        assertThat(in.readVInt()).isEqualTo(300_000);
        assertThat(in.readZLong()).isEqualTo(-1_700_000_000_000L);
        byte[] tail = new byte[3];
        in.readBytes(tail, 0, 3);
        assertThat(tail).containsExactly(1, 2, 3);
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }

    @Test
    void writesWhatLucenesInputReads() throws IOException {
        SummaryOutput out = new SummaryOutput();
        out.writeString(TEXT);
        out.writeVInt(300_000);
        out.writeZLong(Long.MIN_VALUE);

        ByteBuffersDataOutput lucene = new ByteBuffersDataOutput();
        lucene.writeString(TEXT);
        lucene.writeVInt(300_000);
        lucene.writeZLong(Long.MIN_VALUE);
        assertThat(out.toBytes()).isEqualTo(lucene.toArrayCopy());

        ByteArrayDataInput in = new ByteArrayDataInput(out.toBytes());
        assertThat(in.readString()).isEqualTo(TEXT);
        assertThat(in.readVInt()).isEqualTo(300_000);
        assertThat(in.readZLong()).isEqualTo(Long.MIN_VALUE);
    }
}
