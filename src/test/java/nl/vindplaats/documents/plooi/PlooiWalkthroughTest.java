package nl.vindplaats.documents.plooi;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static nl.vindplaats.documents.plooi.PlooiApiTest.BASE;
import static nl.vindplaats.documents.plooi.PlooiApiTest.DEN_HAAG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the PLOOI walkthrough of docs/plooi.md as it stands (the shell block between its markers, with bash, curl
 * and jq, from the repository root) against a fresh {@code serve --demo}, then checks what it did.
 */
class PlooiWalkthroughTest {
    private static final String START = "<!-- plooi-walkthrough -->";
    private static final String END = "<!-- /plooi-walkthrough -->";

    static String walkthrough() throws IOException {
        String readme = Files.readString(Path.of("docs/plooi.md"));
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        assertThat(from).as("docs/plooi.md has the marked walkthrough").isNotNegative();
        StringBuilder script = new StringBuilder();
        for (String line : readme.substring(from + START.length(), to).split("\n")) {
            if (!line.startsWith("```")) {
                script.append(line).append('\n');
            }
        }
        return script.toString();
    }

    @Test
    void theReadmeWalkthroughRunsUnchangedOnAFreshDemo() throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is needed");
        }
        TestService demo = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
        try {
            ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-u", "-o", "pipefail", "-c", walkthrough())
                    .redirectErrorStream(true);
            bash.environment().put("B", demo.url(""));
            bash.environment().put("VINDPLAATS_ADMIN_TOKEN", demo.adminToken());
            Process run = bash.start();
            byte[] output = run.getInputStream().readAllBytes();
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String printed = new String(output, StandardCharsets.UTF_8);
            assertThat(run.exitValue()).as(printed).isZero();
            assertThat(printed).contains("HTTP/1.1 201", "X-Session-ID", "Location: " + demo.url(BASE + "/documenten/"));

            // It edited and withdrew the demo document of Den Haag: gone from public reads, every version kept.
            assertThat(TestService.json(demo.get(BASE + "/_zoek?publisher=" + DEN_HAAG)).path("totaal").asInt())
                    .isZero();
            String reader = demo.createToken("organisation", "gm0518", "read", null);
            JsonNode found = TestService.json(demo.get(BASE + "/_zoek?publisher=" + DEN_HAAG,
                    PlooiApiTest.aanleverToken(reader)));
            assertThat(found.path("totaal").asInt()).isEqualTo(1);
            String pid = found.path("_embedded").path("resultaten").get(0).path("document").path("pid").asText();
            JsonNode versions = TestService.json(demo.get(BASE + "/metadata/" + pid.substring(pid.lastIndexOf('/') + 1)
                    + "/versies", PlooiApiTest.aanleverToken(reader))).path("versies");
            assertThat(versions.findValuesAsText("oorzaak")).containsExactly("aanlevering", "aanlevering", "wijziging",
                    "wijziging", "wijziging", "intrekking");
            assertThat(versions.get(2).has("redenVerwijderingVervanging")).isFalse();
            assertThat(versions.get(3).path("redenVerwijderingVervanging").path("label").asText())
                    .isEqualTo("correctie procedurele fout");
            assertThat(versions.get(4).path("redenVerwijderingVervanging").path("label").asText())
                    .isEqualTo("Adres in de titel gecorrigeerd");
            assertThat(versions.get(1).path("bestanden").path(0).path("size").asLong())
                    .isEqualTo(Files.size(Path.of("docs/examples/besluit.pdf")));
        } finally {
            demo.destroy();
        }
    }
}
