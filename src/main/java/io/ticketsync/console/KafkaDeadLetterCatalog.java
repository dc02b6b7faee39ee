package io.ticketsync.console;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.Backoff;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterScan;
import io.ticketsync.deadletter.tools.DeadLetterTopicId;
import io.ticketsync.deadletter.tools.DecisionRecord;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.deadletter.tools.ResolutionCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The catalog over Kafka: a background thread tails the dead-letter and resolutions topics
 * (read_committed, from the beginning) into a {@link LetterIndex}; a letter's detail is read from
 * Kafka by seeking to it, with a consumer of its own.
 *
 * <p>The tailer never leaves its loop but to close: a failure is retried after a capped, doubling
 * back-off and shown as staleness ({@link IndexFreshness}). Every few seconds it reads the topic id
 * (a recreated topic: start over), the partitions (new ones are read from the beginning), the
 * end offsets (how far it has to go) and the log-start offsets (letters deleted by retention leave
 * the index). Decisions are read only once the letters have been, so they find their letter.
 */
public final class KafkaDeadLetterCatalog implements DeadLetterCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterCatalog.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration DETAIL_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds the records one poll holds in memory (the default fetch is 50 MB). */
    private static final int FETCH_MAX_BYTES = 8 * 1024 * 1024;

    private final TicketSyncConfig config;
    private final String deadLetterTopic;
    private final String resolutionsTopic;
    private final LetterIndex index = new LetterIndex();
    private final IndexFreshness freshness;
    private final Thread tailer;
    private volatile boolean running = true;
    /** Opens on close(), ending a back-off wait at once (an interrupt would break the consumer's close). */
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Only the tailer touches these. */
    private KafkaConsumer<byte[], byte[]> tail;
    private String topicId;
    private long refreshedAt;
    private Map<TopicPartition, Long> ends = Map.of();
    private boolean lettersCaughtUp;

    private KafkaDeadLetterCatalog(final TicketSyncConfig config, final Clock clock) {
        this.config = config;
        this.deadLetterTopic = config.topics().deadLetter();
        this.resolutionsTopic = config.topics().resolutions();
        this.freshness = new IndexFreshness(clock);
        this.tailer = new Thread(this::tailForever, "ticket-sync-console-index");
        tailer.setDaemon(true);
    }

    /** Starts indexing at once; pages answer from what is indexed so far. */
    public static KafkaDeadLetterCatalog start(final TicketSyncConfig config) {
        final KafkaDeadLetterCatalog catalog = new KafkaDeadLetterCatalog(config, Clock.systemUTC());
        catalog.tailer.start();
        return catalog;
    }

    /**
     * Applies decisions made here at once, before the tailer reads them back; each still applies
     * only to a letter with its fingerprint.
     */
    void decided(final List<DecisionRecord.Decided> decisions) {
        decisions.forEach(index::apply);
    }

    @Override
    public Map<Integer, Long> indexedEnds() {
        return index.reachedOffsets();
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
            final TopicPartition partition = new TopicPartition(deadLetterTopic, id.partition());
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
        return freshness.progress(index.size());
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        final KafkaConsumer<byte[], byte[]> consumer = tail;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            tailer.join(DETAIL_TIMEOUT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tailForever() {
        final Backoff backoff = new Backoff();
        while (running) {
            try {
                if (System.nanoTime() - refreshedAt > REFRESH.toNanos() || tail == null) {
                    refresh();
                }
                poll();
                backoff.reset();
            } catch (final WakeupException closing) {
                // close() asked the tailer to stop; the loop condition ends it.
            } catch (final RuntimeException e) {
                final String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                freshness.failed(why);
                final Duration wait = backoff.next();
                LOG.warn("The console's index cannot read the dead-letter topic ({}); it tries again in {} s and pages say "
                        + "it is stale until it has caught up", why, wait.toSeconds());
                sleep(wait);
            }
        }
        closeConsumer();
    }

    /** The topic id, the partitions, the end and log-start offsets: what a frozen tail would miss. */
    private void refresh() {
        final String id = DeadLetterTopicId.read(config);
        if (topicId != null && !topicId.equals(id)) {
            LOG.warn("The dead-letter topic '{}' was recreated (topic id {} is now {}): the console's index starts over",
                    deadLetterTopic, topicId, id);
            closeConsumer();
            index.clear();
            freshness.restarted();
        }
        topicId = id;
        if (tail == null) {
            tail = consumer();
            lettersCaughtUp = false;
        }
        final Set<TopicPartition> partitions = new HashSet<>(partitionsOf(deadLetterTopic));
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the dead-letter topic '" + deadLetterTopic + "' has no partitions (deleted?)");
        }
        partitions.addAll(partitionsOf(resolutionsTopic));
        final Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(tail.assignment());
        if (!added.isEmpty() || !partitions.equals(tail.assignment())) {
            tail.assign(partitions);
            tail.seekToBeginning(added);
            if (!tail.assignment().isEmpty() && !lettersCaughtUp) {
                tail.pause(partitions.stream().filter(partition -> partition.topic().equals(resolutionsTopic)).toList());
            }
            LOG.info("The console's index reads {} (new: {})", partitions, added);
        }
        final Instant readAt = freshness.now();
        ends = tail.endOffsets(partitions);
        final Map<TopicPartition, Long> starts = tail.beginningOffsets(partitions);
        long inTopic = 0;
        for (final TopicPartition partition : partitions) {
            if (partition.topic().equals(deadLetterTopic)) {
                index.removeBelow(partition.partition(), starts.get(partition));
                inTopic += ends.get(partition) - starts.get(partition);
            }
        }
        refreshedAt = System.nanoTime();
        freshness.endsRead(readAt, inTopic, lag());
    }

    private void poll() {
        for (final ConsumerRecord<byte[], byte[]> record : tail.poll(POLL)) {
            if (record.topic().equals(deadLetterTopic)) {
                index.add(DeadLetter.of(record));
            } else {
                index.apply(ResolutionCodec.read(record, topicId));
            }
        }
        final Map<Integer, Long> positions = new HashMap<>();
        boolean reached = true;
        boolean lettersReached = true;
        for (final TopicPartition partition : tail.assignment()) {
            final long position = tail.position(partition);
            final boolean atEnd = position >= ends.getOrDefault(partition, Long.MAX_VALUE);
            reached &= atEnd;
            if (partition.topic().equals(deadLetterTopic)) {
                positions.put(partition.partition(), position);
                lettersReached &= atEnd;
            }
        }
        index.reached(positions);
        if (lettersReached && !lettersCaughtUp) {
            // Decisions were held back so that each finds its letter already indexed.
            lettersCaughtUp = true;
            tail.resume(tail.paused());
        }
        freshness.polled(reached, lag());
    }

    private long lag() {
        long lag = 0;
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (tail.assignment().contains(end.getKey())) {
                lag += Math.max(0, end.getValue() - tail.position(end.getKey()));
            }
        }
        return lag;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        final Map<String, Object> settings = new HashMap<>(config.kafka().plainConsumerSettings());
        // A position deleted by retention under the tailer starts again at the oldest letter kept.
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
        // A deleted topic must stay deleted until someone creates it: not be recreated by our metadata requests.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // partitionsFor answers from the consumer's metadata: refreshed this often, partitions added to a topic show up.
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) REFRESH.toMillis());
        return DeadLetterScan.consumer(settings, null);
    }

    private List<TopicPartition> partitionsOf(final String topic) {
        return tail.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private void closeConsumer() {
        if (tail != null) {
            try {
                tail.close(Duration.ofSeconds(5));
            } catch (final RuntimeException e) {
                LOG.debug("Closing the console's index consumer failed", e);
            }
            tail = null;
        }
    }

    private void sleep(final Duration wait) {
        try {
            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

}
