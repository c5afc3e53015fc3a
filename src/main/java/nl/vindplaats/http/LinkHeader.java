package nl.vindplaats.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** The RFC 8288 {@code Link} header of a paged list: first, prev, next and last, each API naming its own pages. */
public final class LinkHeader {

    private LinkHeader() {
    }

    /**
     * The header's value for page {@code page} of {@code pages}. A prev link (to page {@code previous}, which the
     * API chooses for a page asked beyond the last) is given from page 2 on; a next link before the last page.
     * {@code target} writes the URI of page n.
     */
    public static String pages(long page, long previous, long pages, LongFunction<String> target) {
        List<String> links = new ArrayList<>(4);
        links.add(link(target.apply(1), "first"));
        if (page > 1) {
            links.add(link(target.apply(previous), "prev"));
        }
        if (page < pages) {
            links.add(link(target.apply(page + 1), "next"));
        }
        links.add(link(target.apply(pages), "last"));
        return String.join(", ", links);
    }

    /** The number of pages of {@code size} that {@code total} items fill; one when there are none. */
    public static long pageCount(long total, int size) {
        return Math.max(1, (total + size - 1) / size);
    }

    private static String link(String target, String rel) {
        return "<" + target + ">; rel=\"" + rel + "\"";
    }
}
