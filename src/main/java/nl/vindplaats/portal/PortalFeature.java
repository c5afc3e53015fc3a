package nl.vindplaats.portal;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.api.PlatformApi;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.Operation;
import nl.vindplaats.register.Probes;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueLists;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** The portal as a part of the service: the HTML pages over every kind of record, their feeds and sitemaps. */
public final class PortalFeature implements Feature {
    /** The order {@code /docs} lists the served APIs in; one not named here comes after these. */
    private static final List<String> DOCS_ORDER = List.of("ckan", "open-data", "plooi", "api-register", "platform",
            "waardelijsten");

    private final Portal portal;

    /**
     * @param served     the APIs the other features serve, for {@code /docs}
     * @param houseStyle the instance's house style ({@link Portal#readHouseStyle}), or null
     * @see Portal#Portal
     */
    public PortalFeature(RecordStore store, SearchIndex index, Organisations organisations, ValueLists lists,
                         Clock clock, DatasetPages.DcatForms dcatForms, Supplier<String> baseUrl, int sitemapSize,
                         Probes probes, List<OwnApi> served, byte[] houseStyle) {
        this.portal = new Portal(store, index, organisations, lists, clock, dcatForms, baseUrl, sitemapSize, probes,
                served.stream().sorted(Comparator.comparingInt(PortalFeature::docsPosition))
                        .map(a -> new Portal.ServedApi(a.docsName(), a.basePath() + "/openapi.json", a.document()))
                        .toList(),
                houseStyle);
    }

    private static int docsPosition(OwnApi api) {
        int position = DOCS_ORDER.indexOf(api.docsName());
        return position < 0 ? DOCS_ORDER.size() : position;
    }

    @Override
    public List<Operation> operations() {
        return portal.operations();
    }

    /** Its pages' surfaces, and "/": every path no API claims is answered as the portal answers it. */
    @Override
    public List<ApiSurface> surfaces() {
        List<ApiSurface> all = new java.util.ArrayList<>(Portal.surfaces(ErrorFormat.PROBLEM_JSON));
        all.add(new ApiSurface("/", PlatformApi.VERSION, PortalErrors.homeOr(ErrorFormat.PROBLEM_JSON)));
        return all;
    }
}
