package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.harvest.HarvestHttp;
import nl.vindplaats.harvest.HarvestJob;
import nl.vindplaats.harvest.HarvestSource;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.http.ApiError;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code register} source type: another API register's {@code /api-register/v1/apis}, paged with {@code page}
 * and {@code perPage}, into API entries through the register's own create and update path — so each entry's
 * specification is fetched (its production {@code specificationUrl}, else the source's stored copy) and linted as a
 * registration's is. An entry keeps its id; the source and a checksum of what the source said are kept in the
 * entry's {@code extra}, so that an entry the source did not change is not fetched or written again.
 */
public final class RegisterHarvester implements Harvester {
    public static final String TYPE = "register";
    static final int PER_PAGE = 100;
    /** The marks of a harvested entry, in its {@code extra}. */
    static final String SOURCE_ID = "harvestSourceId";
    static final String SOURCE_URL = "harvestSourceUrl";
    static final String ORIGINAL = "harvestUrl";
    static final String CHECKSUM = "harvestChecksum";
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/json");

    private final Register register;
    private final ApiEntries entries;
    private final Organisations organisations;

    public RegisterHarvester(Register register, ApiEntries entries, Organisations organisations) {
        this.register = register;
        this.entries = entries;
        this.organisations = organisations;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void harvest(HarvestJob job) throws HarvestJob.GatherError {
        HarvestSource source = job.source();
        Set<String> seen = new HashSet<>();
        String previousPage = null;
        for (int page = 1; ; page++) {
            if (job.stopping()) {
                return;
            }
            String url = source.baseUrl() + "/api-register/v1/apis?page=" + page + "&perPage=" + PER_PAGE;
            JsonNode items = page(job, url);
            if (items.isEmpty()) {
                break;
            }
            if (items.toString().equals(previousPage)) {
                throw new HarvestJob.GatherError("The same page came twice at page=" + page
                        + ": paging doesn't seem to work on this source.");
            }
            previousPage = items.toString();
            for (JsonNode item : items) {
                if (job.stopping()) {
                    return;
                }
                String id = item.path("id").asText("");
                if (!id.isBlank() && seen.add(id)) {
                    importOne(job, source, item);
                }
            }
            if (items.size() < PER_PAGE) {
                break;
            }
        }
        job.total(seen.size());
    }

    private static JsonNode page(HarvestJob job, String url) throws HarvestJob.GatherError {
        HarvestHttp.Body body = job.listing(url, url, ACCEPT);
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(body.bytes());
        } catch (IOException e) {
            throw new HarvestJob.GatherError(url + " did not answer JSON");
        }
        if (answer == null || !answer.isArray()) {
            throw new HarvestJob.GatherError(url + " did not answer a list of APIs");
        }
        return answer;
    }

    private void importOne(HarvestJob job, HarvestSource source, JsonNode item) {
        String id = item.path("id").asText();
        try {
            Optional<ApiEntries.Versioned> current = entries.get(id);
            if (current.isPresent() && !source.id().equals(markOf(current.get().entry(), SOURCE_ID))) {
                job.failed(id, "An API with this id exists here and is not harvested from this source.");
                return;
            }
            String organisation = owner(job, source, item);
            JsonNode production = production(item);
            String oasUrl = production.path("specificationUrl").asText(null);
            if (oasUrl == null && item.at("/_links/oas/href").isTextual()) {
                // registered with the document itself: the source's stored copy is where it lives now
                oasUrl = URI.create(source.baseUrl() + "/").resolve(item.at("/_links/oas/href").asText()).toString();
            }
            if (oasUrl == null) {
                job.failed(id, "The source names no specification for this API.");
                return;
            }
            JsonNode contact = item.path("contact");
            ApiEntry.Contact c = contact.isObject() ? new ApiEntry.Contact(text(contact, "name"),
                    text(contact, "email"), text(contact, "phone"), text(contact, "url")) : null;
            Register.Registration registration = new Register.Registration(current.isPresent() ? null : id, oasUrl,
                    null, organisation, c, text(item, "apiType"), text(item, "authentication"),
                    text(item, "description"), text(production, "documentationUrl"), text(production, "apiUrl"), null);
            ObjectNode said = item.deepCopy();
            said.remove(java.util.List.of("version", "created", "modified", "availability", "_links", "specification",
                    "adrScore", "lifecycle"));
            said.put("owner", organisation);
            String checksum = Ids.sha256Hex(said.toString() + "|" + item.path("specification").path("sha256").asText());
            if (current.isPresent() && checksum.equals(markOf(current.get().entry(), CHECKSUM))) {
                job.unchanged(id);
                return;
            }
            ApiEntries.Versioned written = current.isPresent()
                    ? register.update(current.get(), registration, current.get().version())
                    : register.create(registration, organisation);
            ObjectNode extra = written.entry().extra() == null ? Json.object() : (ObjectNode) Json.read(written.entry().extra());
            extra.put(SOURCE_ID, source.id()).put(SOURCE_URL, source.url())
                    .put(ORIGINAL, source.baseUrl() + "/api-register/v1/apis/" + id).put(CHECKSUM, checksum);
            entries.update(written.entry().withExtra(Json.write(extra)), written.version(), "harvest");
            if (current.isPresent()) {
                job.updated(id);
            } else {
                job.created(id);
            }
        } catch (ApiError e) {
            job.failed(id, e.invalidParams().isEmpty() ? String.valueOf(e.getMessage())
                    : e.invalidParams().stream().map(p -> p.name() + ": " + p.reason()).toList().toString());
        } catch (RuntimeException e) {
            job.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static JsonNode production(JsonNode item) {
        for (JsonNode env : item.path("environments")) {
            if ("production".equals(env.path("name").asText())) {
                return env;
            }
        }
        return Json.object();
    }

    /** The source's organisation, unless the source is trusted to name one and this platform has it. */
    private String owner(HarvestJob job, HarvestSource source, JsonNode item) {
        String named = item.path("organisation").path("uri").asText(null);
        if (source.trustedToNameOrganisation() && named != null) {
            Optional<Organisations.Versioned> found = organisations.find(named);
            if (found.isPresent()) {
                return found.get().organisation().id();
            }
        }
        return job.organisation();
    }

    static String markOf(ApiEntry entry, String key) {
        return entry.extra() == null ? null : Json.read(entry.extra()).path(key).asText(null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
