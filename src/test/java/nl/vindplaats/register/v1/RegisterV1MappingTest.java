package nl.vindplaats.register.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.base.JsonExtras;
import nl.vindplaats.register.ApiEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first register's entry files → {@link ApiEntry} → entry files, on all 82 real files (../shared/data/api-register,
 * shipped as the demo data in src/main/resources/demo/api-register). Nothing is lost or changed. The v1 format does not
 * order an entry's keys and its files do not agree on an order, so a file comes back as the same JSON object, its keys
 * in the writer's order (an extra, such as an explicit {@code "is_reference_implementation": false}, after them).
 */
class RegisterV1MappingTest {
    private static final Path FILES = Path.of("src/main/resources/demo/api-register");

    @Test
    void everyFileSurvivesFileToEntryToFile() {
        Map<String, ObjectNode> files = files();
        assertThat(files).hasSize(82);
        for (Map.Entry<String, ObjectNode> file : files.entrySet()) {
            ObjectNode stored = file.getValue();
            RegisterV1Mapping.Read read = RegisterV1Mapping.read(RegisterV1.idOf(file.getKey()), stored.deepCopy());
            ObjectNode written = RegisterV1Mapping.write(read.entry(), read.extras());
            assertThat(written).as(file.getKey()).isEqualTo(stored);
            assertThat(Json.write(JsonExtras.inOrderOf(written, stored))).as(file.getKey())
                    .isEqualTo(Json.write(stored));
        }
    }

    @Test
    void theExtrasOfTheRealFilesAreOnlyFormsTheEntryDoesNotKeep() {
        for (Map.Entry<String, ObjectNode> file : files().entrySet()) {
            ObjectNode extras = RegisterV1Mapping.read(RegisterV1.idOf(file.getKey()), file.getValue()).extras();
            List<String> notAForm = new ArrayList<>();
            leaves("", extras, (at, value) -> {
                boolean form = value.isNull() || value.isBoolean() && !value.booleanValue()
                        || value.isTextual() && (value.asText().isBlank()
                        || !value.asText().equals(value.asText().strip()));
                if (!form) {
                    notAForm.add(at + "=" + value);
                }
            });
            assertThat(notAForm).as(file.getKey()).isEmpty();
        }
    }

    @Test
    void theImportReadsTheFilesThroughTheMapper() throws RegisterV1.Invalid {
        for (Map.Entry<String, ObjectNode> file : files().entrySet()) {
            String id = RegisterV1.idOf(file.getKey());
            assertThat(RegisterV1.read(id, file.getValue()))
                    .isEqualTo(RegisterV1Mapping.read(id, file.getValue()).entry());
        }
    }

