package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official ruleset's own test cases (Logius-standaarden/API-Design-Rules, linter/testcases; see
 * adr-testcases/NOTICE.md): for each openapi.json our linter finds exactly the errors, by rule code and
 * path, that {@code spectral lint} printed into its expected-output.txt.
 */
class DesignRulesTestcasesTest {

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(DesignRulesTestcasesTest.class.getResource("/adr-testcases").toURI());
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsExactlyTheErrorsSpectralFinds(Path testcase) throws IOException {
        JsonNode doc = Json.MAPPER.readTree(testcase.resolve("openapi.json").toFile());
        List<String> expected = expectedErrors(Files.readAllLines(testcase.resolve("expected-output.txt")));

        List<String> found = DesignRules.lint(doc).findings().stream()
                .filter(f -> f.severity().equals(DesignRules.ERROR))
                .map(f -> f.rule() + " " + f.path())
                .toList();

        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Lines like {@code  70:35  error  nlgov:use-problem-schema  The content … RFC 9457.  paths./x.get.responses[429].content}. */
    static List<String> expectedErrors(List<String> lines) {
        List<String> errors = new ArrayList<>();
        for (String line : lines) {
            String[] columns = line.trim().split("\\s{2,}");
            if (columns.length >= 4 && columns[0].matches("\\d+:\\d+") && columns[1].equals("error")) {
                errors.add(columns[2] + " " + (columns.length > 4 ? columns[4] : ""));
            }
        }
        return errors;
    }
}
