package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one writer of a dead-letter topic's decisions and replays at a time, for the console and
 * the {@code dlq} commands alike. Opening it claims the topic's writer lease in the control topic
 * (refused with who holds it, see {@link LeaseState}), then fences any earlier writer that lost
 * the lease but lives on (one transactional id per DLQ), before the caller reads offsets or
 * decisions. Everything is written in transactions that commit at least every
 * {@link #COMMIT_EVERY}, well inside the transaction timeout; each commit renews the lease.
 * Closing aborts what was not committed and releases the lease.
 */
public final class DlqWriter implements AutoCloseable {

    static final Duration LEASE_TTL = Duration.ofSeconds(60);
    static final Duration COMMIT_EVERY = Duration.ofSeconds(10);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEASE_WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final TicketSyncConfig config;
    private final String dlqTopicId;
    private final String claim;
    private final String holder;
    private final String action;
    private final KafkaProducer<byte[], byte[]> leaseProducer;
    private final KafkaProducer<byte[], byte[]> producer;
    private long transactionStartedNanos;
    private int pending;
    private long committedSends;

    private DlqWriter(final TicketSyncConfig config, final String dlqTopicId, final String claim, final String holder,
                      final String action, final KafkaProducer<byte[], byte[]> leaseProducer,
                      final KafkaProducer<byte[], byte[]> producer) {
        this.config = config;
        this.dlqTopicId = dlqTopicId;
        this.claim = claim;
        this.holder = holder;
        this.action = action;
        this.leaseProducer = leaseProducer;
        this.producer = producer;
    }

    /**
     * @param holder who acts (the user), shown to anyone refused meanwhile
     * @param action what they do ("replay", "resolve", ...)
     * @throws WriterBusyException when another action holds the lease
     */
    public static DlqWriter open(final TicketSyncConfig config, final String dlqTopicId, final String holder, final String action) {
        final String claim = UUID.randomUUID().toString();
        final KafkaProducer<byte[], byte[]> leaseProducer = leaseProducer(config);
        try {
            final long claimOffset = writeLease(config, leaseProducer, new LeaseRecord(LeaseRecord.Kind.CLAIM, claim, holder,
                    action, Instant.now(), LEASE_TTL.toMillis()));
            final LeaseState state = readLease(config, claimOffset);
            if (!state.heldBy(claim)) {
                throw new WriterBusyException(busyMessage(config, state));
            }
            final KafkaProducer<byte[], byte[]> producer = transactionalProducer(config);
            try {
                // Fences a writer whose lease expired while it lived on (a long pause): its next commit fails.
                producer.initTransactions();
            } catch (final RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
            final DlqWriter writer = new DlqWriter(config, dlqTopicId, claim, holder, action, leaseProducer, producer);
            writer.begin();
            return writer;
        } catch (final RuntimeException e) {
            leaseProducer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    /** Sends within the open transaction. */
    public void send(final ProducerRecord<byte[], byte[]> record) {
        producer.send(record);
        pending++;
    }

    /** Records a decision about {@code letter}, bound to it, within the open transaction. */
    public DecisionRecord.Decided decide(final DeadLetter letter, final Resolution resolution) {
        final long fingerprint = LetterFingerprint.of(letter);
        send(ResolutionCodec.record(config.topics().resolutions(), dlqTopicId, fingerprint, resolution));
        return new DecisionRecord.Decided(resolution.letter(), fingerprint, resolution);
    }

    /** Whether the open transaction should commit now: {@code batchSize} sends, or open for {@link #COMMIT_EVERY}. */
    public boolean commitDue(final int batchSize) {
        return pending >= batchSize || (pending > 0 && System.nanoTime() - transactionStartedNanos >= COMMIT_EVERY.toNanos());
    }

    /** Commits the open transaction (with {@code offsets} for {@code group}, when given), renews the lease, opens the next. */
    public void commit(final Map<TopicPartition, OffsetAndMetadata> offsets, final ConsumerGroupMetadata group) {
        if (group != null && !offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, group);
        }
        producer.commitTransaction();
        committedSends += pending;
        pending = 0;
        writeLease(config, leaseProducer, new LeaseRecord(LeaseRecord.Kind.RENEW, claim, holder, action, Instant.now(),
                LEASE_TTL.toMillis()));
        begin();
    }

    public void commit() {
        commit(Map.of(), null);
    }

    /** Records sent and committed so far: what happened even if a later transaction fails. */
    public long committedSends() {
        return committedSends;
    }

    public String dlqTopicId() {
        return dlqTopicId;
    }

    /** Aborts what was not committed, releases the lease (it expires by itself if that fails). */
    @Override
    public void close() {
        try {
            producer.abortTransaction();
            writeLease(config, leaseProducer, new LeaseRecord(LeaseRecord.Kind.RELEASE, claim, holder, action, Instant.now(), 0));
        } catch (final KafkaException e) {
            // Fenced or the broker is gone: the transaction is aborted by the broker, the lease expires.
        } finally {
            producer.close(Duration.ofSeconds(5));
            leaseProducer.close(Duration.ofSeconds(5));
        }
    }

    private void begin() {
        producer.beginTransaction();
        transactionStartedNanos = System.nanoTime();
    }

    private static String busyMessage(final TicketSyncConfig config, final LeaseState state) {
        return state.holder(Instant.now()).map(record -> "another action writes to '" + config.topics().deadLetter()
                        + "': " + record.action() + " by " + record.holder() + ", lease renewed at " + record.at()
                        + ", held until " + record.expires() + " unless renewed; try again when it has finished")
                .orElse("another action claimed the dead-letter writer lease at the same moment; try again");
    }

    static byte[] leaseKey(final TicketSyncConfig config) {
        return ("dlq-writer/" + config.topics().deadLetter()).getBytes(StandardCharsets.UTF_8);
    }

    private static long writeLease(final TicketSyncConfig config, final KafkaProducer<byte[], byte[]> producer,
                                   final LeaseRecord record) {
        try {
            return producer.send(new ProducerRecord<>(config.topics().control(), 0, leaseKey(config), record.toJson()))
                    .get(LEASE_WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot write the dead-letter writer lease to '" + config.topics().control() + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("cannot write the dead-letter writer lease to '" + config.topics().control()
                    + "' within " + LEASE_WRITE_TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the dead-letter writer lease", e);
        }
    }

    /** Folds the lease's records from the start of the control topic up to and including {@code lastOffset}. */
    private static LeaseState readLease(final TicketSyncConfig config, final long lastOffset) {
        final LeaseState state = new LeaseState();
        final byte[] key = leaseKey(config);
        final TopicPartition partition = new TopicPartition(config.topics().control(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long deadline = System.nanoTime() + LEASE_WRITE_TIMEOUT.toNanos();
            while (consumer.position(partition) <= lastOffset) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the dead-letter writer lease back from '"
                            + config.topics().control() + "' within " + LEASE_WRITE_TIMEOUT.toSeconds() + " s");
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() <= lastOffset && record.value() != null && java.util.Arrays.equals(key, record.key())) {
                        LeaseRecord.parse(record.value()).ifPresent(state::apply);
                    }
                }
            }
        }
        return state;
    }

    private static KafkaProducer<byte[], byte[]> leaseProducer(final TicketSyncConfig config) {
        final Map<String, Object> props = config.kafka().plainProducerSettings();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-dlq-lease");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(final TicketSyncConfig config) {
        final Map<String, Object> props = config.kafka().plainProducerSettings();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(config));
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One per dead-letter topic, under the replay's transactional-id prefix the ACL plan grants. */
    public static String transactionalId(final TicketSyncConfig config) {
        return config.applicationId() + "-dlq-replay-writer-" + ShortHash.of(config.topics().deadLetter());
    }
}
