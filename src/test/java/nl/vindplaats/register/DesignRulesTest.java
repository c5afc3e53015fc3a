package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule with a document that passes it and one that fails it; the failing one differs in one place. */
class DesignRulesTest {

    record Case(String rule, String severity, Consumer<ObjectNode> breakIt) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static ObjectNode good() {
        return (ObjectNode) Json.read(SpecServer.goodSpec("1.0.0", "https://api.example.nl/afval/v1"));
    }

    static ObjectNode at(JsonNode node, String pointer) {
        return (ObjectNode) node.at(pointer);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("openapi3", "error", d -> {
                    d.remove("openapi");
                    d.put("swagger", "2.0");
                }),
                new Case("openapi-root-exists", "error", d -> at(d, "/paths").remove("/openapi.json")),
                new Case("version-header", "error", d -> at(d, "/paths/~1ophaaldagen/get/responses/200").remove("headers")),
                new Case("include-major-version-in-uri", "error",
                        d -> at(d, "/servers/0").put("url", "https://api.example.nl/afval")),
                new Case("paths-no-trailing-slash", "error",
                        d -> at(d, "/paths").set("/ophaaldagen/", at(d, "/paths").remove("/ophaaldagen"))),
                new Case("info-contact-fields-exist", "error", d -> at(d, "/info/contact").remove("email")),
                new Case("http-methods", "error",
                        d -> at(d, "/paths/~1ophaaldagen").set("trace", at(d, "/paths/~1ophaaldagen/get").deepCopy())),
                new Case("semver", "error", d -> at(d, "/info").put("version", "v1")),
                new Case("paths-kebab-case", "warning",
                        d -> at(d, "/paths").set("/ophaalDagen", at(d, "/paths").remove("/ophaaldagen"))),
                new Case("use-problem-schema", "warning", d -> {
                    ObjectNode bad = at(d, "/paths/~1ophaaldagen/get/responses/400");
                    bad.remove("content");
                    bad.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
                }),
                new Case("servers-use-https", "warning",
                        d -> at(d, "/servers/0").put("url", "http://api.example.nl/afval/v1")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ruleFindsTheBreakAndOnlyThat(Case c) {
        DesignRules.Result passing = DesignRules.lint(good());
        assertThat(passing.findings()).extracting(DesignRules.Finding::rule).doesNotContain(c.rule());

        ObjectNode broken = good();
        c.breakIt().accept(broken);
        DesignRules.Result failing = DesignRules.lint(broken);

        assertThat(failing.findings()).extracting(DesignRules.Finding::rule).contains(c.rule());
        DesignRules.Finding finding = failing.findings().stream().filter(f -> f.rule().equals(c.rule()))
                .findFirst().orElseThrow();
        assertThat(finding.severity()).isEqualTo(c.severity());
        assertThat(finding.path()).startsWith("$.");
        assertThat(finding.message()).isNotBlank();
        assertThat(failing.score()).isEqualTo(c.severity().equals("error") && !c.rule().equals("openapi3")
                ? 88 : c.rule().equals("openapi3") ? lessThanFull(failing) : 100);
    }

    private static int lessThanFull(DesignRules.Result r) {
        assertThat(r.score()).isLessThan(100);
        return r.score();
    }

    @Test
    void goodDocumentScoresFullMarksWithoutFindings() {
        DesignRules.Result result = DesignRules.lint(good());
        assertThat(result.findings()).isEmpty();
        assertThat(result.score()).isEqualTo(100);
    }

    @Test
    void scoreIsTheShareOfScoredGroupsWithoutAnError() {
        List<DesignRules.Finding> findings = List.of(
                new DesignRules.Finding("semver", "error", "$.info.version", "x"),
                new DesignRules.Finding("version-header", "error", "$.paths", "x"),
                new DesignRules.Finding("version-header", "error", "$.paths", "y"),
                new DesignRules.Finding("paths-kebab-case", "error", "$.paths", "not scored"),
                new DesignRules.Finding("http-methods", "warning", "$.paths", "warnings do not count"));
        assertThat(DesignRules.score(findings)).isEqualTo(75);
        assertThat(DesignRules.score(List.of())).isEqualTo(100);
        ObjectNode empty = Json.object();
        assertThat(DesignRules.lint(empty).score()).isEqualTo(38); // only trailing slash, methods, version header pass: 3/8
    }
}
