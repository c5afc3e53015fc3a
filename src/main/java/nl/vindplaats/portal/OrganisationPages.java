package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.ApiError;

import java.util.ArrayList;
import java.util.List;

/** An organisation's page, {@code /organisaties/{slug}}: the newest of its APIs, datasets and documents. */
public final class OrganisationPages {
    private static final int SHOWN = 10;

    private final CombinedSearch search;
    private final Organisations organisations;

    OrganisationPages(CombinedSearch search, Organisations organisations) {
        this.search = search;
        this.organisations = organisations;
    }

    /** One kind of what the organisation publishes: how many, the newest, and the search that lists them all. */
    public record Section(Kind kind, long total, List<ResultItem> items, String allUrl) {
    }

    public record OrganisationModel(Organisation organisation, long total, List<Section> sections) {
    }

    void show(Context ctx) {
        String slug = ctx.pathParam("slug");
        Organisation organisation = organisations.bySlug(slug).map(Organisations.Versioned::organisation)
                .orElseThrow(() -> PortalErrors.refuse(404, "error.organisation", slug));
        List<Section> sections = new ArrayList<>();
        long total = 0;
        for (Kind kind : Kind.values()) {
            CombinedSearch.Outcome outcome = search.run(new CombinedSearch.Request(null, kind, organisation.id(), 0,
                    SHOWN));
            sections.add(new Section(kind, outcome.total(), outcome.items(),
                    Links.search(null, kind, organisation.slug(), 1)));
            total += outcome.total();
        }
        Pages.render(ctx, 200, "organisation.jte", new OrganisationModel(organisation, total, sections));
    }
}
