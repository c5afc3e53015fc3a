package nl.vindplaats.register;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.store.RecurringWork;
import nl.vindplaats.store.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the register does with entries beyond storing them: registering an API from its OpenAPI
 * document, updating and refreshing it, and fetching every specification again on a schedule.
 */
public final class Register implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Register.class);

    /** A registration or update as sent to POST/PUT /apis; on update every field is optional. */
    public record Registration(String id, String oasUrl, byte[] oasBody, String organisationUri,
                               ApiEntry.Contact contact, String apiType, String auth, String description,
                               String docsUrl, String apiUrl, String lifecycle) {
    }

    private final ApiEntries entries;
    private final Organisations organisations;
    private final Specifications specifications;
    private final RegisterSettings settings;
    /** Entries kept up to date otherwise (the instance's own, see {@link SelfRegistration}): not refetched. */
    private final java.util.function.Predicate<ApiEntry> notRefetched;
    private ScheduledExecutorService scheduler;
    private volatile boolean closing;

    public Register(ApiEntries entries, Organisations organisations, Specifications specifications,
                    RegisterSettings settings, java.util.function.Predicate<ApiEntry> notRefetched) {
        this.entries = entries;
        this.notRefetched = notRefetched;
        this.organisations = organisations;
        this.specifications = specifications;
        this.settings = settings;
    }

    public ApiEntries.Versioned create(Registration r, String organisationUri) {
        ApiEntry.Specification spec = readSent(r, null);
        String label = organisations.byId(organisationUri).map(o -> o.organisation().name()).orElse(organisationUri);
        String id = r.id() != null ? r.id() : freeId(spec.title());
        String apiUrl = r.apiUrl() != null ? r.apiUrl() : apiUrlFrom(spec, r.oasUrl());
        if (apiUrl == null) {
            throw ApiError.invalid("apiUrl", "required: the document names no absolute server URL");
        }
        ApiEntry entry = new ApiEntry(id, spec.title(), r.description() != null ? r.description() : spec.description(),
                new ApiEntry.OrganisationRef(organisationUri, null, label),
                r.apiType() != null ? r.apiType() : "rest_json",
                r.auth() != null ? r.auth() : authenticationFrom(spec),
                List.of(new ApiEntry.Environment("production", apiUrl, r.oasUrl(), r.docsUrl())),
                r.contact(), null, null, false, null, null, r.lifecycle(), spec, null, null);
        return entries.create(entry, "registered");
    }

    /** Applies the fields sent and fetches the specification again (the one sent, or the one registered). */
    public ApiEntries.Versioned update(ApiEntries.Versioned current, Registration r, long expectedVersion) {
        ApiEntry e = current.entry();
        ApiEntry.Specification previous = e.specification();
        ApiEntry.Specification spec;
        if (r.oasUrl() != null || r.oasBody() != null) {
            spec = readSent(r, previous);
        } else {
            String url = specificationUrl(e);
            spec = url != null ? specifications.fetch(url, previous) : previous;
        }
        List<ApiEntry.Environment> environments = new ArrayList<>();
        boolean hadProduction = false;
        for (ApiEntry.Environment env : e.environments() == null ? List.<ApiEntry.Environment>of() : e.environments()) {
            if (env.name().equals("production")) {
                hadProduction = true;
                env = new ApiEntry.Environment("production", r.apiUrl() != null ? r.apiUrl() : env.apiUrl(),
                        r.oasUrl() != null ? r.oasUrl() : env.specificationUrl(),
                        r.docsUrl() != null ? r.docsUrl() : env.documentationUrl());
            }
            environments.add(env);
        }
        if (!hadProduction) {
            String apiUrl = r.apiUrl() != null ? r.apiUrl() : apiUrlFrom(spec, r.oasUrl());
            if (apiUrl == null) {
                throw ApiError.invalid("apiUrl", "required: the entry has no production environment yet");
            }
            environments.add(new ApiEntry.Environment("production", apiUrl, r.oasUrl(), r.docsUrl()));
        }
        ApiEntry updated = new ApiEntry(e.id(), e.serviceName(),
                r.description() != null ? r.description() : e.description(), e.organisation(),
                r.apiType() != null ? r.apiType() : e.apiType(), r.auth() != null ? r.auth() : e.authentication(),
                environments, r.contact() != null ? r.contact() : e.contact(), e.termsOfUse(), e.forum(),
                e.referenceImplementation(), e.relations(), e.tags(),
                r.lifecycle() != null ? r.lifecycle() : e.lifecycle(), spec, e.extra(), e.availability());
        return entries.update(updated, expectedVersion, "updated");
    }

    /** Fetches the entry's specification again; writes only when something besides the check time changed. */
    public ApiEntries.Versioned refresh(ApiEntries.Versioned current) {
        String url = specificationUrl(current.entry());
        if (url == null) {
            return current;
        }
        ApiEntry.Specification fetched = specifications.fetch(url, current.entry().specification());
        if (sameApartFromCheckTime(fetched, current.entry().specification())) {
            return current;
        }
        return entries.update(current.entry().withSpecification(fetched), current.version(), "specification refreshed");
    }

    /**
     * Starts fetching every registered specification again, every {@code refetchInterval}, once across the nodes
     * sharing the store (the node whose lease it is).
     */
    public void startRefetching(RecurringWork work) {
        Duration every = settings.refetchInterval();
        if (every.isZero() || every.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("spec-refetch").factory());
        long tick = tickOf(every).toMillis();
        scheduler.scheduleWithFixedDelay(() -> quietly(REFETCH_ROUND, () -> work.runIfDue(REFETCH_ROUND, every,
                this::refreshAll)), tick, tick, TimeUnit.MILLISECONDS);
    }

    /** The kind of job (store/Jobs) of a round of specification refetches. */
    static final String REFETCH_ROUND = "spec-refetch";

    /** How often a node asks whether a round is due: at its interval, and at least every 30 s. */
    static Duration tickOf(Duration every) {
        return every.compareTo(Duration.ofSeconds(30)) < 0 ? every : Duration.ofSeconds(30);
    }

    /** A scheduled task that throws is never run again: a failed tick is logged and the next one tries again. */
    static void quietly(String what, Runnable tick) {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: {}", what, e.toString());
        }
    }

    void refreshAll() {
        int offset = 0;
        while (true) {
            ApiEntries.Found page = entries.search(null, Map.of(), List.of(), offset, 100, false);
            for (ApiEntries.Versioned v : page.entries()) {
                if (closing) {
                    return;
                }
                if (notRefetched.test(v.entry())) {
                    continue;
                }
                try {
                    refresh(v);
                } catch (VersionConflictException e) {
                    LOG.info("API {} changed while its specification was fetched; next round", v.entry().id());
                } catch (RuntimeException e) {
                    LOG.warn("refreshing the specification of {} failed: {}", v.entry().id(), e.toString());
                }
            }
            offset += page.entries().size();
            if (page.entries().isEmpty() || offset >= page.total()) {
                return;
            }
        }
    }

    private ApiEntry.Specification readSent(Registration r, ApiEntry.Specification previous) {
        if (r.oasBody() != null && r.oasBody().length > settings.maxSpecBytes()) {
            throw ApiError.invalid("oasBody", "larger than the limit of " + settings.maxSpecBytes() + " bytes");
        }
        ApiEntry.Specification spec = r.oasUrl() != null ? specifications.fetch(r.oasUrl(), previous)
                : specifications.read(null, r.oasBody(), null, previous);
        if (!ApiEntry.Specification.VALID.equals(spec.status())) {
            throw ApiError.invalid(r.oasUrl() != null ? "oasUrl" : "oasBody",
                    "the OpenAPI document is " + spec.status() + ": " + spec.reason());
        }
        return spec;
    }

    static String specificationUrl(ApiEntry e) {
        ApiEntry.Environment production = e.production();
        if (production != null && production.specificationUrl() != null) {
            return production.specificationUrl();
        }
        return e.specification() == null ? null : e.specification().url();
    }

    /** The first server URL, made absolute against where the document came from. */
    private static String apiUrlFrom(ApiEntry.Specification spec, String oasUrl) {
        if (spec.servers() == null) {
            return null;
        }
        for (ApiEntry.Server server : spec.servers()) {
            try {
                URI uri = oasUrl != null ? URI.create(oasUrl).resolve(server.url()) : URI.create(server.url());
                if (uri.isAbsolute() && EntryFields.isHttpUrl(uri.toString())) {
                    return uri.toString();
                }
            } catch (IllegalArgumentException ignored) {
                // a server URL with variables such as {host}: try the next one
            }
        }
        return null;
    }

    private static String authenticationFrom(ApiEntry.Specification spec) {
        if (spec.securitySchemes() == null || spec.securitySchemes().isEmpty()) {
            return "none";
        }
        return spec.securitySchemes().stream().filter(s -> !s.equals("unknown")).findFirst().orElse("unknown");
    }

    private String freeId(String title) {
        String base = slug(title);
        String id = base;
        for (int n = 2; entries.get(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Lower-case ASCII letters and digits with single hyphens, at most 80 characters. */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "api" : slug;
    }

    private static boolean sameApartFromCheckTime(ApiEntry.Specification a, ApiEntry.Specification b) {
        if (a == null || b == null) {
            return a == b;
        }
        return StoredApiEntry.body(withoutCheckTime(a)).equals(StoredApiEntry.body(withoutCheckTime(b)));
    }

    private static ApiEntry withoutCheckTime(ApiEntry.Specification s) {
        return new ApiEntry(null, null, null, null, null, null, null, null, null, null, false, null, null, null,
                new ApiEntry.Specification(s.url(), s.status(), s.reason(), null, s.sha256(), s.oasVersion(), s.title(),
                        s.description(), s.version(), s.servers(), s.securitySchemes(), s.lifecycle(), s.adrScore(),
                        s.findings(), s.versions()), null, null);
    }

    /** Lets the fetch under way finish (not interrupted: see {@link Probes#close()}) and stops. */
    @Override
    public void close() {
        closing = true;
        stopGently(scheduler, settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(5));
    }

    static void stopGently(java.util.concurrent.ExecutorService executor, java.time.Duration wait) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Background work of the API register did not stop within {} s", wait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
