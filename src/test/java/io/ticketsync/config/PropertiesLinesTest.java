package io.ticketsync.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesLinesTest {

    @Test
    void shouldFindTheLineEachKeyStartsOnWhenLinesContinueOrRepeat() {
        final List<String> lines = List.of(
                "# a comment ending in a backslash does not continue \\",
                "input.topic = a",
                "sasl.jaas.config=org.Module required \\",
                "    username=\"u\";",
                "! another comment",
                "path=C:\\\\dir\\\\",
                "input.topic: b",
                "http.port 8080");

        assertThat(PropertiesLines.of(lines)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "input.topic", 7,
                "sasl.jaas.config", 3,
                "path", 6,
                "http.port", 8));
    }
}
