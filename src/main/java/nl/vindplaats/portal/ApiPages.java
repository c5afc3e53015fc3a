package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.register.ApiListing;
import nl.vindplaats.register.Probes;
import nl.vindplaats.http.ApiError;

import java.util.List;
import java.util.function.Function;

/** An API's page, {@code /apis/{id}}: environments, lifecycle, and the design-rules score with its findings. */
public final class ApiPages {
    private final ApiListing apis;
    private final Organisations organisations;
    private final Function<ApiEntry, Probes.Summary> probes;

    ApiPages(ApiListing apis, Organisations organisations, Function<ApiEntry, Probes.Summary> probes) {
        this.apis = apis;
        this.organisations = organisations;
        this.probes = probes;
    }

    /**
     * @param organisation the publisher as an organisation of this instance, or null
     * @param probes       what the health probes say (uptime over 24 hours and 30 days); null where the
     *                     instance does not probe this API (its own)
     */
    public record ApiModel(ApiEntry api, Organisation organisation, Probes.Summary probes) {
        /** The stored versions of the specification, newest first. */
        public List<ApiEntry.StoredSpec> specificationVersions() {
            ApiEntry.Specification spec = api.specification();
            if (spec == null || spec.versions() == null) {
                return List.of();
            }
            return spec.versions().reversed();
        }

        public String versionUrl(ApiEntry.StoredSpec version) {
            return "/api-register/v1/apis/" + Links.path(api.id()) + "/oas/" + Links.path(version.version());
        }

        public String viewerUrl() {
            return specificationVersions().isEmpty() ? null : "/apis/" + Links.path(api.id()) + "/specificatie";
        }

        public List<ApiEntry.Environment> environments() {
            return api.environments() == null ? List.of() : api.environments();
        }

        public ApiEntry.Specification specification() {
            return api.specification();
        }
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        ApiEntry api = apis.get(id).orElseThrow(() -> PortalErrors.refuse(404, "error.api", id));
        Organisation organisation = api.organisation() == null || api.organisation().uri() == null ? null
                : organisations.byId(api.organisation().uri()).map(Organisations.Versioned::organisation).orElse(null);
        Pages.render(ctx, 200, "api.jte", new ApiModel(api, organisation, probes.apply(api)));
    }

    /**
     * @param documentUrl the stored document the viewer draws (from this origin)
     * @param tryItOut    whether the viewer offers to send requests: only for the APIs this instance serves, whose
     *                    servers are this origin (the page's policy allows no other)
     * @param listUrl     the list the page belongs to ({@code /apis} or {@code /docs}), with its {@code listLabel}
     */
    public record SpecificationModel(String title, String apiUrl, String version, String documentUrl,
                                     boolean tryItOut, String listUrl, String listLabel) {
    }

    /** {@code /apis/{id}/specificatie}: the latest stored OpenAPI document drawn by Swagger UI. */
    void specification(Context ctx) {
        String id = ctx.pathParam("id");
        ApiEntry api = apis.get(id).orElseThrow(() -> PortalErrors.refuse(404, "error.api", id));
        ApiModel model = new ApiModel(api, null, null);
        if (model.viewerUrl() == null) {
            throw PortalErrors.refuse(404, "error.specification", api.serviceName());
        }
        Pages.render(ctx, 200, "specification.jte", new SpecificationModel(api.serviceName(),
                "/apis/" + Links.path(api.id()), api.specification().version(),
                "/api-register/v1/apis/" + Links.path(api.id()) + "/oas/latest", false, "/apis", Texts.t("kind.api.many")),
                Pages.VIEWER_POLICY);
    }
}
