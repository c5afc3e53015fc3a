package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.ErrorFormat;

import java.util.Map;

/**
 * Errors on portal pages are pages too: an HTML page in Dutch with the status, not problem+json. The DCAT forms
 * that share {@code /dataset/} ({@code .ttl}, {@code .rdf}, {@code .jsonld}) keep the JSON format.
 */
public final class PortalErrors {
    /**
     * The title a portal handler gives an {@link ApiError} whose detail is a Dutch sentence meant for the reader;
     * the detail of any other error (the server's own, in English) is replaced by a Dutch one for its status.
     */
    static final String DUTCH = "portal";

    private static final Map<Integer, String> TITLES = Map.of(400, "Deze vraag klopt niet", 404,
            "Pagina niet gevonden", 405, "Dat kan hier niet", 410, "Niet meer beschikbaar", 429,
            "Te veel verzoeken", 500, "Er ging iets mis", 503, "Tijdelijk niet beschikbaar");
    private static final Map<Integer, String> MESSAGES = Map.of(
            400, "Het adres bevat iets wat deze pagina niet begrijpt.",
            404, "Op dit adres staat niets. Misschien is het adres verkeerd getypt, of bestaat de pagina niet meer.",
            405, "Deze pagina kan alleen gelezen worden.",
            429, "Er kwamen te veel verzoeken tegelijk. Probeer het over een minuut opnieuw.",
            500, "Door een fout aan onze kant kon deze pagina niet getoond worden. De fout is vastgelegd.",
            503, "De dienst is even niet beschikbaar. Probeer het later opnieuw.");

    /** The page an error shows. */
    public record ErrorModel(int status, String title, String message) {
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
        String title = TITLES.getOrDefault(status, "Er ging iets mis");
        String message = DUTCH.equals(error.title()) ? error.detail()
                : MESSAGES.getOrDefault(status, "Deze pagina kan niet getoond worden.");
        Pages.render(ctx, status, "error.jte", new ErrorModel(status, title, message));
    }
}
