package nl.vindplaats.documents;

import nl.vindplaats.documents.plooi.PlooiApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static nl.vindplaats.documents.plooi.PlooiApiTest.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** The documented limit per list of PLOOI metadata (README): 1,000 items accepted, 1,001 refused naming the list. */
class MetadataLimitsTest {
    private static TestService service;
    private static String token;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
        token = service.createToken("organisation", "gm0518", "write", null);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    private static ObjectNode withIdentifiers(String prefix, int count) {
        ObjectNode metadata = PlooiApiTest.exampleWithIdentifier(prefix + "-0");
        ArrayNode identifiers = (ArrayNode) metadata.path("document").path("identifiers");
        for (int i = 1; i < count; i++) {
            identifiers.add(prefix + "-" + i);
        }
        return metadata;
    }

    @Test
    void aThousandIdentifiersAreAcceptedOneMoreIsRefusedNamingThem() {
        HttpResponse<String> accepted = service.post(BASE + "/metadata", withIdentifiers("max", 1000).toString(),
                PlooiApiTest.aanleverToken(token));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);

        HttpResponse<String> refused = service.post(BASE + "/metadata", withIdentifiers("over", 1001).toString(),
                PlooiApiTest.aanleverToken(token));
        PlooiApiTest.assertPlooiError(refused, 400, "ValidatieMetadatafout");
        JsonNode message = TestService.json(refused).path("messages").get(0);
        assertThat(message.path("dataPointers").get(0).asText()).isEqualTo("/document/identifiers");
        assertThat(message.path("content").asText()).contains("at most 1000 items");
        assertThat(service.get(BASE + "/metadata?identifier=over-0").body()).doesNotContain("over-0");
    }

    @Test
    void tooManyDocumenthandelingenAreRefusedNamingThem() {
        ObjectNode metadata = PlooiApiTest.exampleWithIdentifier("handelingen");
        ArrayNode handelingen = (ArrayNode) metadata.path("document").path("documenthandelingen");
        JsonNode first = handelingen.get(0);
        for (int i = 0; i < 1000; i++) {
            handelingen.add(first.deepCopy());
        }
        HttpResponse<String> refused = service.post(BASE + "/metadata", metadata.toString(),
                PlooiApiTest.aanleverToken(token));
        PlooiApiTest.assertPlooiError(refused, 400, "ValidatieMetadatafout");
        assertThat(TestService.json(refused).path("messages").get(0).path("dataPointers").get(0).asText())
                .isEqualTo("/document/documenthandelingen");
    }
}
