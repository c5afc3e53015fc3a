package nl.vindplaats.search;

import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataOutput;

/**
 * Writes a hit's summary ({@link IndexDocument}), in Lucene's compact encodings (variable-length integers,
 * zig-zag longs, length-prefixed UTF-8 strings), which {@link SummaryInput} reads back.
 *
 * <p>Contract: in memory only; its methods declare {@link java.io.IOException} (Lucene's signatures) but never
 * throw it.
 */
public final class SummaryOutput extends DataOutput {
    private final ByteBuffersDataOutput out = new ByteBuffersDataOutput();

    @Override
    public void writeByte(byte b) {
        out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) {
        out.writeBytes(b, offset, length);
    }

    /** What was written, as a new array. */
    public byte[] toBytes() {
        return out.toArrayCopy();
    }
}
