package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    /**
     * For the console's start: adopts the legacy decisions unless that was done before for this
     * topic name, under a writer lease of its own.
     */
    public static void adoptOnce(final TicketSyncConfig config, final String dlqTopicId) {
        final Decisions decisions = Decisions.read(config, dlqTopicId);
        if (decisions.adopted()) {
            return;
        }
        try (DlqWriter writer = DlqWriter.open(config, dlqTopicId, "ticket-sync", "adopt legacy decisions")) {
            adopt(config, writer, decisions);
        }
    }

    /**
     * For a writer holding the lease, with the decisions it read under it: binds the legacy
     * decisions and marks the topic name as adopted, in one committed transaction; nothing when
     * that was done before. The decisions read stay right meanwhile: until adopted they apply
     * legacy decisions by place, which is what adoption writes down.
     */
    static void adopt(final TicketSyncConfig config, final DlqWriter writer, final Decisions decisions) {
        if (decisions.adopted()) {
            return;
        }
        final Map<LetterId, Resolution> legacy = decisions.legacy();
        final AtomicLong bound = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            LetterReader.read(consumer, config.topics().deadLetter(), legacy.keySet(), letter -> {
                writer.decide(letter, legacy.get(LetterId.of(letter)));
                bound.incrementAndGet();
            });
        }
        writer.send(new ProducerRecord<>(config.topics().resolutions(), mark(config.topics().deadLetter()),
                ("{\"dlqTopicId\":\"" + writer.dlqTopicId() + "\",\"at\":\"" + Instant.now() + "\",\"bound\":" + bound.get() + "}")
                        .getBytes(StandardCharsets.UTF_8)));
        writer.commit();
        LOG.info("Bound {} of {} decisions written before decisions were bound to their letter to the letters of '{}' (id {})",
                bound.get(), legacy.size(), config.topics().deadLetter(), writer.dlqTopicId());
    }

    /** The key of the record that says the legacy decisions were adopted for {@code deadLetterTopic}. */
    static byte[] mark(final String deadLetterTopic) {
        return (ResolutionCodec.ADOPTED_PREFIX + deadLetterTopic).getBytes(StandardCharsets.UTF_8);
    }
}
