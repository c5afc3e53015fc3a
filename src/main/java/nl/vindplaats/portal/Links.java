package nl.vindplaats.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Building the portal's own URLs from values: each value encoded for where it goes. */
final class Links {
    private Links() {
    }

    /** A value as one path segment. */
    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The search page with these filters; null or blank values are left out. */
    static String search(String words, Kind kind, String organisationSlug, int page) {
        StringBuilder url = new StringBuilder("/zoeken");
        char sep = '?';
        if (words != null && !words.isBlank()) {
            url.append(sep).append("q=").append(query(words.strip()));
            sep = '&';
        }
        if (kind != null) {
            url.append(sep).append("soort=").append(kind.code());
            sep = '&';
        }
        if (organisationSlug != null) {
            url.append(sep).append("organisatie=").append(query(organisationSlug));
            sep = '&';
        }
        if (page > 1) {
            url.append(sep).append("pagina=").append(page);
        }
        return url.toString();
    }

    /** {@code base} with these query parameters (in this order), each value encoded. */
    static String url(String base, java.util.Map<String, String> parameters) {
        StringBuilder url = new StringBuilder(base);
        char sep = '?';
        for (java.util.Map.Entry<String, String> p : parameters.entrySet()) {
            url.append(sep).append(p.getKey()).append('=').append(query(p.getValue()));
            sep = '&';
        }
        return url.toString();
    }
}
