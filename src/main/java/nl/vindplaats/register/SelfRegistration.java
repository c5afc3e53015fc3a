package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.store.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The instance lists its own APIs in its own register, owned by the instance's organisation, each
 * with the OpenAPI document it serves read from the classpath (never fetched over HTTP). Idempotent:
 * an entry is written only when its document, address or owner changed. These entries are kept up to
 * date here, at every start, so the scheduled refetch and the probes leave them alone: the service
 * would otherwise fetch and probe itself, which the address rules refuse on a local address.
 */
public final class SelfRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(SelfRegistration.class);

    /**
     * One of our APIs: its fixed entry id, base path (its documents are served at
     * {@code basePath + "/openapi.json"}), description and the document's bytes.
     */
    public record OwnApi(String id, String basePath, String description, byte[] document) {
    }

    /** Who owns the instance's own entries: an organisation with this URI and (when new) this name. */
    public record Owner(String uri, String name) {
    }

    public record Report(int created, int updated, int unchanged, List<String> skipped) {
    }

    private final ApiEntries entries;
    private final Organisations organisations;
    private final Specifications specifications;
    private final Owner owner;
    private final List<String> ownIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SelfRegistration(ApiEntries entries, Organisations organisations, Specifications specifications, Owner owner) {
        this.entries = entries;
        this.organisations = organisations;
        this.specifications = specifications;
        this.owner = owner;
    }

    /** True for an entry this instance registered for itself (its id, owned by the instance's organisation). */
    public boolean isOwn(ApiEntry entry) {
        return ownIds.contains(entry.id()) && entry.organisation() != null
                && owner.uri().equals(entry.organisation().uri());
    }

    /** Registers or brings up to date every API in {@code apis}, served under {@code baseUrl}. */
    public Report run(String baseUrl, List<OwnApi> apis) {
        Organisation organisation = ensureOwner();
        ApiEntry.OrganisationRef ref = new ApiEntry.OrganisationRef(organisation.id(), null, organisation.name());
        List<ApiEntry> fresh = new ArrayList<>();
        int updated = 0;
        int unchanged = 0;
        List<String> skipped = new ArrayList<>();
        String base = baseUrl.replaceAll("/+$", "");
        for (OwnApi api : apis) {
            ownIds.add(api.id());
            String apiUrl = base + api.basePath();
            String specUrl = apiUrl + "/openapi.json";
            Optional<ApiEntries.Versioned> existing = entries.get(api.id());
            if (existing.isPresent() && !isOwn(existing.get().entry())) {
                // Someone else's entry already has this id: never take it over.
                ownIds.remove(api.id());
                skipped.add(api.id());
                LOG.warn("Not registering our own API {}: the id belongs to {}", api.id(),
                        existing.get().entry().organisation());
                continue;
            }
            if (existing.isPresent() && upToDate(existing.get().entry(), api, apiUrl, specUrl, ref)) {
                unchanged++;
                continue;
            }
            ApiEntry.Specification previous = existing.map(v -> v.entry().specification()).orElse(null);
            ApiEntry.Specification spec = specifications.read(specUrl, api.document(), "application/json", previous);
            if (!ApiEntry.Specification.VALID.equals(spec.status())) {
                throw new IllegalStateException("our own OpenAPI document of " + api.id() + " is " + spec.status()
                        + ": " + spec.reason());
            }
            ApiEntry entry = entry(api, existing.map(ApiEntries.Versioned::entry).orElse(null), spec, apiUrl, specUrl, ref);
            if (existing.isEmpty()) {
                fresh.add(entry);
                continue;
            }
            try {
                entries.update(entry, existing.get().version(), "self-registration: document, address or owner changed");
                updated++;
            } catch (VersionConflictException e) {
                // Another node of the same store brought it up to date at the same moment; its write stands.
                LOG.info("Our own API {} was updated by another node meanwhile", api.id());
                unchanged++;
            }
        }
        int created = 0;
        try {
            // New entries in one write: one commit and one index refresh at a first start.
            created = entries.createAll(fresh, "self-registration").size();
        } catch (VersionConflictException e) {
            LOG.info("Our own APIs were registered by another node meanwhile: {}", e.getMessage());
            unchanged += fresh.size();
        }
        return new Report(created, updated, unchanged, List.copyOf(skipped));
    }

    private Organisation ensureOwner() {
        Optional<Organisations.Versioned> found = organisations.byId(owner.uri());
        if (found.isPresent()) {
            return found.get().organisation();
        }
        String slug = Register.slug(owner.name());
        for (int n = 2; organisations.bySlug(slug).isPresent(); n++) {
            slug = Register.slug(owner.name()) + "-" + n;
        }
        Organisation organisation = new Organisation(owner.uri(), owner.name(), slug);
        try {
            organisations.create(organisation, "self-registration: the instance's own organisation");
        } catch (VersionConflictException e) {
            // created by another node meanwhile
            return organisations.byId(owner.uri()).orElseThrow(() -> e).organisation();
        }
        return organisation;
    }

    /** Nothing to write: the same document (by hash), address and owner as stored. */
    private static boolean upToDate(ApiEntry e, OwnApi api, String apiUrl, String specUrl, ApiEntry.OrganisationRef ref) {
        ApiEntry.Specification spec = e.specification();
        ApiEntry.Environment production = e.production();
        return spec != null && ApiEntry.Specification.VALID.equals(spec.status())
                && sha256(api.document()).equals(spec.sha256()) && specUrl.equals(spec.url())
                && production != null && apiUrl.equals(production.apiUrl())
                && specUrl.equals(production.specificationUrl())
                && Objects.equals(ref, e.organisation()) && Objects.equals(api.description(), e.description());
    }

    /**
     * The entry as registered: name, description, address, owner and document from the instance; what
     * was set on the entry since (lifecycle, documentation URL, other environments) is kept.
     */
    private static ApiEntry entry(OwnApi api, ApiEntry previous, ApiEntry.Specification spec, String apiUrl,
                                  String specUrl, ApiEntry.OrganisationRef ref) {
        List<ApiEntry.Environment> environments = new ArrayList<>();
        String docsUrl = previous == null || previous.production() == null ? null : previous.production().documentationUrl();
        environments.add(new ApiEntry.Environment("production", apiUrl, specUrl, docsUrl));
        if (previous != null && previous.environments() != null) {
            previous.environments().stream().filter(env -> !"production".equals(env.name())).forEach(environments::add);
        }
        String auth = spec.securitySchemes() == null || spec.securitySchemes().isEmpty() ? "none"
                : spec.securitySchemes().stream().filter(s -> !s.equals("unknown")).findFirst().orElse("unknown");
        return new ApiEntry(api.id(), spec.title(), api.description(), ref, "rest_json", auth, environments,
                contact(api.document()),
                previous == null ? null : previous.termsOfUse(), previous == null ? null : previous.forum(),
                false, previous == null ? null : previous.relations(), previous == null ? null : previous.tags(),
                previous == null ? null : previous.lifecycle(), spec, previous == null ? null : previous.extra(),
                previous == null ? null : previous.availability());
    }

    /** The document's info.contact, if it has one. */
    private static ApiEntry.Contact contact(byte[] document) {
        try {
            JsonNode contact = Specifications.parse(document).path("info").path("contact");
            if (!contact.isObject()) {
                return null;
            }
            return new ApiEntry.Contact(contact.path("name").asText(null), contact.path("email").asText(null), null,
                    contact.path("url").asText(null));
        } catch (IOException e) {
            return null;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
