package nl.vindplaats.datasets.ckan;

import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.http.Operation;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every CKAN write action, on every path prefix, is refused without a token and with a read-only one. */
class CkanWriteAccessTest {
    @Test
    void everyWriteActionIsRefusedWithoutTheRightToken() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            String datasetId = ckan.dataset("doelwit", "org-a", java.util.Map.of("resources",
                    List.of(java.util.Map.of("url", "https://x.nl/a.csv")), "tags", List.of("doel"))).path("id").asText();
            String resourceId = ckan.read("package_show", "id=doelwit").path("resources").get(0).path("id").asText();
            ckan.call("group_create", java.util.Map.of("name", "groep"), ckan.sysadmin());
            String reader = ckan.member("org-a");
            String body = "{\"id\":\"" + datasetId + "\",\"package_id\":\"doelwit\",\"name\":\"nieuw\",\"owner_org\":\"org-a\","
                    + "\"object\":\"doelwit\",\"object_type\":\"package\",\"jti\":\"x\"}";
            String resourceBody = "{\"id\":\"" + resourceId + "\"}";
            List<Operation> writes = service.app().routes().operations().stream()
                    .filter(o -> o.writes() && o.name().startsWith("ckan.")).toList();
            assertThat(writes).hasSizeGreaterThan(60);
            for (Operation op : writes) {
                String data = op.name().startsWith("ckan.resource_") ? resourceBody
                        : op.name().equals("ckan.tag_delete") ? "{\"id\":\"doel\"}"
                        : op.name().startsWith("ckan.group_") ? "{\"id\":\"groep\",\"name\":\"groep\"}"
                        : op.name().startsWith("ckan.organization_") ? "{\"id\":\"org-a\",\"name\":\"org-b\"}" : body;
                for (String[] headers : List.of(new String[0], Ckan.auth(reader))) {
                    HttpResponse<String> r = service.post(op.path(), data, headers);
                    assertThat(r.statusCode()).as(op.path() + " with " + headers.length / 2 + " token(s): " + r.body())
                            .isEqualTo(403);
                    assertThat(TestService.json(r).path("error").path("__type").asText()).isEqualTo("Authorization Error");
                }
            }
            assertThat(ckan.read("package_show", "id=doelwit").path("resources").size()).isEqualTo(1);
            assertThat(ckan.read("package_show", "id=doelwit").path("tags").size()).isEqualTo(1);
        }
    }
}
