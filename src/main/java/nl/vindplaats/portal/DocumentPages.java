package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.documents.Publication;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.http.ApiError;

import java.util.List;
import java.util.Optional;

/**
 * A document's page, {@code /documenten/{id}}: its metadata, versions and file. A withdrawn document answers 410
 * with a page that says so (and why, where a reason was given); one under embargo does not exist yet (404).
 */
public final class DocumentPages {
    private final Publications publications;
    private final Organisations organisations;

    DocumentPages(Publications publications, Organisations organisations) {
        this.publications = publications;
        this.organisations = organisations;
    }

    /**
     * @param organisation the publisher as an organisation of this instance, or null
     * @param words        the words of the search the reader came from, or ""
     * @param excerpt      the passages of the text where those words occur (empty without words)
     */
    public record DocumentModel(Publication publication, Organisation organisation, String words,
                                List<Highlight> excerpt) {
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        Publication publication = publications.find(id).orElseThrow(() -> PortalErrors.refuse(404, "error.document", id));
        Organisation organisation = organisations.byId(publication.publisherId())
                .map(Organisations.Versioned::organisation).orElse(null);
        String words = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        if (publication.withdrawn()) {
            Pages.render(ctx, 410, "withdrawn.jte", new DocumentModel(publication, organisation, words, List.of()));
        } else {
            List<Highlight> excerpt = words.isEmpty() ? List.of()
                    : publications.extractedText(id).map(text -> Excerpt.of(text, words)).orElse(List.of());
            DocumentModel model = new DocumentModel(publication, organisation, words, excerpt);
            Pages.render(ctx, 200, "document.jte", model);
        }
    }
}
