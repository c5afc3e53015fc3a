package nl.vindplaats.register;

import nl.vindplaats.base.Json;
import nl.vindplaats.register.v1.RegisterV1;
import nl.vindplaats.register.v1.RegisterV1Mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** API entries of every shape the register stores: the 82 real v1 files read, and entries with every field set or not. */
final class StoredApiEntrySamples {
    private StoredApiEntrySamples() {
    }

    static List<ApiEntry> all() {
        List<ApiEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/demo/api-register"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String id = RegisterV1.idOf(file.getFileName().toString());
                entries.add(RegisterV1Mapping.read(id, (com.fasterxml.jackson.databind.node.ObjectNode)
                        Json.read(Files.readString(file))).entry());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> relations = new LinkedHashMap<>();
        relations.put("gebruikt", List.of("bag", "brk"));
        relations.put("leeg", List.of());
        ApiEntry.Specification full = new ApiEntry.Specification("https://example.org/openapi.json", "valid", null,
                Instant.parse("2026-03-04T05:06:07.123456789Z"), "ab".repeat(32), "3.0.3", "Titel <b>", "Omschrijving\nmet regel",
                "1.2.3", List.of(new ApiEntry.Server("https://api.example.org/v1", "productie"),
                        new ApiEntry.Server("https://test.example.org/v1", null)),
                List.of("apiKey", "oauth2"), "deprecated", 87,
                List.of(new DesignRules.Finding("API-03", "error", "$.paths", "Alleen standaard methoden"),
                        new DesignRules.Finding("API-48", "warning", null, null)),
                List.of(new ApiEntry.StoredSpec("1.2.3", "cd".repeat(32), 12345L, "application/json",
                                Instant.parse("2026-03-04T05:06:07Z")),
                        new ApiEntry.StoredSpec(null, "ef".repeat(32), 0L, null, Instant.parse("2025-12-31T23:59:59.5Z"))));
        ApiEntry.Specification bare = new ApiEntry.Specification(null, "unknown", null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        entries.add(new ApiEntry("volledig", "Volledige API \"quotes\" é", "Alles ingevuld",
                new ApiEntry.OrganisationRef("https://identifier.overheid.nl/tooi/id/gemeente/gm0363", "00000001003214345000",
                        "Gemeente Amsterdam"), "rest_json", "api_key",
                List.of(new ApiEntry.Environment("production", "https://api.example.org", "https://api.example.org/oas",
                        "https://docs.example.org"), new ApiEntry.Environment("demo", "https://demo.example.org", null, null)),
                new ApiEntry.Contact("Team", "team@example.org", "+31 20 1234567", "https://example.org/contact"),
                new ApiEntry.TermsOfUse(false, true, new BigDecimal("99.5"), 2),
                new ApiEntry.Forum("github", "https://github.com/example/api"), true, relations,
                List.of("adressen", "gebouwen"), "deprecated", full,
                "{\"team\":\"Geo\",\"getal\":1.5,\"groot\":12345678901234,\"lijst\":[1,null,\"x\"],\"leeg\":{}}",
                "up"));
        entries.add(new ApiEntry("kaal", null, null, null, null, null, null, null, null, null, false, null, null, null,
                null, null, null));
        entries.add(new ApiEntry("lege-lijsten", "Leeg", "", new ApiEntry.OrganisationRef(null, null, "Iemand"), "unknown",
                "none", List.of(), new ApiEntry.Contact(null, null, null, null),
                new ApiEntry.TermsOfUse(null, null, new BigDecimal("100"), null), new ApiEntry.Forum(null, null), false,
                Map.of(), List.of(), null, bare, null, "down"));
        entries.add(new ApiEntry("decimalen", "Decimalen", "d", null, "graphql", "oauth2", null, null,
                new ApiEntry.TermsOfUse(true, false, new BigDecimal("99.50"), 0), null, false, null, null, "retired",
                null, null, "unknown"));
        return entries;
    }
}
