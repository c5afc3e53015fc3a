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

    record Case(String rule, String severity, String path, Consumer<ObjectNode> breakIt) {
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
                new Case("nlgov:openapi3", "error", "openapi", d -> d.put("openapi", "2.0")),
                new Case("nlgov:openapi-root-exists", "error", "", d -> d.remove("openapi")),
                new Case("nlgov:missing-version-header", "error", "paths./ophaaldagen.get.responses[200].headers",
                        d -> at(d, "/paths/~1ophaaldagen/get/responses/200/headers").remove("API-Version")),
                new Case("nlgov:missing-header", "error", "paths./ophaaldagen.get.responses[200]",
                        d -> at(d, "/paths/~1ophaaldagen/get/responses/200").remove("headers")),
                new Case("nlgov:include-major-version-in-uri", "error", "servers[0].url",
                        d -> at(d, "/servers/0").put("url", "https://api.example.nl/afval")),
                new Case("path-keys-no-trailing-slash", "error", "paths./ophaaldagen/",
                        d -> at(d, "/paths").set("/ophaaldagen/", at(d, "/paths").remove("/ophaaldagen"))),
                new Case("nlgov:info-contact-fields-exist", "error", "info.contact",
                        d -> at(d, "/info/contact").remove("email")),
                new Case("info-contact", "error", "info", d -> at(d, "/info").remove("contact")),
                // As the official rule is written, only path keys containing "summary" or "description" are looked at.
                new Case("nlgov:http-methods", "error", "paths./summary.trace", d -> {
                    ObjectNode item = at(d, "/paths/~1ophaaldagen").deepCopy();
                    item.set("trace", item.get("get").deepCopy());
                    at(d, "/paths").set("/summary", item);
                }),
                new Case("nlgov:semver", "error", "info.version", d -> at(d, "/info").put("version", "v1")),
                new Case("nlgov:paths-kebab-case", "error", "paths./ophaalDagen",
                        d -> at(d, "/paths").set("/ophaalDagen", at(d, "/paths").remove("/ophaaldagen"))),
                new Case("nlgov:use-problem-schema", "error", "paths./ophaaldagen.get.responses[400].content", d -> {
                    ObjectNode bad = at(d, "/paths/~1ophaaldagen/get/responses/400");
                    bad.remove("content");
                    bad.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
                }),
                new Case("nlgov:problem-invalid-input", "error", "paths./ophaaldagen.get.responses", d -> {
                    at(d, "/paths/~1ophaaldagen/get/responses").remove("400");
                    at(d, "/paths/~1ophaaldagen/get").putArray("parameters").addObject().put("name", "wijk")
                            .put("in", "query").putObject("schema").put("type", "string");
                }),
                new Case("nlgov:query-keys-camel-case", "error", "paths./ophaaldagen.get.parameters[0].name",
                        d -> at(d, "/paths/~1ophaaldagen/get").putArray("parameters").addObject()
                                .put("name", "ophaal_dag").put("in", "query").putObject("schema").put("type", "string")),
                new Case("nlgov:servers-use-https", "warning", "servers[0].url",
                        d -> at(d, "/servers/0").put("url", "http://api.example.nl/afval/v1")));
    }

    /** The eight groups the register scores; a broken rule in one of them costs 12.5 points, others none. */
    private static final java.util.Set<String> SCORED_RULES = java.util.Set.of("nlgov:openapi3",
            "nlgov:openapi-root-exists", "nlgov:missing-version-header", "nlgov:missing-header",
            "nlgov:include-major-version-in-uri", "path-keys-no-trailing-slash", "nlgov:info-contact-fields-exist",
            "info-contact", "nlgov:http-methods", "nlgov:semver");

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
        assertThat(finding.path()).isEqualTo(c.path());
        assertThat(finding.message()).isNotBlank();
        assertThat(failing.score()).isEqualTo(SCORED_RULES.contains(c.rule()) ? 88 : 100);
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
                new DesignRules.Finding("nlgov:semver", "error", "info.version", "x"),
                new DesignRules.Finding("nlgov:missing-version-header", "error", "paths", "x"),
                new DesignRules.Finding("nlgov:missing-header", "error", "paths", "same group"),
                new DesignRules.Finding("nlgov:paths-kebab-case", "error", "paths", "not scored"),
                new DesignRules.Finding("nlgov:http-methods", "warning", "paths", "warnings do not count"));
        assertThat(DesignRules.score(findings)).isEqualTo(75);
        assertThat(DesignRules.score(List.of())).isEqualTo(100);
        ObjectNode empty = Json.object();
        // As with Spectral, a rule whose given path finds nothing finds nothing: an empty document fails
        // only openapi-root-exists and info-contact, 6 of 8 groups pass.
        assertThat(DesignRules.lint(empty).findings()).extracting(DesignRules.Finding::rule)
                .containsExactlyInAnyOrder("nlgov:openapi-root-exists", "info-contact");
        assertThat(DesignRules.lint(empty).score()).isEqualTo(75);
    }
}
