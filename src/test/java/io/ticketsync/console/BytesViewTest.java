package io.ticketsync.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BytesViewTest {

    @Test
    void shouldPrettyPrintJsonShowTextAsItIsAndDumpBinaryAsHex() {
        assertThat(BytesView.of("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8)))
                .satisfies(view -> assertThat(view.kind()).isEqualTo("JSON"))
                .satisfies(view -> assertThat(view.text()).contains("\"a\" : [ 1, 2 ]").contains("\n"));
        assertThat(BytesView.of("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new BytesView("text", "<script>alert(1)</script>", false, 25));
        assertThat(BytesView.of("42".getBytes(StandardCharsets.UTF_8)).kind()).as("a bare JSON number is text").isEqualTo("text");
        assertThat(BytesView.of(new byte[] {(byte) 0xff, 0x00, 0x41}))
                .isEqualTo(new BytesView("binary (hex)", "00000000  ff 00 41\n", false, 3));
        assertThat(BytesView.of(null).kind()).isEqualTo("null");
    }

    @Test
    void shouldCutVeryLargeValuesForThePage() {
        final byte[] large = "x".repeat(BytesView.MAX_SHOWN_BYTES + 10).getBytes(StandardCharsets.UTF_8);
        final BytesView view = BytesView.of(large);
        assertThat(view.truncated()).isTrue();
        assertThat(view.size()).isEqualTo(large.length);
        assertThat(view.text()).hasSize(BytesView.MAX_SHOWN_BYTES);
        final byte[] euros = "€".repeat(BytesView.MAX_SHOWN_BYTES / 3 + 10).getBytes(StandardCharsets.UTF_8);
        // Two ASCII bytes first put the cut inside a three-byte character.
        final byte[] shifted = new byte[euros.length + 2];
        shifted[0] = 'x';
        shifted[1] = 'y';
        System.arraycopy(euros, 0, shifted, 2, euros.length);
        assertThat((BytesView.MAX_SHOWN_BYTES - 2) % 3).isNotZero();
        assertThat(BytesView.of(shifted).kind()).as("a cut inside a character is still text").isEqualTo("text");
    }
}
