package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.ErrorFormat;


/**
 * Errors on portal pages are pages too: an HTML page in the reader's language with the status, not problem+json.
 * The DCAT forms that share {@code /dataset/} ({@code .ttl}, {@code .rdf}, {@code .jsonld}) keep the JSON format.
 */
public final class PortalErrors {
    /**
     * The title a portal handler gives an {@link ApiError} whose detail is a sentence meant for the reader (in the
     * request's language: {@link #refuse}); the detail of any other error (the server's own, in English) is
     * replaced by the page's own sentence for its status.
     */
    static final String DUTCH = "portal";
    private static final java.util.Set<Integer> EXPLAINED = java.util.Set.of(400, 404, 405, 410, 429, 500, 503);

    /** The page an error shows. */
    public record ErrorModel(int status, String title, String message) {
    }

    /** A refusal whose page says the text {@code key} (with its arguments) in the language of this request. */
    static ApiError refuse(int status, String key, Object... arguments) {
        return new ApiError(status, DUTCH, Texts.t(key, arguments), java.util.List.of());
    }

    /** HTML for portal pages; {@code others} for the DCAT forms under {@code /dataset/}. */
    public static ErrorFormat format(ErrorFormat others) {
        return (ctx, error) -> {
            if (DatasetPages.answersRdf(ctx)) {
                others.write(ctx, error);
            } else {
                write(ctx, error);
            }
        };
    }

    /** HTML for the home page alone; every other path under this surface (e.g. {@code /health}) keeps {@code others}. */
    public static ErrorFormat homeOr(ErrorFormat others) {
        return (ctx, error) -> {
            if (ctx.path().equals("/")) {
                write(ctx, error);
            } else {
                others.write(ctx, error);
            }
        };
    }

    private static void write(Context ctx, ApiError error) {
        int status = error.status();
        Texts texts = Texts.of(ctx);
        String key = EXPLAINED.contains(status) ? "error." + status : "error.other";
        String message = DUTCH.equals(error.title()) ? error.detail()
                : texts.text(key + ".message");
        Pages.render(ctx, status, "error.jte", new ErrorModel(status, texts.text(key + ".title"), message));
    }
}
