package nl.vindplaats.portal;

import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The portal's absolute addresses (canonical links, sitemaps, feeds, JSON-LD), made from the address clients reach
 * this instance at, and a page's canonical address made from its request.
 */
final class PageAddresses {
    /** The request attribute under which a portal handler finds this (for {@link Pages#render}). */
    static final String ATTRIBUTE = "vindplaats.portal.addresses";

    private final Supplier<String> baseUrl;

    PageAddresses(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    String absolute(String path) {
        String base = baseUrl.get();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /**
     * The page's own address: its path, with its non-empty query parameters in a fixed order (the first value of
     * each), so that the same page asked for in two spellings names one address.
     */
    String canonical(Context ctx) {
        return absolute(ctx.path() + normalisedQuery(ctx.queryParamMap(), List.of()));
    }

    /** {@code ?a=1&b=2} of the non-empty parameters in name order, leaving out {@code without}; "" when none. */
    static String normalisedQuery(Map<String, List<String>> params, List<String> without) {
        StringBuilder query = new StringBuilder();
        new TreeMap<>(params).forEach((name, values) -> {
            if (without.contains(name) || values.isEmpty() || values.getFirst().isBlank()) {
                return;
            }
            query.append(query.isEmpty() ? '?' : '&').append(Links.query(name)).append('=')
                    .append(Links.query(values.getFirst().strip()));
        });
        return query.toString();
    }
}
