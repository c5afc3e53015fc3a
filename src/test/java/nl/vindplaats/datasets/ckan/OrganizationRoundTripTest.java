package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ckanapi load organizations} of a CKAN organisation dump ({@code ckanapi dump organizations}: one
 * organization_show dict a line): every field the publisher wrote comes back from organization_show.
 */
class OrganizationRoundTripTest {
    /** What a CKAN site makes itself (ids, dates, counts, members) rather than takes from the dump. */
    private static final List<String> MADE_BY_THE_SITE = List.of("id", "created", "package_count", "num_followers",
            "users", "groups", "tags");

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aCkanOrganisationDumpLoadsAndComesBackWhole(TestService.Store store) throws IOException {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            List<ObjectNode> dump = dump();
            for (int run = 0; run < 2; run++) {
                for (ObjectNode line : dump) {
                    load(ckan, line);
                }
            }
            for (ObjectNode line : dump) {
                JsonNode shown = ckan.read("organization_show", "id=" + line.path("name").asText());
                line.fieldNames().forEachRemaining(field -> {
                    if (MADE_BY_THE_SITE.contains(field)) {
                        return;
                    }
                    JsonNode expected = line.get(field);
                    if (field.equals("extras")) {
                        assertThat(keysAndValues(shown.get(field))).as(field).isEqualTo(keysAndValues(expected));
                    } else {
                        assertThat(shown.get(field)).as(field).isEqualTo(expected);
                    }
                });
            }
            // The dataset dict's organization carries them too, as in CKAN.
            ckan.dataset("bomen", "gemeente-zwolle", Map.of());
            JsonNode org = ckan.read("package_show", "id=bomen").path("organization");
            assertThat(org.path("description").asText()).startsWith("Open data van de gemeente Zwolle");
            assertThat(org.path("image_url").asText()).endsWith("logo-zwolle.png");

            // organization_patch keeps what it is not given; organization_update clears it.
            ckan.call("organization_patch", Map.of("id", "gemeente-zwolle", "title", "Gemeente Zwolle (Ov.)"),
                    ckan.sysadmin());
            JsonNode patched = ckan.read("organization_show", "id=gemeente-zwolle");
            assertThat(patched.path("image_url").asText()).endsWith("logo-zwolle.png");
            assertThat(patched.path("extras").size()).isEqualTo(2);
            ckan.call("organization_update", Map.of("id", "gemeente-zwolle", "title", "Gemeente Zwolle"),
                    ckan.sysadmin());
            JsonNode updated = ckan.read("organization_show", "id=gemeente-zwolle");
            assertThat(updated.path("description").asText()).isEmpty();
            assertThat(updated.path("extras").size()).isZero();

            HttpResponse<String> bad = ckan.post("organization_patch",
                    "{\"id\":\"gemeente-zwolle\",\"extras\":[{\"value\":\"x\"}],\"description\":[\"a\"]}", ckan.sysadmin());
            assertThat(bad.statusCode()).isEqualTo(409);
            JsonNode error = TestService.json(bad).path("error");
            assertThat(error.path("extras").get(0).path("key").get(0).asText()).isEqualTo("Missing value");
            assertThat(error.path("description").get(0).asText()).isEqualTo("Must be a string");
        }
    }

    /** As ckanapi's load: show by id, then by name; create when neither is found, else update that one. */
    private static void load(Ckan ckan, ObjectNode line) {
        JsonNode existing = null;
        for (String ref : List.of(line.path("id").asText(), line.path("name").asText())) {
            HttpResponse<String> r = ckan.get("organization_show", "id=" + Ckan.enc(ref), ckan.sysadmin());
            if (r.statusCode() == 200) {
                existing = TestService.json(r).path("result");
                break;
            }
            assertThat(r.statusCode()).isEqualTo(404);
        }
        if (existing == null) {
            ckan.call("organization_create", line.toString(), ckan.sysadmin());
        } else {
            ObjectNode update = line.deepCopy();
            update.put("id", existing.path("id").asText());
            ckan.call("organization_update", update.toString(), ckan.sysadmin());
        }
    }

    private static List<ObjectNode> dump() throws IOException {
        try (InputStream in = OrganizationRoundTripTest.class.getResourceAsStream("/ckan/organizations.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> (ObjectNode) Json.read(l)).toList();
        }
    }

    private static List<String> keysAndValues(JsonNode extras) {
        return java.util.stream.StreamSupport.stream(extras.spliterator(), false)
                .map(e -> e.path("key").asText() + "=" + e.path("value")).toList();
    }
}
