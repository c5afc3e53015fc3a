package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.base.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a fetched or posted OpenAPI 2.0 / 3.x document (JSON or YAML) into what the register shows:
 * its status, title, version, servers, security schemes, lifecycle and ADR score. Each distinct
 * document is kept in the blob store by its SHA-256.
 */
public final class Specifications {
    private static final ObjectMapper YAML = new YAMLMapper();

    /**
     * Lint results of the documents read last, by their SHA-256: linting is a pure function of the document and
     * costs about a second per document on two cores, and the same documents come back at every start (the
     * instance's own six), at every refetch of an unchanged document and on every node of a shared store.
     */
    private static final int LINTS_KEPT = 64;
    private static final java.util.Map<String, DesignRules.Result> LINTS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(LINTS_KEPT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, DesignRules.Result> eldest) {
                    return size() > LINTS_KEPT;
                }
            });

    private final SpecFetcher fetcher;
    private final BlobStore blobs;
    private final Clock clock;

    public Specifications(SpecFetcher fetcher, BlobStore blobs, Clock clock) {
        this.fetcher = fetcher;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Fetches the document at {@code url}; an unreachable document keeps what was learnt before. */
    public ApiEntry.Specification fetch(String url, ApiEntry.Specification previous) {
        return switch (fetcher.fetch(url)) {
            case SpecFetcher.Failed failed -> unreachable(url, failed.reason(), previous);
            case SpecFetcher.Fetched fetched -> read(url, fetched.bytes(), fetched.mediaType(), previous);
        };
    }

    /** Reads a document that was sent or fetched. */
    public ApiEntry.Specification read(String url, byte[] bytes, String mediaType, ApiEntry.Specification previous) {
        Instant now = clock.instant();
        List<ApiEntry.StoredSpec> versions = previous == null || previous.versions() == null
                ? new ArrayList<>() : new ArrayList<>(previous.versions());
        JsonNode doc;
        try {
            doc = parse(bytes);
        } catch (IOException e) {
            return new ApiEntry.Specification(url, ApiEntry.Specification.INVALID,
                    "neither JSON nor YAML: " + firstLine(e.getMessage()), now, null, null, null, null, null, null,
                    null, null, null, null, versions.isEmpty() ? null : versions);
        }
        String problem = problem(doc);
        if (problem != null) {
            return new ApiEntry.Specification(url, ApiEntry.Specification.INVALID, problem, now, null, null, null,
                    null, null, null, null, null, null, null, versions.isEmpty() ? null : versions);
        }
        BlobStore.Blob blob;
        try {
            blob = blobs.put(new ByteArrayInputStream(bytes), bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = doc.path("info").path("version").asText();
        String type = mediaType == null || mediaType.isBlank() || mediaType.equals("application/octet-stream")
                || mediaType.equals("text/plain") ? (looksLikeJson(bytes) ? "application/json" : "application/yaml")
                : mediaType;
        if (versions.stream().noneMatch(v -> v.sha256().equals(blob.sha256()))) {
            versions.add(new ApiEntry.StoredSpec(version, blob.sha256(), blob.size(), type, now));
        }
        DesignRules.Result lint = LINTS.get(blob.sha256());
        if (lint == null) {
            lint = DesignRules.lint(doc);
            LINTS.put(blob.sha256(), lint);
        }
        String oasVersion = doc.has("openapi") ? doc.path("openapi").asText() : doc.path("swagger").asText();
        return new ApiEntry.Specification(url, ApiEntry.Specification.VALID, null, now, blob.sha256(), oasVersion,
                doc.path("info").path("title").asText(), doc.path("info").path("description").asText(null), version,
                servers(doc), securitySchemes(doc),
                lifecycle(doc.path("info"), now), lint.score(), lint.findings(), versions);
    }

    private ApiEntry.Specification unreachable(String url, String reason, ApiEntry.Specification previous) {
        Instant now = clock.instant();
        if (previous == null) {
            return new ApiEntry.Specification(url, ApiEntry.Specification.UNREACHABLE, reason, now, null, null, null,
                    null, null, null, null, null, null, null, null);
        }
        return new ApiEntry.Specification(url, ApiEntry.Specification.UNREACHABLE, reason, now, previous.sha256(),
                previous.oasVersion(), previous.title(), previous.description(), previous.version(), previous.servers(),
                previous.securitySchemes(), previous.lifecycle(), previous.adrScore(), previous.findings(),
                previous.versions());
    }

    static JsonNode parse(byte[] bytes) throws IOException {
        return looksLikeJson(bytes) ? Json.MAPPER.readTree(bytes) : YAML.readTree(bytes);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    /** Why this is not an OpenAPI 2.0 or 3.x document, or null when it is one. */
    static String problem(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            return "not an OpenAPI document: the top level must be an object";
        }
        String openapi = doc.path("openapi").asText("");
        if (!openapi.matches("3\\.\\d+(\\.\\d+)?") && !"2.0".equals(doc.path("swagger").asText(""))) {
            return "not an OpenAPI document: 'openapi' must be 3.x (or 'swagger' 2.0)";
        }
        if (!doc.path("info").isObject() || doc.path("info").path("title").asText("").isBlank()) {
            return "info.title is required";
        }
        if (!doc.path("info").path("version").isValueNode() || doc.path("info").path("version").asText("").isBlank()) {
            return "info.version is required";
        }
        if (!doc.path("paths").isObject() && !doc.path("webhooks").isObject() && !doc.path("components").isObject()) {
            return "paths is required";
        }
        return null;
    }

    private static List<ApiEntry.Server> servers(JsonNode doc) {
        List<ApiEntry.Server> servers = new ArrayList<>();
        if (doc.has("servers")) {
            for (JsonNode s : doc.path("servers")) {
                servers.add(new ApiEntry.Server(s.path("url").asText(), s.path("description").asText(null)));
            }
        } else {
            DesignRules.serverUrls(doc).forEach(u -> servers.add(new ApiEntry.Server(u, null)));
        }
        return servers;
    }

    /** The register's authentication values for the document's security schemes. */
    static List<String> securitySchemes(JsonNode doc) {
        JsonNode schemes = doc.has("swagger") ? doc.path("securityDefinitions")
                : doc.path("components").path("securitySchemes");
        Set<String> kinds = new LinkedHashSet<>();
        schemes.elements().forEachRemaining(s -> kinds.add(switch (s.path("type").asText("")) {
            case "apiKey" -> "api_key";
            case "oauth2" -> "oauth2";
            case "openIdConnect" -> "openid";
            case "mutualTLS" -> "mutual_tls";
            default -> "unknown";
        }));
        return List.copyOf(kinds);
    }

    /**
     * From {@code info.x-sunset} (a date: sunset when announced, retired once passed) and
     * {@code info.x-deprecated} (true or a date); active otherwise.
     */
    static String lifecycle(JsonNode info, Instant now) {
        String sunset = info.path("x-sunset").asText("");
        if (!sunset.isBlank()) {
            try {
                LocalDate date = LocalDate.parse(sunset.length() >= 10 ? sunset.substring(0, 10) : sunset);
                return date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isAfter(now) ? "sunset" : "retired";
            } catch (DateTimeParseException e) {
                return "sunset";
            }
        }
        JsonNode deprecated = info.path("x-deprecated");
        if (deprecated.isBoolean() ? deprecated.booleanValue() : !deprecated.isMissingNode() && !deprecated.isNull()) {
            return "deprecated";
        }
        return "active";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
