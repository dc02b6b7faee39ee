package io.ticketsync.deadletter.tools;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolutionLogTest {

    @Test
    void shouldKeyADecisionByItsLetterAndReadItBack() {
        final Resolution decision = new Resolution(new LetterId(2, 41), LetterStatus.DISCARDED, "ops",
                Instant.parse("2026-11-22T10:00:00Z"), "reason=invalid-json", "test traffic");
        final ProducerRecord<byte[], byte[]> record = ResolutionLog.record("tickets.dlq.resolutions", decision);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("2@41");
        assertThat(ResolutionLog.decode(consumed(record.value()))).contains(decision);
    }

    @Test
    void shouldTreatTombstonesAndUnreadableValuesAsNoDecision() {
        assertThat(ResolutionLog.decode(consumed(null))).isEmpty();
        assertThat(ResolutionLog.decode(consumed("not json".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void shouldParseAndPrintLetterIds() {
        assertThat(LetterId.parse("3@1200")).isEqualTo(new LetterId(3, 1200));
        assertThat(new LetterId(3, 1200)).hasToString("3@1200");
        assertThatThrownBy(() -> LetterId.parse("3-1200")).hasMessageContaining("partition@offset");
        assertThatThrownBy(() -> LetterId.parse("@5")).hasMessageContaining("partition@offset");
        assertThatThrownBy(() -> LetterId.parse("x@5")).hasMessageContaining("partition@offset");
        assertThatThrownBy(() -> LetterId.parse("-1@5")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(final byte[] value) {
        return new ConsumerRecord<>("tickets.dlq.resolutions", 0, 0, "k".getBytes(StandardCharsets.UTF_8), value);
    }
}