    @Test
    void theEntryHoldsTheFilesValues() {
        Map<String, ObjectNode> files = files();
        ApiEntry bag = entry(files, "00000001802327497000-kadaster-bag-current.json");
        assertThat(bag.id()).isEqualTo("00000001802327497000-kadaster-bag-current");
        assertThat(bag.serviceName()).isEqualTo("BAG API Huidige Bevragingen (Basisregistratie Adressen en Gebouwen)");
        assertThat(bag.description()).startsWith("De Basisregistratie Adressen en Gebouwen (BAG)");
        assertThat(bag.organisation()).isEqualTo(new ApiEntry.OrganisationRef(null, "00000001802327497000",
                "Dienst voor het kadaster en de openbare registers"));
        assertThat(bag.apiType()).isEqualTo("rest_json");
        assertThat(bag.authentication()).isEqualTo("api_key");
        assertThat(bag.environments()).containsExactly(new ApiEntry.Environment("production",
                "https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/",
                "https://api.bag.kadaster.nl/esd/huidigebevragingen/v1/openapi.yaml",
                "https://www.kadaster.nl/zakelijk/producten/adressen-en-gebouwen/bag-api-huidige-bevragingen"));
        assertThat(bag.contact()).isEqualTo(new ApiEntry.Contact(null, "bag@kadaster.nl", "0031881833400",
                "https://www.kadaster.nl/zakelijk/producten/adressen-en-gebouwen/bag-api-huidige-bevragingen"));
        assertThat(bag.termsOfUse()).isEqualTo(new ApiEntry.TermsOfUse(true, null, null, null));
        assertThat(bag.referenceImplementation()).isFalse();
        assertThat(bag.tags()).isNull();
        assertThat(bag.extra()).isNull();

        ApiEntry raads = entry(files, "vng-open-raadsinformatie.json");
        assertThat(raads.termsOfUse()).isEqualTo(new ApiEntry.TermsOfUse(false, false, new BigDecimal("99.5"), 2));
        assertThat(raads.relations()).isEmpty();
        assertThat(entry(files, "kadaster-brk.json").forum())
                .isEqualTo(new ApiEntry.Forum("discourse", "https://geoforum.nl/c/datasets/brk"));
        // a key the register does not know is the entry's own extra, kept and stored with it
        assertThat(entry(files, "rivm-aerius-connect.json").extra().toString()).isEqualTo("{\"badges\":null}");

        RegisterV1Mapping.Read checklist = RegisterV1Mapping.read("checklist",
                files.get("ministerie-van-algemene-zaken-rijksoverheid-contenttools-(checklist)-api.json"));
        assertThat(checklist.entry().environments().getFirst().apiUrl()).startsWith("https://api.");
        assertThat(checklist.extras().at("/environments/0/api_url").asText()).startsWith(" https://api.");
        RegisterV1Mapping.Read cbs = RegisterV1Mapping.read("cbs", files.get("cbs-odata.json"));
        assertThat(cbs.entry().contact().email()).isNull();
        assertThat(cbs.entry().termsOfUse().supportResponseTime()).isNull();
        assertThat(cbs.extras().at("/contact/email").asText()).isEmpty();
        assertThat(cbs.extras().at("/terms_of_use/support_response_time").isNull()).isTrue();
    }

    @Test
    void keysTheRegisterDoesNotKnowSurvive() {
        ObjectNode file = files().get("kadaster-brk.json");
        file.put("team", "Geo-informatie");
        ((ObjectNode) file.withArray("environments").get(0)).put("status", "stabiel");
        file.putObject("contact").put("fax", "nvt").put("email", "brk@kadaster.nl");
        file.putObject("terms_of_use").put("government_only", false).put("uptime_guarantee", 98);

        RegisterV1Mapping.Read read = RegisterV1Mapping.read("brk", file.deepCopy());

        assertThat(read.entry().extra().toString()).isEqualTo("{\"team\":\"Geo-informatie\"}");
        assertThat(read.extras().at("/environments/0/status").asText()).isEqualTo("stabiel");
        assertThat(read.extras().at("/contact/fax").asText()).isEqualTo("nvt");
        assertThat(read.extras().at("/contact/email").isMissingNode()).isTrue();
        assertThat(read.entry().contact().email()).isEqualTo("brk@kadaster.nl");
        assertThat(read.entry().termsOfUse().uptimeGuarantee()).isEqualByComparingTo("98");
        ObjectNode written = RegisterV1Mapping.write(read.entry(), read.extras());
        assertThat(written).isEqualTo(file);
        assertThat(written.at("/terms_of_use/uptime_guarantee").isInt()).isTrue();
    }

    private static ApiEntry entry(Map<String, ObjectNode> files, String name) {
        return RegisterV1Mapping.read(RegisterV1.idOf(name), files.get(name)).entry();
    }

    private interface Leaf {
        void at(String pointer, JsonNode value);
    }

    private static void leaves(String at, JsonNode node, Leaf leaf) {
        if (node.isObject()) {
            node.properties().forEach(e -> leaves(at + "/" + e.getKey(), e.getValue(), leaf));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(at + "/" + i, node.get(i), leaf);
            }
        } else {
            leaf.at(at, node);
        }
    }

    private static Map<String, ObjectNode> files() {
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(FILES)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                files.put(p.getFileName().toString(), (ObjectNode) Json.MAPPER.readTree(p.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
