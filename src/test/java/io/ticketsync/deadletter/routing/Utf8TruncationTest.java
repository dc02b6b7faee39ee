package io.ticketsync.deadletter.routing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8TruncationTest {

    @Test
    void shouldKeepTextThatFits() {
        assertThat(Utf8Truncation.truncate("short", 100)).isEqualTo("short".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldNeverSplitAMultiByteCharacter() {
        final String text = "é".repeat(100);
        for (int max = Utf8Truncation.MARKER.length() + 1; max < 60; max++) {
            final byte[] cut = Utf8Truncation.truncate(text, max);
            final String decoded = new String(cut, StandardCharsets.UTF_8);
            assertThat(cut.length).isLessThanOrEqualTo(max);
            assertThat(decoded).doesNotContain("\uFFFD").endsWith(Utf8Truncation.MARKER);
        }
    }
}
