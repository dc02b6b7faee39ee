package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.testing.DeadLetters;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterExportTest {

    private static JsonNode exported(final DeadLetter letter) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            DeadLetterExport.writeLine(json, letter, LetterStatus.OPEN);
        }
        final String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.strip()).doesNotContain("\n");
        return Json.MAPPER.readTree(line);
    }

    @Test
    void shouldKeepTextAsTextAndEveryOtherByteAsBase64() throws Exception {
        final byte[] binary = {(byte) 0xc3, (byte) 0x28, 0x00, (byte) 0xff};
        final DeadLetter letter = DeadLetters.letter(5, Instant.parse("2026-11-22T10:00:00Z"), "DESERIALIZATION",
                "invalid-utf8", "T-1", binary);
        letter.headers().add("blob", new byte[] {(byte) 0x80});
        final JsonNode line = exported(letter);
        assertThat(line.get("id").asText()).isEqualTo("0@5");
        assertThat(line.get("key").asText()).isEqualTo("T-1");
        assertThat(line.has("keyEncoding")).isFalse();
        assertThat(line.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(line.get("value").asText())).isEqualTo(binary);
        assertThat(line.get("status").asText()).isEqualTo("OPEN");
        assertThat(line.get("reason").asText()).isEqualTo("invalid-utf8");
        assertThat(line.get("headers")).anySatisfy(header -> {
            assertThat(header.get("key").asText()).isEqualTo("blob");
            assertThat(header.get("valueEncoding").asText()).isEqualTo("base64");
        });
    }

    @Test
    void shouldWriteNullKeysAndValuesAsNullAndScriptsAsPlainStrings() throws Exception {
        final DeadLetter noKey = DeadLetters.letter(1, Instant.parse("2026-11-22T10:00:00Z"), "PROCESSING", "key-mismatch",
                null, null);
        assertThat(exported(noKey).get("key").isNull()).isTrue();
        assertThat(exported(noKey).get("value").isNull()).isTrue();
        final DeadLetter script = DeadLetters.letter(2, Instant.parse("2026-11-22T10:00:00Z"), "DESERIALIZATION", "invalid-json",
                "T-2", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(exported(script).get("value").asText()).isEqualTo("<script>alert(1)</script>");
    }
}
