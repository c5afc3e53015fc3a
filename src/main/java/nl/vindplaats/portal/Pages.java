package nl.vindplaats.portal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the portal's jte templates (precompiled: src/main/jte, turned into classes at build time) and gives
 * every page the same security headers: no script at all, no framing, no referrer beyond the origin.
 */
final class Pages {
    /** Pages load only our own style sheet; no script runs, inline or not. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Pattern ORGANISATION_PAGE = Pattern.compile("^/organisaties/([^/]+)$");

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Pages() {
    }

    /**
     * The specification viewer's page alone runs script, our own files only (no inline script): Swagger UI
     * fetches the document from this origin, and draws its icons as data: images.
     */
    static final String VIEWER_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** Renders a page whose head is made from its request: canonical address and, where there is one, its feed. */
    static void render(Context ctx, int status, String template, Object model) {
        render(ctx, status, template, model, headOf(ctx, status), CONTENT_SECURITY_POLICY);
    }

    /** Renders a page under a security policy of its own (the specification viewer's). */
    static void render(Context ctx, int status, String template, Object model, String policy) {
        render(ctx, status, template, model, headOf(ctx, status), policy);
    }

    static void render(Context ctx, int status, String template, Object model, PageHead head) {
        render(ctx, status, template, model, head, CONTENT_SECURITY_POLICY);
    }

    private static void render(Context ctx, int status, String template, Object model, PageHead head, String policy) {
        StringOutput out = new StringOutput(16 * 1024);
        Texts texts = Texts.of(ctx);
        Texts.during(texts, Texts.switchUrl(ctx, texts), () -> PageHead.during(head,
                () -> StyleSheets.during(ctx, () -> ENGINE.render(template, model, out))));
        secure(ctx);
        Texts.remember(ctx, true);
        ctx.header("Content-Security-Policy", policy);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /** Error pages have no canonical address; the search page and organisation pages name their feeds. */
    private static PageHead headOf(Context ctx, int status) {
        PageAddresses addresses = ctx.attribute(PageAddresses.ATTRIBUTE);
        if (addresses == null || status != 200) {
            return PageHead.NONE;
        }
        String canonical = addresses.canonical(ctx);
        if (ctx.path().equals("/zoeken")) {
            return new PageHead(canonical, List.of(PageHead.atom(Texts.t("feed.search.link"),
                    Feeds.SEARCH + PageAddresses.normalisedQuery(ctx.queryParamMap(), List.of("pagina")))));
        }
        Matcher organisation = ORGANISATION_PAGE.matcher(ctx.path());
        if (organisation.matches()) {
            return new PageHead(canonical, List.of(PageHead.atom(Texts.t("feed.organisation.link"),
                    ctx.path() + ".atom")));
        }
        return new PageHead(canonical, List.of());
    }
}
