package io.ticketsync.console;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterScan;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.deadletter.tools.DeadLetterTopicId;
import io.ticketsync.deadletter.tools.DecisionRecord;
import io.ticketsync.deadletter.tools.ResolutionCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog over Kafka: a background thread tails the dead-letter and resolutions topics
 * (read_committed, from the beginning) into a {@link LetterIndex}; a letter's detail is read from
 * Kafka by seeking to it, with a consumer of its own.
 */
public final class KafkaDeadLetterCatalog implements DeadLetterCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterCatalog.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration END_REFRESH = Duration.ofSeconds(5);
    private static final Duration DETAIL_TIMEOUT = Duration.ofSeconds(10);

    private final TicketSyncConfig config;
    private final LetterIndex index = new LetterIndex();
    private final KafkaConsumer<byte[], byte[]> tail;
    private final Thread tailer;
    private final String dlqTopicId;
    private volatile long inTopic;
    private volatile boolean caughtUp;
    private volatile boolean running = true;

    private KafkaDeadLetterCatalog(final TicketSyncConfig config) {
        this.config = config;
        this.dlqTopicId = DeadLetterTopicId.read(config);
        this.tail = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null);
        final List<TopicPartition> partitions = new ArrayList<>(partitionsOf(config.topics().deadLetter()));
        partitions.addAll(partitionsOf(config.topics().resolutions()));
        tail.assign(partitions);
        tail.seekToBeginning(partitions);
        this.tailer = new Thread(this::tailForever, "ticket-sync-console-index");
        tailer.setDaemon(true);
    }

    /** Starts indexing at once; pages answer from what is indexed so far. */
    public static KafkaDeadLetterCatalog start(final TicketSyncConfig config) {
        final KafkaDeadLetterCatalog catalog = new KafkaDeadLetterCatalog(config);
        catalog.tailer.start();
        return catalog;
    }

    /** Applies decisions made here at once, before the tailer reads them back. */
    void decided(final List<DecisionRecord.Decided> decisions) {
        decisions.forEach(decided -> index.decide(decided.resolution()));
    }

    @Override
    public Overview overview(final Duration bucket, final int newest) {
        return index.overview(bucket, newest);
    }

    @Override
    public LetterPage page(final LetterQuery query) {
        return index.page(query);
    }

    @Override
    public Optional<LetterDetail> letter(final LetterId id) {
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            final TopicPartition partition = new TopicPartition(config.topics().deadLetter(), id.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, id.offset());
            final long deadline = System.nanoTime() + DETAIL_TIMEOUT.toNanos();
            final long end = consumer.endOffsets(List.of(partition)).get(partition);
            // Retention may have removed it, or the offset is a transaction marker: then there is none.
            while (consumer.position(partition) <= id.offset() && consumer.position(partition) < end
                    && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == id.offset()) {
                        final Resolution decision = index.decision(id);
                        return Optional.of(new LetterDetail(DeadLetter.of(record),
                                decision == null ? LetterStatus.OPEN : decision.status(), decision));
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public CatalogProgress progress() {
        return new CatalogProgress(index.size(), inTopic, caughtUp);
    }

    @Override
    public void close() {
        running = false;
        tail.wakeup();
        try {
            tailer.join(DETAIL_TIMEOUT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tailForever() {
        long endsReadAt = 0;
        Map<TopicPartition, Long> ends = Map.of();
        try {
            while (running) {
                if (System.nanoTime() - endsReadAt > END_REFRESH.toNanos()) {
                    ends = tail.endOffsets(tail.assignment());
                    inTopic = ends.entrySet().stream().filter(end -> end.getKey().topic().equals(config.topics().deadLetter()))
                            .mapToLong(Map.Entry::getValue).sum();
                    endsReadAt = System.nanoTime();
                }
                for (final ConsumerRecord<byte[], byte[]> record : tail.poll(POLL)) {
                    if (record.topic().equals(config.topics().deadLetter())) {
                        index.add(DeadLetter.of(record));
                    } else {
                        if (ResolutionCodec.read(record, dlqTopicId) instanceof DecisionRecord.Decided decided) {
                            index.decide(decided.resolution());
                        }
                    }
                }
                if (!caughtUp) {
                    final Map<TopicPartition, Long> target = ends;
                    caughtUp = !target.isEmpty() && target.entrySet().stream().allMatch(end -> tail.position(end.getKey()) >= end.getValue());
                }
            }
        } catch (final WakeupException closing) {
            // close() asked the tailer to stop.
        } catch (final RuntimeException e) {
            LOG.error("The console's index stopped reading the dead-letter topic; restart the console", e);
        } finally {
            tail.close();
        }
    }

    private List<TopicPartition> partitionsOf(final String topic) {
        return tail.partitionsFor(topic, Duration.ofSeconds(30)).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
