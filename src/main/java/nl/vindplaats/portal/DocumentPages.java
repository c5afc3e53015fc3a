package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.documents.Publication;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.http.ApiError;

import java.util.List;

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

    /** @param organisation the publisher as an organisation of this instance, or null */
    public record DocumentModel(Publication publication, Organisation organisation) {
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        Publication publication = publications.find(id).orElseThrow(() -> new ApiError(404, PortalErrors.DUTCH,
                "Er is geen openbaar document met kenmerk ‘" + id + "’.", List.of()));
        Organisation organisation = organisations.byId(publication.publisherId())
                .map(Organisations.Versioned::organisation).orElse(null);
        DocumentModel model = new DocumentModel(publication, organisation);
        if (publication.withdrawn()) {
            Pages.render(ctx, 410, "withdrawn.jte", model);
        } else {
            Pages.render(ctx, 200, "document.jte", model);
        }
    }
}
