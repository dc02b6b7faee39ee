package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upgrade of decisions written before they were bound to their letter (keyed
 * {@code partition@offset} alone): once per dead-letter topic name, each such decision is bound to
 * the letter at its place in the topic as it is then, and an {@code adopted/<dlq topic>} record says
 * it was done. So an upgrade reopens nothing and replays nothing again, while a topic recreated
 * later does not inherit them.
 */
public final class DecisionAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionAdoption.class);

    private DecisionAdoption() {
    }

    /** Adopts the legacy decisions unless that was done before for this topic name; cheap to call again. */
    public static void adoptOnce(final TicketSyncConfig config, final String dlqTopicId) {
        final byte[] mark = mark(config.topics().deadLetter());
        final Map<LetterId, Resolution> legacy = new HashMap<>();
        final boolean[] adopted = {false};
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().resolutions()));
            DeadLetterScan.recordsToEnd(consumer, record -> {
                if (java.util.Arrays.equals(mark, record.key())) {
                    adopted[0] = true;
                } else if (ResolutionCodec.read(record, dlqTopicId) instanceof DecisionRecord.Foreign foreign && foreign.legacy()) {
                    remember(record, foreign.letter(), legacy);
                }
            });
        }
        if (adopted[0]) {
            return;
        }
        final AtomicLong bound = new AtomicLong();
        try (DlqWriter writer = DlqWriter.open(config, dlqTopicId, "ticket-sync", "adopt legacy decisions");
             KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            LetterReader.read(consumer, config.topics().deadLetter(), legacy.keySet(), letter -> {
                writer.decide(letter, legacy.get(LetterId.of(letter)));
                bound.incrementAndGet();
            });
            writer.send(new ProducerRecord<>(config.topics().resolutions(), mark,
                    ("{\"dlqTopicId\":\"" + dlqTopicId + "\",\"at\":\"" + Instant.now() + "\",\"bound\":" + bound.get() + "}")
                            .getBytes(StandardCharsets.UTF_8)));
            writer.commit();
        }
        LOG.info("Bound {} of {} decisions written before decisions were bound to their letter to the letters of '{}' (id {})",
                bound.get(), legacy.size(), config.topics().deadLetter(), dlqTopicId);
    }

    /** The key of the record that says the legacy decisions were adopted for {@code deadLetterTopic}. */
    static byte[] mark(final String deadLetterTopic) {
        return (ResolutionCodec.ADOPTED_PREFIX + deadLetterTopic).getBytes(StandardCharsets.UTF_8);
    }

    private static void remember(final ConsumerRecord<byte[], byte[]> record, final LetterId letter,
                                 final Map<LetterId, Resolution> legacy) {
        if (record.value() == null) {
            legacy.remove(letter);
        } else {
            ResolutionCodec.legacy(record).ifPresent(resolution -> legacy.put(letter, resolution));
        }
    }
}
