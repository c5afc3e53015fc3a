package nl.vindplaats.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.vindplaats.base.Json;

import java.io.IOException;
import java.io.OutputStream;

/** JSON as CKAN writes it: every non-ASCII character escaped ({@code \u0394}), as Python's json.dumps does. */
public final class CkanJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy();

    static {
        MAPPER.getFactory().configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
        MAPPER.getFactory().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    }

    private CkanJson() {
    }

    /** The JSON as UTF-8 bytes, written straight into them (a 60 kB package_search is not made a String first). */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON written into a stream (a response's): a 60 kB package_search is not gathered in an array first. */
    public static void write(OutputStream out, Object value) throws IOException {
        MAPPER.writeValue(out, value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
