package nl.vindplaats.portal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.Dataset;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.http.ApiError;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A dataset's page at CKAN's own URL, {@code /dataset/{name}}, so that links to a CKAN portal keep working. The
 * DCAT forms share the path ({@code /dataset/{name}.ttl}, {@code .rdf}, {@code .jsonld}) and go to their handler.
 */
public final class DatasetPages {
    private static final Pattern DCAT_FORM = Pattern.compile("^/dataset/[^/]+\\.(ttl|rdf|jsonld)$");

    private final DatasetCatalogue datasets;
    private final Organisations organisations;
    private final Handler dcatForms;

    DatasetPages(DatasetCatalogue datasets, Organisations organisations, Handler dcatForms) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.dcatForms = dcatForms;
    }

    /** @param organisation the owning organisation, or null when it is not known here */
    public record DatasetModel(Dataset dataset, Organisation organisation) {
    }

    static boolean isDcatForm(String path) {
        return DCAT_FORM.matcher(path).matches();
    }

    void show(Context ctx) throws Exception {
        if (isDcatForm(ctx.path())) {
            dcatForms.handle(ctx);
            return;
        }
        String name = ctx.pathParam("file");
        Dataset dataset = datasets.publicDataset(name).orElseThrow(() -> new ApiError(404, PortalErrors.DUTCH,
                "Er is geen openbare dataset met de naam ‘" + name + "’.", List.of()));
        Organisation organisation = dataset.organisationId() == null ? null
                : organisations.byId(dataset.organisationId()).map(Organisations.Versioned::organisation).orElse(null);
        Pages.render(ctx, 200, "dataset.jte", new DatasetModel(dataset, organisation));
    }
}
