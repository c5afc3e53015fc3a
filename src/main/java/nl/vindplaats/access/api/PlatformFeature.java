package nl.vindplaats.access.api;

import nl.vindplaats.access.AuditLog;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.ResourceDirectory;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;

import java.time.Clock;
import java.util.List;

/** Organisations, API tokens and the audit log as a part of the service: the platform API, {@code /platform/v1}. */
public final class PlatformFeature implements Feature {
    private final PlatformApi api;

    public PlatformFeature(Organisations organisations, TokenStore tokens, AuditLog audit, ResourceDirectory resources,
                           Clock clock) {
        this.api = new PlatformApi(organisations, tokens, audit, resources, clock);
    }

    @Override
    public List<Operation> operations() {
        return api.operations();
    }

    @Override
    public List<ApiSurface> surfaces() {
        return List.of(new ApiSurface(PlatformApi.BASE, PlatformApi.VERSION, ErrorFormat.PROBLEM_JSON));
    }

    @Override
    public List<OwnApi> ownApis() {
        return List.of(new OwnApi("platform", "vindplaats-platform", PlatformApi.BASE,
                "Organisaties, API-sleutels en het auditlog van deze Vindplaats-installatie, met health en metrics.",
                OpenApiDocument.load(PlatformApi.OPENAPI)));
    }
}
