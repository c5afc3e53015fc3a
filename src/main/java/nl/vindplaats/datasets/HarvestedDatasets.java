package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.harvest.HarvestJob;
import nl.vindplaats.harvest.HarvestSource;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.StoredRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the dataset harvesters ({@link CkanHarvester}, {@link nl.vindplaats.datasets.dcat.DcatHarvester}) share: the
 * store and schema they write through, as the site itself (a harvest keeps the source's ids and modification times,
 * as a sysadmin may), and the withdrawal of what a source no longer lists.
 */
public final class HarvestedDatasets {
    public final Datasets datasets;
    public final PackageSchema schema;
    public final Organisations organisations;
    final SearchIndex index;
    public final Clock clock;
    public final Caller harvester;

    HarvestedDatasets(Datasets datasets, PackageSchema schema, Organisations organisations, SearchIndex index,
                      Clock clock) {
        this.datasets = datasets;
        this.schema = schema;
        this.organisations = organisations;
        this.index = index;
        this.clock = clock;
        this.harvester = new Caller(new ApiToken("harvest", "harvest", Resource.PLATFORM, Level.ADMIN, null,
                clock.instant(), null, null, null));
    }

    /**
     * Withdraws (CKAN: deletes) the active datasets of this source whose ids are not in {@code seen}; each is
     * reported to the job under the name {@code label} gives it (the source's own identifier).
     */
    public void withdrawUnseen(HarvestJob job, HarvestSource source, Set<String> seen,
                               Function<StoredRecord, String> label) {
        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND)
                .filter(Datasets.f("extras_" + Harvested.SOURCE_ID), source.id())
                .filter(Datasets.f("state"), Datasets.ACTIVE);
        long total = index.search(query.page(0, 0).build()).total();
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < total; from += 1000) {
            index.search(query.page(from, 1000).build()).ids().stream().filter(i -> !seen.contains(i)).forEach(gone::add);
        }
        for (String id : gone) {
            Optional<StoredRecord> current = datasets.find(id).filter(r -> r.id().equals(id));
            if (current.isEmpty() || !Datasets.ACTIVE.equals(current.get().state())) {
                continue;
            }
            String name = label.apply(current.get());
            ObjectNode body = current.get().body().deepCopy();
            body.put("state", Datasets.DELETED);
            body.put("metadata_modified", Datasets.now(clock.instant()));
            try {
                datasets.update(current.get(), body, "harvest: gone from the source");
                job.withdrawn(name);
            } catch (RuntimeException e) {
                job.failed(name, "could not withdraw: " + e.getMessage());
            }
        }
    }

    /** A refusal of the schema in words: CKAN's field errors, or the message. */
    public static String reason(ApiError e) {
        if (!e.invalidParams().isEmpty()) {
            return e.invalidParams().stream().map(p -> p.name() + ": " + p.reason()).toList().toString();
        }
        String detail = e.getMessage() == null ? e.title() : e.getMessage();
        return detail.startsWith("nested:") ? detail.substring("nested:".length()) : detail;
    }
}
