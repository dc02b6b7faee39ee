package io.ticketsync.console;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexEndsTest {

    @Test
    void shouldCarryThePagesEndOffsetsThroughTheForm() {
        final String field = IndexEnds.format(Map.of(1, 98L, 0, 120L));
        assertThat(field).isEqualTo("0:120,1:98");
        assertThat(IndexEnds.parse(field)).isEqualTo(Map.of(0, 120L, 1, 98L));
    }

    @Test
    void shouldMarkToTheCurrentEndWithoutThemAndRefuseDamagedOnes() {
        assertThat(IndexEnds.parse("")).isNull();
        assertThat(IndexEnds.parse(null)).isNull();
        assertThat(IndexEnds.format(null)).isEmpty();
        assertThatThrownBy(() -> IndexEnds.parse("0:12,x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    }
}
