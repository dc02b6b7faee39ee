package io.ticketsync.testing;

import io.ticketsync.codec.JsonSerde;
import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.metrics.RecordCounters;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import io.ticketsync.runtime.StreamsProperties;
import io.ticketsync.topology.AppServices;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;

/**
 * A TopologyTestDriver around a topology, with the production configuration (but see the note on
 * the processing guarantee in the constructor), a fixed clock, raw
 * byte input (so tests can send anything at all) and typed readers for output and dead letters.
 */
public final class DriverHarness implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

    private final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestInputTopic<byte[], byte[]> replay;
    private final TestOutputTopic<String, SyncedTicket> output;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant nextTimestamp = START;

    /** The production topology for {@code config}, driven with that configuration. */
    public static DriverHarness of(final TicketSyncConfig config) {
        return new DriverHarness(TicketSyncTopology.build(config), config);
    }

    public DriverHarness(final Topology topology, final TicketSyncConfig config) {
        this(topology, config, TestServices.streamsProperties(config));
    }

    /** The production topology around {@code services}, which the test keeps to look at its windows. */
    public static DriverHarness of(final AppServices services) {
        final Properties props = new Properties();
        props.putAll(StreamsProperties.of(services));
        return new DriverHarness(TicketSyncTopology.build(services.config()), services.config(), props);
    }

    private DriverHarness(final Topology topology, final TicketSyncConfig config, final Properties props) {
        try {
            this.stateDir = Files.createTempDirectory("ticket-sync-driver");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The driver's exactly_once_v2 emulation loses dead letters written during deserialization:
        // it calls MockProducer.clear() (which drops the open transaction) before committing it.
        // The guarantee itself is tested against a real broker; here the handlers' output is.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        this.driver = new TopologyTestDriver(topology, props, START);
        this.input = driver.createInputTopic(config.topics().input(), new ByteArraySerializer(), new ByteArraySerializer());
        this.replay = driver.createInputTopic(config.topics().replay(), new ByteArraySerializer(), new ByteArraySerializer());
        this.output = driver.createOutputTopic(config.topics().output(), new StringDeserializer(),
                new JsonSerde<>(SyncedTicket.class).deserializer());
        this.deadLetters = driver.createOutputTopic(config.topics().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Pipes a record keyed by {@code key} (UTF-8) with the given value bytes. */
    public void send(final String key, final byte[] value) {
        sendRaw(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, null);
    }

    /** Pipes a change keyed by its own ticketId. */
    public void send(final TicketChangeBuilder change) {
        send(change.ticketId(), change);
    }

    public void send(final String key, final TicketChangeBuilder change) {
        send(key, change.bytes());
    }

    /** Pipes raw key and value bytes with optional headers; each record one second after the last. */
    public void sendRaw(final byte[] key, final byte[] value, final Headers headers) {
        pipe(input, key, value, headers);
    }

    /** Pipes a change, keyed by its own ticketId, to the replay topic, as {@code dlq replay} sends it. */
    public void sendReplayed(final TicketChangeBuilder change) {
        pipe(replay, change.ticketId().getBytes(StandardCharsets.UTF_8), change.bytes(), null);
    }

    private void pipe(final TestInputTopic<byte[], byte[]> topic, final byte[] key, final byte[] value, final Headers headers) {
        topic.pipeInput(new TestRecord<>(key, value, headers, nextTimestamp));
        nextTimestamp = nextTimestamp.plus(Duration.ofSeconds(1));
    }

    /**
     * Pipes raw key and value bytes with the given headers and timestamp, negative ones included:
     * TestRecord's {@code Instant} constructor accepts them (its {@code Long} one refuses), and the
     * driver hands them to the timestamp extractor as a broker would.
     */
    public void sendRaw(final byte[] key, final byte[] value, final Headers headers, final Instant timestamp) {
        input.pipeInput(new TestRecord<>(key, value, headers, timestamp));
    }

    public TestOutputTopic<String, SyncedTicket> output() {
        return output;
    }

    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** The ticket-snapshots store, as the processor sees it (values are TicketStateCodec's bytes). */
    public KeyValueStore<String, byte[]> snapshots() {
        return driver.getKeyValueStore(TicketSyncTopology.STORE);
    }

    /** A ticket's stored state, decoded; null when the store holds none. */
    public TicketState storedState(final String ticketId) {
        final byte[] stored = snapshots().get(ticketId);
        return stored == null ? null : new TicketStateCodec(TicketSyncTopology.STORE).decode(ticketId, stored);
    }

    public long appliedCount() {
        return RecordCounters.total(driver.metrics(), MetricNames.APPLIED);
    }

    public long skippedStaleCount() {
        return RecordCounters.total(driver.metrics(), MetricNames.SKIPPED_STALE);
    }

    @Override
    public void close() {
        driver.close();
        deleteRecursively(stateDir);
    }

    private static void deleteRecursively(final Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            // The temp dir is only cleanup; a leftover directory must not fail a test.
        }
    }
}
