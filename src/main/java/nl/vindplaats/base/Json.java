package nl.vindplaats.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapper of the service: ISO-8601 dates, no nulls dropped silently, strict on input. */
public final class Json {
    /**
     * Deepest nesting of objects and arrays read: far beyond any real record or OpenAPI document, and shallow
     * enough that no code walking a tree recursively runs out of stack. Deeper input is a
     * {@link com.fasterxml.jackson.core.exc.StreamConstraintsException}, answered with 400 like any malformed JSON.
     */
    public static final int MAX_NESTING_DEPTH = 200;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a text field only where there is a value: the wire-format mappers write no nulls they did not read. */
    public static void putPresent(ObjectNode object, String field, String value) {
        if (value != null) {
            object.put(field, value);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
