package nl.vindplaats.register;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One API in the register: what both register generations know about it. Stored as the body of a
 * record of kind {@value #KIND} ({@link StoredApiEntry}); fields the register does not know yet are kept in
 * {@code extra}, the JSON object text they came in (the register does not read them).
 */
public record ApiEntry(
        String id,
        String serviceName,
        String description,
        OrganisationRef organisation,
        String apiType,
        String authentication,
        List<Environment> environments,
        Contact contact,
        TermsOfUse termsOfUse,
        Forum forum,
        boolean referenceImplementation,
        Map<String, List<String>> relations,
        List<String> tags,
        /* set explicitly (e.g. retired); otherwise derived from the specification */
        String lifecycle,
        Specification specification,
        String extra,
        /* up or down from the health probes; null until first probed */
        String availability) {

    public static final String KIND = "api";

    public static final Set<String> API_TYPES = Set.of("rest_json", "rest_xml", "soap_xml", "grpc", "graphql",
            "sparql", "wfs", "wms", "odata", "unknown");
    public static final Set<String> AUTHENTICATIONS = Set.of("none", "api_key", "mutual_tls", "oauth2", "openid",
            "ip_whitelist", "unknown");
    public static final Set<String> ENVIRONMENT_NAMES = Set.of("production", "acceptance", "demo");
    public static final Set<String> LIFECYCLES = Set.of("active", "deprecated", "sunset", "retired");
    public static final Set<String> AVAILABILITIES = Set.of("up", "down", "unknown");

    /** The publishing organisation: its TOOI URI when known, its OIN when known, and its name. */
    public record OrganisationRef(String uri, String oin, String label) {
    }

    public record Environment(String name, String apiUrl, String specificationUrl, String documentationUrl) {
    }

    public record Contact(String name, String email, String phone, String url) {
    }

    /** Uptime guarantee in percent (99.5); support response time in working days. */
    public record TermsOfUse(Boolean governmentOnly, Boolean payPerUse, BigDecimal uptimeGuarantee,
                             Integer supportResponseTime) {
    }

    public record Forum(String vendor, String url) {
    }

    /** What the register learnt from the API's OpenAPI document the last time it looked. */
    public record Specification(String url, String status, String reason, Instant checkedAt, String sha256,
                                String oasVersion, String title, String description, String version,
                                List<Server> servers,
                                List<String> securitySchemes, String lifecycle, Integer adrScore,
                                List<DesignRules.Finding> findings, List<StoredSpec> versions) {
        public static final String UNKNOWN = "unknown";
        public static final String VALID = "valid";
        public static final String INVALID = "invalid";
        public static final String UNREACHABLE = "unreachable";
    }

    public record Server(String url, String description) {
    }

    /** One distinct version of the document, kept in the blob store by its SHA-256. */
    public record StoredSpec(String version, String sha256, long size, String mediaType, Instant fetchedAt) {
    }

    /** Explicit lifecycle first (retiring), then what the specification says, else active. */
    public String lifecycleStatus() {
        if (lifecycle != null) {
            return lifecycle;
        }
        if (specification != null && specification.lifecycle() != null) {
            return specification.lifecycle();
        }
        return "active";
    }

    public Integer adrScore() {
        return specification == null ? null : specification.adrScore();
    }

    public Environment production() {
        return environments == null ? null
                : environments.stream().filter(e -> "production".equals(e.name())).findFirst().orElse(null);
    }

    public ApiEntry withSpecification(Specification spec) {
        return new ApiEntry(id, serviceName, description, organisation, apiType, authentication, environments, contact,
                termsOfUse, forum, referenceImplementation, relations, tags, lifecycle, spec, extra, availability);
    }

    public ApiEntry withOrganisation(OrganisationRef ref) {
        return new ApiEntry(id, serviceName, description, ref, apiType, authentication, environments, contact,
                termsOfUse, forum, referenceImplementation, relations, tags, lifecycle, specification, extra, availability);
    }

    public ApiEntry withExtra(String given) {
        return new ApiEntry(id, serviceName, description, organisation, apiType, authentication, environments, contact,
                termsOfUse, forum, referenceImplementation, relations, tags, lifecycle, specification, given, availability);
    }

    public ApiEntry withAvailability(String status) {
        return new ApiEntry(id, serviceName, description, organisation, apiType, authentication, environments, contact,
                termsOfUse, forum, referenceImplementation, relations, tags, lifecycle, specification, extra, status);
    }
}
