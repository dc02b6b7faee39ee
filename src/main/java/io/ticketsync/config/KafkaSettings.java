package io.ticketsync.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's side of the configuration: every raw key handed to Kafka Streams (its own and client
 * keys pass straight through), already judged by Kafka's {@link StreamsConfig}, and the client
 * settings derived from it for the admin client, the DLQ tools and the console.
 */
public final class KafkaSettings {

    private static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final Pattern KAFKA_KEY_IN_MESSAGE = Pattern.compile("for configuration ([^\\s:]+)");

    private final Map<String, String> raw;
    private final Map<String, Object> properties;
    /** Kafka's reading of the raw map, made once: client settings are derived from it. */
    private final StreamsConfig streamsConfig;
    private final Optional<HostInfo> applicationServer;

    KafkaSettings(final RawConfig raw) {
        this.raw = raw.values();
        this.properties = withTicketSyncBehaviour(this.raw);
        this.streamsConfig = judgedByKafka(raw, properties);
        requireHostPortPairs(raw, streamsConfig.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.applicationServer = applicationServer(raw, streamsConfig.getString(StreamsConfig.APPLICATION_SERVER_CONFIG));
        requireTransactionsOutliveCommits(raw);
    }

    /**
     * What Kafka Streams is configured with, before the error handlers are added: every raw key
     * and the Kafka behaviour ticket-sync always wants. Unmodifiable.
     */
    public Map<String, Object> properties() {
        return properties;
    }

    /** {@code bootstrap.servers}, as Kafka reads it: comma-separated host:port pairs. */
    public String bootstrapServers() {
        return String.join(",", streamsConfig.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Kafka Streams' {@code processing.guarantee}, with Kafka's default applied. */
    public String processingGuarantee() {
        return streamsConfig.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    }

    /** Kafka Streams' {@code commit.interval.ms}, with the default for the processing guarantee applied. */
    public long commitIntervalMs() {
        return streamsConfig.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    }

    /** Where this instance answers interactive queries ({@code application.server}); empty when unset. */
    public Optional<HostInfo> applicationServer() {
        return applicationServer;
    }

    /** Topology-level settings, from the same settings the client runs with. */
    public TopologyConfig topologyConfig() {
        return new TopologyConfig(streamsConfig);
    }

    /** Settings for an admin client, as Kafka Streams derives its own (a fresh, modifiable map). */
    public Map<String, Object> adminClientConfigs(final String clientId) {
        return streamsConfig.getAdminConfigs(clientId);
    }

    /** Settings for a plain consumer, as Kafka Streams derives its global consumer's (a fresh, modifiable map). */
    public Map<String, Object> consumerClientConfigs(final String clientId) {
        return streamsConfig.getGlobalConsumerConfigs(clientId);
    }

    /** The plain (unprefixed) consumer settings, connection and security included, for the DLQ tools. */
    public Map<String, Object> plainConsumerSettings() {
        return plainSettings(ConsumerConfig.configNames());
    }

    /** The plain (unprefixed) producer settings, connection and security included, for the DLQ tools. */
    public Map<String, Object> plainProducerSettings() {
        return plainSettings(ProducerConfig.configNames());
    }

    /**
     * The application producer's {@code max.request.size} and the key it came from: the
     * {@code producer.}-prefixed key wins over the plain one, as in Kafka Streams; Kafka's default
     * when neither is set.
     */
    MaxRequestSize maxRequestSize(final RawConfig values) {
        final String producerKey = StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        final String sizeKey = values.has(producerKey) ? producerKey : ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        return values.has(sizeKey) ? new MaxRequestSize(values.positiveInt(sizeKey), sizeKey, false)
                : new MaxRequestSize(KAFKA_DEFAULT_MAX_REQUEST_SIZE, sizeKey, true);
    }

    /** The producer's largest request, and where that figure came from. */
    record MaxRequestSize(int bytes, String key, boolean kafkaDefault) {
    }

    private Map<String, Object> plainSettings(final Set<String> names) {
        final Map<String, Object> values = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (names.contains(key)) {
                values.put(key, value);
            }
        });
        return values;
    }

    private static Map<String, Object> withTicketSyncBehaviour(final Map<String, String> raw) {
        final Map<String, Object> props = new TreeMap<>(raw);
        // No global stores today; enabling it now keeps behaviour stable when Kafka 5.0 flips the default.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return Collections.unmodifiableMap(props);
    }

    /** Kafka's own validation of its keys, reported like ours: exit 3 with the key named, no stack trace. */
    private static StreamsConfig judgedByKafka(final RawConfig raw, final Map<String, Object> properties) {
        try {
            // What the client gets (ticket-sync adds only its own handlers), so Kafka judges what will run.
            return new StreamsConfig(properties);
        } catch (final ConfigException | IllegalArgumentException e) {
            throw keyNamedIn(e.getMessage()).map(key -> raw.invalid(key, e.getMessage()))
                    .orElseGet(() -> new InvalidConfigException(e.getMessage()));
        }
    }

    /** Kafka names the key only inside its message: "Invalid value x for configuration KEY: ...". */
    private static Optional<String> keyNamedIn(final String message) {
        final Matcher matcher = KAFKA_KEY_IN_MESSAGE.matcher(message == null ? "" : message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * Kafka accepts any string here and only fails when a client is built; a missing port would
     * otherwise surface as a wait for {@code startup.timeout.ms} and "cannot reach Kafka" (exit 4).
     */
    private static void requireHostPortPairs(final RawConfig raw, final List<String> servers) {
        for (final String server : servers) {
            final String host = Utils.getHost(server);
            final Integer port = Utils.getPort(server);
            if (host == null || host.isEmpty() || port == null || port < 1 || port > 65_535) {
                throw raw.invalid(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "'" + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG + "' must be comma-separated "
                        + "host:port pairs (port 1-65535), e.g. kafka-1:9092; got '" + server + "'");
            }
        }
    }

    private static Optional<HostInfo> applicationServer(final RawConfig raw, final String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostInfo.buildFromEndpoint(endpoint));
        } catch (final ConfigException e) {
            throw raw.invalid(StreamsConfig.APPLICATION_SERVER_CONFIG, e.getMessage());
        }
    }

    /**
     * A transaction stays open from the first send after a commit to the next commit: if the broker
     * may abort it sooner, every transaction is at risk and the stream thread keeps being fenced.
     */
    private void requireTransactionsOutliveCommits(final RawConfig raw) {
        if (processingGuarantee().equals(StreamsConfig.AT_LEAST_ONCE)) {
            return;
        }
        // What the producer gets: the producer.-prefixed key, else the plain one, else Kafka Streams' 10 s.
        final Object timeout = streamsConfig.getProducerConfigs("validation").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        final long timeoutMs = Long.parseLong(String.valueOf(timeout));
        if (timeoutMs <= commitIntervalMs()) {
            throw raw.invalid(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "'producer." + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG + "' (" + timeoutMs
                    + ") must be longer than commit.interval.ms (" + commitIntervalMs()
                    + "), or the broker aborts transactions before they commit");
        }
    }
}
