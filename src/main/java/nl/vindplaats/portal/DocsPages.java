package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Json;
import nl.vindplaats.http.ApiError;

import java.util.List;
import java.util.Optional;

/**
 * {@code /docs}: the APIs this instance serves, each with its OpenAPI document drawn by Swagger UI (the same
 * viewer and policy as {@code /apis/{id}/specificatie}) with "Try it out" on, so that a person can send requests
 * to this instance from the page. The documents are the ones the APIs serve themselves ({@code {base}/openapi.json});
 * their servers are this origin, which the viewer's policy ({@code connect-src 'self'}) allows.
 */
public final class DocsPages {
    private final List<ServedApiDoc> apis;

    DocsPages(List<Portal.ServedApi> served) {
        this.apis = served.stream().map(DocsPages::read).toList();
    }

    /** One served API as the list shows it: title, version and description from its document's {@code info}. */
    public record ServedApiDoc(String name, String title, String version, String description, String documentPath) {
        public String pageUrl() {
            return "/docs/" + Links.path(name);
        }
    }

    public record DocsModel(List<ServedApiDoc> apis) {
    }

    private static ServedApiDoc read(Portal.ServedApi api) {
        JsonNode info = Json.read(new String(api.document(), java.nio.charset.StandardCharsets.UTF_8)).path("info");
        String description = info.path("description").asText("");
        return new ServedApiDoc(api.name(), info.path("title").asText(api.name()), info.path("version").asText(null),
                firstParagraph(description), api.documentPath());
    }

    /** The description's first paragraph: the rest is read in the viewer. */
    private static String firstParagraph(String text) {
        String first = text.strip().split("\\n\\s*\\n", 2)[0].strip();
        return first.isEmpty() ? null : first;
    }

    void list(Context ctx) {
        Pages.render(ctx, 200, "docs.jte", new DocsModel(apis));
    }

    void show(Context ctx) {
        String name = ctx.pathParam("name");
        ServedApiDoc api = find(name).orElseThrow(() -> PortalErrors.refuse(404, "error.docs", name));
        Pages.render(ctx, 200, "specification.jte", new ApiPages.SpecificationModel(api.title(), null,
                api.version(), api.documentPath(), true, "/docs", Texts.t("docs.title")),
                Pages.VIEWER_POLICY);
    }

    Optional<ServedApiDoc> find(String name) {
        return apis.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
