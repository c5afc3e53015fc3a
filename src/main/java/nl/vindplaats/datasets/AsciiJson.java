package nl.vindplaats.datasets;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * JSON text that is ASCII only (as CKAN writes it), kept as its bytes: a UTF-8 generator copies them into its
 * buffer as they are, where a String would be encoded again char by char (the lists' dicts).
 * Used as {@code new RawValue(new AsciiJson(bytes))}.
 */
final class AsciiJson implements SerializableString {
    private final byte[] bytes;

    AsciiJson(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public String getValue() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int charLength() {
        return bytes.length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return bytes;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + bytes.length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        return bytes.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (offset + bytes.length > buffer.length) {
            return -1;
        }
        for (int i = 0; i < bytes.length; i++) {
            buffer[offset + i] = (char) bytes[i];
        }
        return bytes.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes);
        return bytes.length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < bytes.length) {
            return -1;
        }
        buffer.put(bytes);
        return bytes.length;
    }

    // Quoted, the text is a JSON string holding JSON: never so for a raw value, but written correctly all the same.

    @Override
    public char[] asQuotedChars() {
        return quoted().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quoted().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return quoted().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return quoted().appendQuoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return quoted().writeQuotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return quoted().putQuotedUTF8(buffer);
    }

    private SerializedString quoted() {
        return new SerializedString(getValue());
    }

    @Override
    public String toString() {
        return getValue();
    }
}
