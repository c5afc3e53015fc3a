package nl.vindplaats.register.v1;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.Main;
import nl.vindplaats.base.Json;
import nl.vindplaats.register.RegisterApiTest;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Execution(ExecutionMode.CONCURRENT) // its tests share nothing (each its own store, index or service): side by side
public class RegisterImportTest {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("src/main/resources/demo/api-register");

    public static Map<String, byte[]> sharedFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(SHARED)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static String path(String id) {
        return "/api-register/v1/apis/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyRealEntryImportsWithNoFieldLostAndReimportChangesNothing(TestService.Store store) throws IOException {
        try (TestService service = TestService.start(store)) {
            Map<String, byte[]> files = sharedFiles();
            RegisterImport importer = new RegisterImport(service.app().store());

            RegisterImport.Report first = importer.importFiles(files);
            assertThat(first.invalid()).isEmpty();
            assertThat(first.created()).isEqualTo(82).isEqualTo(files.size());

            assertThat(RegisterApiTest.othersCount(service, "?perPage=1")).isEqualTo(82);

            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String id = RegisterV1.idOf(file.getKey());
                HttpResponse<String> one = service.get(path(id));
                assertThat(one.statusCode()).as(id).isEqualTo(200);
                Set<String> shown = leaves(Json.read(one.body()));
                Set<String> original = leaves(Json.MAPPER.readTree(file.getValue()));
                assertThat(shown).as("every value of %s is in the entry", file.getKey()).containsAll(original);
            }

            RegisterImport.Report again = importer.importFiles(files);
            assertThat(again.unchanged()).isEqualTo(82);
            assertThat(again.created() + again.updated()).isZero();
            assertThat(TestService.json(service.get(path("kadaster-brk"))).path("version").asLong()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void invalidFileIsReportedByNameAndFieldAndNotStored(TestService.Store store) throws IOException {
        try (TestService service = TestService.start(store)) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("kadaster-brk.json", Files.readAllBytes(SHARED.resolve("kadaster-brk.json")));
            JsonNode broken = Json.MAPPER.readTree(Files.readAllBytes(SHARED.resolve("rdw-brv.json")));
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("api_type", "telepathy");
            ((com.fasterxml.jackson.databind.node.ArrayNode) broken.path("environments")).removeAll();
            files.put("rdw-brv.json", Json.write(broken).getBytes(StandardCharsets.UTF_8));
            files.put("kapot.json", "{\"service_name\": ".getBytes(StandardCharsets.UTF_8));

            RegisterImport.Report report = new RegisterImport(service.app().store()).importFiles(files);

            assertThat(report.created()).isEqualTo(1);
            assertThat(report.invalid()).extracting(RegisterImport.FileProblem::file)
                    .containsExactly("rdw-brv.json", "kapot.json");
            assertThat(report.invalid().getFirst().problems()).extracting(p -> p.name())
                    .contains("api_type", "environments");
            assertThat(service.get(path("rdw-brv")).statusCode()).isEqualTo(404);
            assertThat(service.get(path("kapot")).statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void changedFileUpdatesOnlyThatEntry(TestService.Store store) throws IOException {
        try (TestService service = TestService.start(store)) {
            RegisterImport importer = new RegisterImport(service.app().store());
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("kadaster-brk.json", Files.readAllBytes(SHARED.resolve("kadaster-brk.json")));
            files.put("rdw-brv.json", Files.readAllBytes(SHARED.resolve("rdw-brv.json")));
            importer.importFiles(files);

            JsonNode changed = Json.MAPPER.readTree(files.get("rdw-brv.json"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) changed).put("description", "Kentekens, vernieuwd");
            files.put("rdw-brv.json", Json.write(changed).getBytes(StandardCharsets.UTF_8));
            RegisterImport.Report report = importer.importFiles(files);

            assertThat(report.updated()).isEqualTo(1);
            assertThat(report.unchanged()).isEqualTo(1);
            JsonNode rdw = TestService.json(service.get(path("rdw-brv")));
            assertThat(rdw.path("version").asLong()).isEqualTo(2);
            assertThat(rdw.path("description").asText()).isEqualTo("Kentekens, vernieuwd");
            assertThat(TestService.json(service.get("/api-register/v1/apis/_search?q=vernieuwd")).size()).isEqualTo(1);
        }
    }

    @Test
    void commandLineImportIsPickedUpByTheRunningService() throws Exception {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Path dir = Files.createTempDirectory("register-v1");
            Files.copy(SHARED.resolve("kadaster-brk.json"), dir.resolve("kadaster-brk.json"));
            Files.writeString(dir.resolve("zonder-naam.json"), "{\"description\": \"x\"}");

            int exit = new CommandLine(new Main()).execute("import", "api-register",
                    "--data-dir", service.dataDir().toString(), dir.toString());

            assertThat(exit).isEqualTo(1); // one file was invalid
            HttpResponse<String> found = Eventually.value("the imported entry served and counted by the running service",
                    Duration.ofSeconds(10), () -> service.get(path("kadaster-brk")),
                    r -> r.statusCode() == 200 && RegisterApiTest.othersCount(service, "") == 1);
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(RegisterApiTest.othersCount(service, "")).isEqualTo(1);
            assertThat(service.get(path("zonder-naam")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void demoIncludesTheRealEntriesLinkedToKnownOrganisations() {
        try (TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.instance().withDemo(true)))) {
            assertThat(RegisterApiTest.othersCount(service, "")).isEqualTo(82);
            String amsterdam = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363";
            HttpResponse<String> ams = service.get("/api-register/v1/apis?organisation="
                    + URLEncoder.encode(amsterdam, StandardCharsets.UTF_8));
            assertThat(ams.headers().firstValue("Total-Count")).contains("36");
        }
    }

    /** Every non-empty scalar value in a JSON tree, as text (numbers normalised). */
    static Set<String> leaves(JsonNode node) {
        Set<String> out = new HashSet<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isContainerNode()) {
            node.elements().forEachRemaining(n -> collect(n, out));
        } else if (node.isNumber()) {
            out.add(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isValueNode() && !node.isNull() && !node.asText().isBlank()) {
            out.add(node.asText().strip()); // surrounding white space is not kept

        }
    }
}
