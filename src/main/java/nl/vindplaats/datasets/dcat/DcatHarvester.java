package nl.vindplaats.datasets.dcat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Ids;
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
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code dcat} source type: a DCAT-AP catalogue in Turtle, RDF/XML or JSON-LD, read as ckanext-dcat's RDF
 * harvester reads it — the source URL, then each hydra next page (a page equal to the page before, or a next link
 * back to a page already read, ends the paging); the guid of a dataset is its URI, else its {@code dct:identifier};
 * a full run withdraws (CKAN: deletes) the datasets of this source whose guid the catalogue no longer lists.
 *
 * <p>A dataset's id here is derived from the source and the guid, so a later run finds it without a lookup. Unlike
 * ckanext-dcat, which updates every known dataset on every run, a dataset whose mapped dict is the same as at the
 * last run is left alone (DonlSync's checksum, kept as the extra {@code harvest_checksum}).
 */
public final class DcatHarvester implements Harvester {
    public static final String TYPE = "dcat";
    static final String CHECKSUM = "harvest_checksum";
    /** Far more pages than any catalogue has (data.overheid.nl: ~200 of 100): a bound on a source that never ends. */
    static final int MAX_PAGES = 10_000;
    private static final Map<String, String> ACCEPT = Map.of("Accept",
            "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, */*;q=0.1");

    private final HarvestedDatasets writes;
    private final Datasets datasets;
    private final PackageSchema schema;
    private final Organisations organisations;
    private final Clock clock;
    private final Caller harvester;

    public DcatHarvester(HarvestedDatasets writes) {
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
        JsonNode format = options.get("rdf_format");
        if (format != null && (!format.isTextual() || DcatPage.language(format.asText(), null, "x") == null
                || !List.of(Lang.TURTLE, Lang.RDFXML, Lang.JSONLD, Lang.JSONLD11, Lang.NTRIPLES)
                .contains(DcatPage.language(format.asText(), null, "x")))) {
            return List.of("rdf_format: turtle, rdf/xml, json-ld or n-triples (or their media types)");
        }
        return List.of();
    }

    @Override
    public void harvest(HarvestJob job) throws HarvestJob.GatherError {
        HarvestSource source = job.source();
        String format = source.options().path("rdf_format").asText(null);
        Set<String> visited = new HashSet<>();
        Set<String> seen = new HashSet<>();
        String previousHash = null;
        boolean complete = true;
        long total = 0;
        String url = source.url();
        for (int page = 1; url != null; page++) {
            if (job.stopping()) {
                return;
            }
            if (page > MAX_PAGES) {
                throw new HarvestJob.GatherError("More than " + MAX_PAGES + " pages: paging does not seem to end.");
            }
            visited.add(url);
            HarvestHttp.Body body = fetch(job, url);
            String hash = Ids.sha256Hex(new String(body.bytes(), StandardCharsets.ISO_8859_1));
            if (hash.equals(previousHash)) {
                complete = false;
                job.failed(url, "This page is the same as the page before: paging stopped here, and nothing is "
                        + "withdrawn at this run.");
                break;
            }
            previousHash = hash;
            Model model;
            try {
                model = DcatPage.parse(body.bytes(), DcatPage.language(format, body.mediaType(), url),
                        body.uri().toString());
            } catch (DcatPage.Unreadable e) {
                throw new HarvestJob.GatherError("Page " + page + " (" + url + "): " + e.getMessage());
            }
            List<DcatMapping.Mapped> found = DcatMapping.datasets(model);
            total += found.size();
            job.total(total);
            for (DcatMapping.Mapped mapped : found) {
                if (job.stopping()) {
                    return;
                }
                if (mapped.guid() == null) {
                    job.failed(mapped.data().path("title").asText("(a dataset without a title)"),
                            "The dataset has neither a URI nor a dct:identifier to know it by.");
                } else if (seen.add(mapped.guid())) {
                    importOne(job, source, mapped);
                }
            }
            String next = DcatPage.next(model);
            url = next == null ? null : body.uri().resolve(next.strip()).toString();
            if (url != null && visited.contains(url)) {
                complete = false;
                job.failed(url, "The next page links back to a page already read: paging stopped here, and nothing "
                        + "is withdrawn at this run.");
                url = null;
            }
        }
        if (job.full() && complete) {
            Set<String> seenIds = new HashSet<>();
            seen.forEach(guid -> seenIds.add(idOf(source, guid)));
            writes.withdrawUnseen(job, source, seenIds, r -> Optional.ofNullable(
                    Harvested.extra(r.body(), Harvested.GUID)).orElse(r.id()));
        }
    }

    private static HarvestHttp.Body fetch(HarvestJob job, String url) throws HarvestJob.GatherError {
        return job.listing("The catalogue page " + url, url, ACCEPT);
    }

    /** The id of a dataset of this source with this guid: the same on every run. */
    static String idOf(HarvestSource source, String guid) {
        return UUID.nameUUIDFromBytes(("dcat " + source.id() + " " + guid).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void importOne(HarvestJob job, HarvestSource source, DcatMapping.Mapped mapped) {
        String guid = mapped.guid();
        String id = idOf(source, guid);
        try {
            Optional<StoredRecord> current = datasets.find(id).filter(r -> r.id().equals(id));
            if (current.isPresent() && !source.id().equals(Harvested.sourceOf(current.get()))) {
                job.failed(guid, "A dataset with this id exists here and is not harvested from this source.");
                return;
            }
            ObjectNode data = mapped.data().deepCopy();
            Optional<Organisations.Versioned> publisher = Optional.ofNullable(mapped.publisher())
                    .flatMap(organisations::find);
            publisher.ifPresent(p -> data.put("publisher", p.organisation().id()));
            data.put("owner_org", source.trustedToNameOrganisation() && publisher.isPresent()
                    ? publisher.get().organisation().id() : job.organisation());
            String checksum = Ids.sha256Hex(data.toString());
            if (current.isPresent() && Datasets.ACTIVE.equals(current.get().state())
                    && checksum.equals(Harvested.extra(current.get().body(), CHECKSUM))) {
                job.unchanged(guid);
                return;
            }
            data.put("id", id);
            data.put("state", Datasets.ACTIVE);
            data.put("name", current.map(c -> c.body().path("name").asText()).orElseGet(() -> newName(data, id)));
            ArrayNode resources = (ArrayNode) data.path("resources");
            for (int i = 0; i < resources.size(); i++) {
                ObjectNode r = (ObjectNode) resources.get(i);
                String key = r.hasNonNull("uri") ? r.get("uri").asText() : i + " " + r.path("url").asText();
                r.put("id", UUID.nameUUIDFromBytes((id + " " + key).getBytes(StandardCharsets.UTF_8)).toString());
            }
            ArrayNode given = Json.MAPPER.createArrayNode();
            given.addObject().put("key", CHECKSUM).put("value", checksum);
            // A dataset without a URI of its own (a blank node) is shown with the catalogue it came from.
            data.set("extras", Harvested.extras(given, source, guid,
                    mapped.original() != null ? mapped.original() : source.url()));
            ObjectNode body = schema.validate(data, current.orElse(null), harvester, clock.instant());
            if (current.isEmpty()) {
                datasets.create(body, "harvest");
                job.created(guid);
            } else {
                datasets.update(current.get(), body, "harvest");
                job.updated(guid);
            }
        } catch (ApiError e) {
            job.failed(guid, HarvestedDatasets.reason(e));
        } catch (RuntimeException e) {
            job.failed(guid, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A name for a new dataset: its title as CKAN munges a title into a name (as ckanext-dcat names harvested
     * datasets), made unique with the start of its id when another dataset holds it.
     */
    private String newName(ObjectNode data, String id) {
        String base = mungeTitle(data.path("title").asText(""));
        if (base.length() < 2) {
            base = "dataset";
        }
        Optional<StoredRecord> holder = datasets.find(base).filter(r -> !r.id().equals(id));
        if (holder.isEmpty()) {
            return base;
        }
        if (Datasets.DELETED.equals(holder.get().state())) {
            datasets.releaseName(holder.get());
            return base;
        }
        String suffix = "-" + id.substring(0, 8);
        return base.substring(0, Math.min(base.length(), 100 - suffix.length())) + suffix;
    }

    /** CKAN's munge_title_to_name: ASCII, lower case, letters and digits joined by single dashes, at most 100. */
    static String mungeTitle(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String name = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
        return name.length() > 100 ? name.substring(0, 100).replaceAll("-+$", "") : name;
    }

}
