package nl.vindplaats.register;

import io.javalin.http.Context;
import nl.vindplaats.http.LinkHeader;
import nl.vindplaats.http.QueryParams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The register's paging: {@code page} (from 1) and {@code perPage} in, RFC 8288 links (first, prev, next, last) that
 * keep the other query parameters and the register's {@code Total-Count}, {@code Current-Page}, {@code Per-Page} and
 * {@code Total-Pages} headers out.
 */
final class RegisterPaging {
    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 100;

    /** A page asked for. */
    record Page(int page, int perPage) {
        int offset() {
            return (page - 1) * perPage;
        }
    }

    private RegisterPaging() {
    }

    static Page page(Context ctx) {
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE / MAX_PER_PAGE);
        int perPage = intParam(ctx, "perPage", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        return new Page(page, perPage);
    }

    /** RFC 8288 links (first, prev, next, last) keeping the other query parameters, and the register's paging headers. */
    static void headers(Context ctx, Page asked, long total) {
        int page = asked.page();
        int perPage = asked.perPage();
        long pages = LinkHeader.pageCount(total, perPage);
        StringBuilder others = new StringBuilder();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("perPage")) {
                for (String value : values) {
                    others.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
        });
        ctx.header("Link", LinkHeader.pages(page, Math.min(page - 1, pages), pages,
                n -> ctx.path() + "?page=" + n + "&perPage=" + perPage + others));
        ctx.header("Total-Count", Long.toString(total));
        ctx.header("Current-Page", Integer.toString(page));
        ctx.header("Per-Page", Integer.toString(perPage));
        ctx.header("Total-Pages", Long.toString(pages));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        return QueryParams.wholeNumber(raw == null ? null : raw.strip(), fallback, min, max,
                QueryParams.problem(name, min, max));
    }
}
