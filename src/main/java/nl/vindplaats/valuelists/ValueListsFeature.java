package nl.vindplaats.valuelists;

import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;

import java.util.List;

/** The value lists as a part of the service: their public API, {@code /waardelijsten/v1}. */
public final class ValueListsFeature implements Feature {
    private final ValueListApi api;

    public ValueListsFeature(ValueLists lists) {
        this.api = new ValueListApi(lists);
    }

    @Override
    public List<Operation> operations() {
        return api.operations();
    }

    @Override
    public List<ApiSurface> surfaces() {
        return List.of(new ApiSurface(ValueListApi.BASE, ValueListApi.VERSION, ErrorFormat.PROBLEM_JSON));
    }

    @Override
    public List<OwnApi> ownApis() {
        return List.of(new OwnApi("waardelijsten", "vindplaats-waardelijsten", ValueListApi.BASE,
                "De waardelijsten (TOOI, documentsoorten, thema's, Woo-informatiecategorieën) waartegen Vindplaats metadata controleert.",
                OpenApiDocument.load(ValueListApi.OPENAPI)));
    }
}
