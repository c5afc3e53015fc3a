package nl.vindplaats.portal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the portal's jte templates (precompiled: src/main/jte, turned into classes at build time) and gives
 * every page the same security headers: no script at all, no framing, no referrer beyond the origin.
 */
final class Pages {
    /** Pages load only our own style sheet; no script runs, inline or not. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Pages() {
    }

    /**
     * The specification viewer's page alone runs script, our own files only (no inline script): Swagger UI
     * fetches the document from this origin, and draws its icons as data: images.
     */
    static final String VIEWER_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static void render(Context ctx, int status, String template, Object model) {
        render(ctx, status, template, model, CONTENT_SECURITY_POLICY);
    }

    static void render(Context ctx, int status, String template, Object model, String policy) {
        StringOutput out = new StringOutput(16 * 1024);
        ENGINE.render(template, model, out);
        secure(ctx);
        ctx.header("Content-Security-Policy", policy);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
    }
}
