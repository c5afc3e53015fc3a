package nl.vindplaats.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a mapper keeps beside its model: only what the written JSON does not give back, and all of that. */
class JsonExtrasTest {

    @Test
    void theExtrasNameOnlyTheValuesThatDiffer() {
        ObjectNode stored = object("{\"a\":\" x \",\"b\":{\"c\":1,\"d\":[1,2]},\"e\":[{\"f\":\"g\",\"h\":null},\"i\"],"
                + "\"j\":[1,2,3],\"k\":true}");
        ObjectNode written = object("{\"a\":\"x\",\"b\":{\"c\":1},\"e\":[{\"f\":\"g\"},\"i\"],\"j\":[1,2]}");

        ObjectNode extras = JsonExtras.of(stored, written);

        assertThat(extras.toString()).isEqualTo(
                "{\"a\":\" x \",\"b\":{\"d\":[1,2]},\"e\":[{\"h\":null},\"i\"],\"j\":[1,2,3],\"k\":true}");
        assertThat(JsonExtras.overlay(written, extras)).isEqualTo(stored);
    }

    @Test
    void whatTheWrittenJsonGivesBackLeavesNoExtras() {
        ObjectNode stored = object("{\"a\":{\"b\":[{\"c\":\"d\"}]}}");
        assertThat(JsonExtras.of(stored, stored.deepCopy())).isEmpty();
    }

    @Test
    void keysComeInTheOrderOfTheModelJsonAndTheRestAfterThem() {
        ObjectNode node = object("{\"a\":1,\"b\":{\"x\":1,\"y\":2},\"c\":[{\"p\":1,\"q\":2}],\"new\":0}");
        ObjectNode like = object("{\"c\":[{\"q\":0,\"p\":0}],\"b\":{\"y\":0,\"x\":0},\"a\":0,\"gone\":0}");
        assertThat(JsonExtras.inOrderOf(node, like).toString())
                .isEqualTo("{\"c\":[{\"q\":2,\"p\":1}],\"b\":{\"y\":2,\"x\":1},\"a\":1,\"new\":0}");
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) Json.read(json);
    }
}
