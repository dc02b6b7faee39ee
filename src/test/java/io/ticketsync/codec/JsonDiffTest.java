package io.ticketsync.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDiffTest {

    @Test
    void shouldListChangedLeavesByDottedPathWithAbsentSides() throws Exception {
        assertThat(JsonDiff.of(Json.MAPPER.readTree("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1]},\"e\":true}"),
                Json.MAPPER.readTree("{\"a\":1,\"b\":{\"c\":\"y\",\"d\":[1,2]},\"f\":null}")))
                .containsExactly("b.c: \"x\" -> \"y\"", "b.d: [1] -> [1,2]", "e: true -> (absent)", "f: (absent) -> null");
        assertThat(JsonDiff.of(null, Json.MAPPER.readTree("{\"a\":{\"b\":1}}"))).containsExactly("a.b: (absent) -> 1");
    }
}
