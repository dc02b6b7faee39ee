package io.ticketsync.it;

import io.ticketsync.config.Topics;
import io.ticketsync.dev.SampleProducer;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.SharedBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** dev counts only the sample records the broker acknowledged, and names the first refusal. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(120)
class SampleProducerIT {

    @Test
    void shouldCountOnlyAcknowledgedSamplesWhenTheBrokerRefusesOne(final KafkaBroker broker) throws Exception {
        final Topics topics = new Topics("samples-it.changes", "samples-it.synced", "samples-it.dlq");
        broker.createTopics(topics);
        final byte[] tooLarge = new byte[2_000_000];

        final SampleProducer.Result result = SampleProducer.produce(broker.bootstrapServers(), topics.input(), List.of(
                record("T-1", "{}".getBytes(StandardCharsets.UTF_8)), record("T-2", tooLarge),
                record("T-3", "{}".getBytes(StandardCharsets.UTF_8))));

        assertThat(result.acknowledged()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.firstFailure()).containsInstanceOf(RecordTooLargeException.class);
        assertThat(broker.readAllCommitted(topics.input())).hasSize(2);
    }

    private static ProducerRecord<byte[], byte[]> record(final String key, final byte[] value) {
        return new ProducerRecord<>("ignored", key.getBytes(StandardCharsets.UTF_8), value);
    }
}
