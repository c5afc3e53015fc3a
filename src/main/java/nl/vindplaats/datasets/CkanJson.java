package nl.vindplaats.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.vindplaats.platform.Json;

/** JSON as CKAN writes it: every non-ASCII character escaped ({@code \u0394}), as Python's json.dumps does. */
final class CkanJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy();

    static {
        MAPPER.getFactory().configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    }

    private CkanJson() {
    }

    /** The JSON as UTF-8 bytes, written straight into them (a 60 kB package_search is not made a String first). */
    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
