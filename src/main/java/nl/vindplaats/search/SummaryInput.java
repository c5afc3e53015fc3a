package nl.vindplaats.search;

import org.apache.lucene.store.DataInput;

import java.io.EOFException;

/**
 * Reads a hit's summary as {@link SummaryOutput} wrote it: one object per summary read, nothing more, since every
 * hit of a list is read so.
 *
 * <p>Contract: reads the array given, from its start; reading past its end throws {@link EOFException}. Its
 * methods declare {@link java.io.IOException} (Lucene's signatures); nothing else throws it.
 */
public final class SummaryInput extends DataInput {
    private final byte[] bytes;
    private int position;

    public SummaryInput(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public byte readByte() throws EOFException {
        if (position >= bytes.length) {
            throw new EOFException("read past the end of a summary");
        }
        return bytes[position++];
    }

    @Override
    public void readBytes(byte[] b, int offset, int len) throws EOFException {
        if (len > bytes.length - position) {
            throw new EOFException("read past the end of a summary");
        }
        System.arraycopy(bytes, position, b, offset, len);
        position += len;
    }

    @Override
    public void skipBytes(long numBytes) throws EOFException {
        if (numBytes > bytes.length - position) {
            throw new EOFException("skipped past the end of a summary");
        }
        position += (int) numBytes;
    }
}
