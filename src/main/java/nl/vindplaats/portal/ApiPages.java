package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.register.ApiListing;
import nl.vindplaats.http.ApiError;

import java.util.List;

/** An API's page, {@code /apis/{id}}: environments, lifecycle, and the design-rules score with its findings. */
public final class ApiPages {
    private final ApiListing apis;
    private final Organisations organisations;

    ApiPages(ApiListing apis, Organisations organisations) {
        this.apis = apis;
        this.organisations = organisations;
    }

    /** @param organisation the publisher as an organisation of this instance, or null */
    public record ApiModel(ApiEntry api, Organisation organisation) {
        public List<ApiEntry.Environment> environments() {
            return api.environments() == null ? List.of() : api.environments();
        }

        public ApiEntry.Specification specification() {
            return api.specification();
        }
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        ApiEntry api = apis.get(id).orElseThrow(() -> new ApiError(404, PortalErrors.DUTCH,
                "Er is geen API met kenmerk ‘" + id + "’ in het register.", List.of()));
        Organisation organisation = api.organisation() == null || api.organisation().uri() == null ? null
                : organisations.byId(api.organisation().uri()).map(Organisations.Versioned::organisation).orElse(null);
        Pages.render(ctx, 200, "api.jte", new ApiModel(api, organisation));
    }
}
