package nl.vindplaats.portal;

import org.eclipse.jetty.http.QuotedQualityCSV;

import java.util.Locale;
import java.util.Map;

/**
 * Which representation of {@code /dataset/{name}} a client asks for, as ckanext-dcat negotiates it: the types of
 * the {@code Accept} header in order of quality; the first that is HTML (or a wildcard) gives the page, the first
 * that is an RDF type gives that DCAT form; a header naming neither gives the page.
 */
final class DcatNegotiation {
    private static final Map<String, String> RDF_TYPES = Map.of(
            "text/turtle", "ttl",
            "application/rdf+xml", "rdf",
            "application/ld+json", "jsonld");

    private DcatNegotiation() {
    }

    /** The DCAT form ({@code ttl}, {@code rdf}, {@code jsonld}) the header prefers, or null for the HTML page. */
    static String formatFor(String accept) {
        if (accept == null || accept.isBlank()) {
            return null;
        }
        QuotedQualityCSV types = new QuotedQualityCSV();
        types.addValue(accept);
        for (String value : types.getValues()) {
            int semicolon = value.indexOf(';');
            String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            if (type.equals("text/html") || type.equals("application/xhtml+xml") || type.endsWith("/*")) {
                return null;
            }
            String format = RDF_TYPES.get(type);
            if (format != null) {
                return format;
            }
        }
        return null;
    }
}
