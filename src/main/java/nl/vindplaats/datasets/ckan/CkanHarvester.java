package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.Caller;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Harvested;
import nl.vindplaats.datasets.HarvestedDatasets;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.harvest.HarvestHttp;
import nl.vindplaats.harvest.HarvestJob;
import nl.vindplaats.harvest.HarvestSource;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.store.StoredRecord;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ckan} source type: another CKAN's Action API, read as ckanext-harvest's CKAN harvester reads it —
 * {@code package_search} with {@code rows}, {@code start} and {@code sort=id asc}, paging until an empty page;
 * incremental on {@code metadata_modified} since the start of the last run without errors, less an hour for clock
 * skew; a page identical to the one before stops the run ("paging doesn't seem to work"). A dataset keeps its id and
 * name from the source; it is updated only when the source's {@code metadata_modified} differs from ours.
 *
 * <p>Unlike ckanext-harvest's CKAN harvester, which never notices deletions, a full run withdraws (CKAN: deletes) the
 * datasets of this source that the listing no longer holds — as ckanext-dcat's RDF harvester and DonlSync do.
 */
public final class CkanHarvester implements Harvester {
    public static final String TYPE = "ckan";
    static final int DEFAULT_ROWS = 100;
    /** ckanext-harvest's margin for clock skew between the two sites. */
    static final Duration MARGIN = Duration.ofHours(1);
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/json");
    /** Fields of a remote dict that are the remote site's own business, not the dataset's. */
    private static final List<String> REMOTE_ONLY = List.of("organization", "groups", "num_resources", "num_tags",
            "relationships_as_subject", "relationships_as_object", "creator_user_id", "metadata_created", "private",
            "state", "isopen", "license_title", "license_url", "tracking_summary");

    private final HarvestedDatasets writes;
    private final Datasets datasets;
    private final PackageSchema schema;
    private final Organisations organisations;
    private final Clock clock;
    private final Caller harvester;

    CkanHarvester(HarvestedDatasets writes) {
        this.writes = writes;
        this.datasets = writes.datasets;
        this.schema = writes.schema;
        this.organisations = writes.organisations;
        this.clock = writes.clock;
        this.harvester = writes.harvester;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> optionProblems(ObjectNode options) {
        List<String> problems = new ArrayList<>();
        JsonNode rows = options.get("rows");
        if (rows != null && (!rows.canConvertToInt() || rows.asInt() < 1 || rows.asInt() > 1000)) {
            problems.add("rows: a whole number from 1 to 1000");
        }
        JsonNode forceAll = options.get("force_all");
        if (forceAll != null && !forceAll.isBoolean()) {
            problems.add("force_all: true or false");
        }
        for (String filter : List.of("organizations_filter_include", "organizations_filter_exclude")) {
            JsonNode names = options.get(filter);
            if (names != null && (!names.isArray() || !allText(names))) {
                problems.add(filter + ": a list of organisation names");
            }
        }
        return problems;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void harvest(HarvestJob job) throws HarvestJob.GatherError {
        HarvestSource source = job.source();
        int rows = source.options().path("rows").asInt(DEFAULT_ROWS);
        List<String> fq = new ArrayList<>(organisationFilter(source.options()));
        boolean incremental = !job.full() && job.lastSuccessfulStart() != null
                && !source.options().path("force_all").asBoolean(false);
        if (incremental) {
            Instant since = job.lastSuccessfulStart().minus(MARGIN).truncatedTo(ChronoUnit.SECONDS);
            fq.add("metadata_modified:[" + since + " TO *]");
        }
        Set<String> seen = new HashSet<>();
        List<String> previousPage = null;
        for (int start = 0; ; start += rows) {
            if (job.stopping()) {
                return;
            }
            JsonNode result = page(job, source, fq, rows, start);
            if (start == 0) {
                job.total(result.path("count").asLong());
            }
            JsonNode results = result.path("results");
            if (!results.isArray() || results.isEmpty()) {
                break;
            }
            List<String> ids = new ArrayList<>();
            results.forEach(d -> ids.add(d.path("id").asText()));
            if (ids.equals(previousPage)) {
                throw new HarvestJob.GatherError("The same page came twice at start=" + start
                        + ": paging doesn't seem to work on this source.");
            }
            previousPage = ids;
            List<ObjectNode> fresh = new ArrayList<>();
            for (JsonNode dict : results) {
                String id = dict.path("id").asText("");
                if (!id.isBlank() && seen.add(id) && !"harvest".equals(dict.path("type").asText())
                        && dict instanceof ObjectNode object) {
                    fresh.add(object); // not seen on an earlier page (edited while we paged), nor a harvest source
                }
            }
            job.importEach(fresh, dict -> importOne(job, source, dict));
            if (job.stopping()) {
                return;
            }
        }
        if (job.full()) {
            writes.withdrawUnseen(job, source, seen, StoredRecord::id);
        }
    }

    private static List<String> organisationFilter(ObjectNode options) {
        List<String> fq = new ArrayList<>();
        List<String> include = new ArrayList<>();
        options.path("organizations_filter_include").forEach(n -> include.add("organization:" + n.asText()));
        if (!include.isEmpty()) {
            fq.add("(" + String.join(" OR ", include) + ")");
        }
        options.path("organizations_filter_exclude").forEach(n -> fq.add("-organization:" + n.asText()));
        return fq;
    }

    private static JsonNode page(HarvestJob job, HarvestSource source, List<String> fq, int rows, int start)
            throws HarvestJob.GatherError {
        Map<String, String> query = new LinkedHashMap<>();
        if (!fq.isEmpty()) {
            query.put("fq", String.join(" ", fq));
        }
        query.put("rows", Integer.toString(rows));
        query.put("start", Integer.toString(start));
        query.put("sort", "id asc");
        StringBuilder url = new StringBuilder(source.baseUrl()).append("/api/3/action/package_search");
        char separator = '?';
        for (Map.Entry<String, String> p : query.entrySet()) {
            url.append(separator).append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        HarvestHttp.Body body = job.listing("package_search at start=" + start, url.toString(), ACCEPT);
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(body.bytes());
        } catch (java.io.IOException e) {
            throw new HarvestJob.GatherError("package_search at start=" + start + " did not answer JSON");
        }
        if (answer == null || !answer.path("success").asBoolean(false) || !answer.path("result").isObject()) {
            throw new HarvestJob.GatherError("package_search at start=" + start + " did not succeed: "
                    + (answer == null ? "empty answer" : answer.path("error").toString()));
        }
        return answer.get("result");
    }

    private void importOne(HarvestJob job, HarvestSource source, ObjectNode remote) {
        String id = remote.path("id").asText();
        try {
            Optional<StoredRecord> current = datasets.find(id).filter(r -> r.id().equals(id));
            if (current.isPresent() && !source.id().equals(Harvested.sourceOf(current.get()))) {
                job.failed(id, "A dataset with this id exists here and is not harvested from this source.");
                return;
            }
            String remoteModified = remote.path("metadata_modified").asText(null);
            if (current.isPresent() && Datasets.ACTIVE.equals(current.get().state()) && remoteModified != null
                    && remoteModified.equals(current.get().body().path("metadata_modified").asText(null))) {
                job.unchanged(id);
                return;
            }
            ObjectNode data = remote.deepCopy();
            REMOTE_ONLY.forEach(data::remove);
            data.put("state", Datasets.ACTIVE);
            data.put("owner_org", owner(job, source, remote));
            data.set("extras", Harvested.extras(remote.path("extras"), source, id,
                    source.baseUrl() + "/dataset/" + remote.path("name").asText(id)));
            for (JsonNode resource : data.path("resources")) {
                // the file stays where it is: here it is a link, not an upload of ours
                ((ObjectNode) resource).remove(List.of("url_type", "package_id", "position", "state", "created",
                        "metadata_modified", "datastore_active"));
            }
            ObjectNode body = schema.validate(data, current.orElse(null), harvester, clock.instant());
            String name = body.path("name").asText();
            datasets.find(name).filter(r -> Datasets.DELETED.equals(r.state()) && !r.id().equals(id))
                    .ifPresent(datasets::releaseName);
            if (current.isEmpty()) {
                datasets.create(body, "harvest");
                job.created(id);
            } else {
                datasets.update(current.get(), body, "harvest");
                job.updated(id);
            }
        } catch (ApiError e) {
            job.failed(id, HarvestedDatasets.reason(e));
        } catch (RuntimeException e) {
            job.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The organisation a dataset goes to: the source's, unless the source is trusted to name one and the dataset's
     * organisation (by name, as both sites slug TOOI organisations alike, or by its URI) exists here.
     */
    private String owner(HarvestJob job, HarvestSource source, JsonNode remote) {
        if (source.trustedToNameOrganisation()) {
            for (String candidate : new String[] {remote.path("organization").path("name").asText(null),
                    remote.path("owner_org").asText(null), remote.path("publisher").asText(null)}) {
                if (candidate != null && !candidate.isBlank()) {
                    Optional<Organisations.Versioned> found = organisations.find(candidate);
                    if (found.isPresent()) {
                        return found.get().organisation().id();
                    }
                }
            }
        }
        return job.organisation();
    }
}
