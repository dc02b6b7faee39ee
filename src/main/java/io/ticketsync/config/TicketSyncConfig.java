package io.ticketsync.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The typed, immutable configuration of one ticket-sync instance, parsed once from the merged raw
 * key/value map (see {@link ConfigLoader} for where values come from, defaults included). Nothing
 * else reads raw properties: Kafka client settings are handed out here, already judged by Kafka's
 * own {@link StreamsConfig}, and what Kafka Streams instantiates gets this object, not a map to
 * parse again.
 */
public final class TicketSyncConfig {

    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String INPUT_TOPIC = "input.topic";
    public static final String OUTPUT_TOPIC = "output.topic";
    public static final String DLQ_TOPIC = "dlq.topic";
    public static final String DLQ_RESOLUTIONS_TOPIC = "dlq.resolutions.topic";
    public static final String MAPPING_STATUS_PREFIX = "mapping.status.";
    public static final String MAPPING_PRIORITY_PREFIX = "mapping.priority.";
    public static final String DLQ_STACKTRACE_MAX_BYTES = "dlq.stacktrace.max.bytes";
    public static final String DLQ_MESSAGE_MAX_CHARS = "dlq.message.max.chars";
    public static final String DLQ_MAX_RECORD_BYTES = "dlq.max.record.bytes";
    public static final String OUTPUT_MAX_RECORD_BYTES = "output.max.record.bytes";
    public static final String UNCAUGHT_REPLACE_MAX = "uncaught.replace.max";
    public static final String UNCAUGHT_REPLACE_WINDOW_MS = "uncaught.replace.window.ms";
    public static final String UNCAUGHT_FATAL_EXCEPTIONS = "uncaught.fatal.exceptions";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String STARTUP_TIMEOUT_MS = "startup.timeout.ms";
    public static final String HTTP_BIND_ADDRESS = "http.bind.address";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_AUTH_TOKEN = "http.auth.token";
    public static final String CONSOLE_BIND_ADDRESS = "console.bind.address";
    public static final String CONSOLE_PORT = "console.port";
    public static final String CONSOLE_USER = "console.user";
    public static final String CONSOLE_PASSWORD = "console.password";
    public static final String CONSOLE_TICKETS_URL = "console.tickets.url";
    public static final String HEALTH_STUCK_TIMEOUT_MS = "health.stuck.timeout.ms";
    public static final String HEALTH_STUCK_ACTION = "health.stuck.action";
    public static final String DLQ_SURGE_WINDOW_RECORDS = "dlq.surge.window.records";
    public static final String DLQ_SURGE_MIN_RECORDS = "dlq.surge.min.records";
    public static final String DLQ_SURGE_THRESHOLD = "dlq.surge.threshold";
    /** Every key of ticket-sync's own (Kafka's are known from Kafka); a key no one knows is refused. */
    private static final KnownKeys KNOWN_KEYS = new KnownKeys(Set.of(INPUT_TOPIC, OUTPUT_TOPIC, DLQ_TOPIC, DLQ_RESOLUTIONS_TOPIC,
            DLQ_STACKTRACE_MAX_BYTES, DLQ_MESSAGE_MAX_CHARS, DLQ_MAX_RECORD_BYTES, OUTPUT_MAX_RECORD_BYTES, UNCAUGHT_REPLACE_MAX,
            UNCAUGHT_REPLACE_WINDOW_MS, UNCAUGHT_FATAL_EXCEPTIONS, SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS,
            HTTP_BIND_ADDRESS, HTTP_PORT, HTTP_AUTH_TOKEN, HEALTH_STUCK_TIMEOUT_MS, HEALTH_STUCK_ACTION, DLQ_SURGE_WINDOW_RECORDS,
            DLQ_SURGE_MIN_RECORDS, DLQ_SURGE_THRESHOLD, CONSOLE_BIND_ADDRESS, CONSOLE_PORT, CONSOLE_USER, CONSOLE_PASSWORD,
            CONSOLE_TICKETS_URL), List.of(MAPPING_STATUS_PREFIX, MAPPING_PRIORITY_PREFIX));
    /** A shorter bearer token could be guessed. */
    static final int MIN_TOKEN_LENGTH = 16;
    /** More replacements than this within one window is no budget at all. */
    static final int MAX_REPLACEMENTS = 100;
    /** A stuck timeout longer than this would let a dead partition look alive for hours. */
    static final Duration MAX_STUCK_TIMEOUT = Duration.ofHours(1);
    private static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final Map<String, String> raw;
    private final Map<String, Object> kafkaProperties;
    private final String applicationId;
    private final Topics topics;
    private final ValueMapping statusMapping;
    private final ValueMapping priorityMapping;
    private final int stackTraceMaxBytes;
    private final int messageMaxChars;
    private final int dlqMaxRecordBytes;
    private final int outputMaxRecordBytes;
    private final int replaceMax;
    private final Duration replaceWindow;
    private final List<Class<? extends Throwable>> fatalExceptions;
    private final Duration shutdownTimeout;
    private final Duration startupTimeout;
    private final String httpBindAddress;
    private final int httpPort;
    private final Optional<String> httpAuthToken;
    private final Duration stuckTimeout;
    private final ConsoleSettings console;
    private final StuckAction stuckAction;
    private final SurgeLimits surgeLimits;
    private final String processingGuarantee;
    private final Optional<HostInfo> applicationServer;
    /** Kafka's reading of the raw map, made once: client settings are derived from it. */
    private final StreamsConfig streamsConfig;

    private TicketSyncConfig(final Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
        this.kafkaProperties = kafkaProperties(this.raw);
        new TreeMap<>(raw).keySet().forEach(key -> KNOWN_KEYS.problem(key).ifPresent(problem -> {
            throw new InvalidConfigException(problem);
        }));
        this.applicationId = required(APPLICATION_ID);
        final String deadLetterTopic = required(DLQ_TOPIC);
        this.topics = new Topics(required(INPUT_TOPIC), required(OUTPUT_TOPIC), deadLetterTopic,
                raw.getOrDefault(DLQ_RESOLUTIONS_TOPIC, Topics.resolutionsTopicOf(deadLetterTopic)));
        this.statusMapping = mapping("status", MAPPING_STATUS_PREFIX);
        this.priorityMapping = mapping("priority", MAPPING_PRIORITY_PREFIX);
        this.stackTraceMaxBytes = positiveInt(DLQ_STACKTRACE_MAX_BYTES);
        this.messageMaxChars = positiveInt(DLQ_MESSAGE_MAX_CHARS);
        this.dlqMaxRecordBytes = dlqMaxRecordBytesWithinProducerLimit();
        this.outputMaxRecordBytes = positiveInt(OUTPUT_MAX_RECORD_BYTES);
        this.replaceMax = nonNegativeInt(UNCAUGHT_REPLACE_MAX);
        this.replaceWindow = millis(UNCAUGHT_REPLACE_WINDOW_MS);
        this.fatalExceptions = throwableClasses(UNCAUGHT_FATAL_EXCEPTIONS);
        this.shutdownTimeout = millis(SHUTDOWN_TIMEOUT_MS);
        this.startupTimeout = millis(STARTUP_TIMEOUT_MS);
        this.httpBindAddress = required(HTTP_BIND_ADDRESS);
        this.httpPort = (int) longBetween(HTTP_PORT, 0, 65_535, "a port number from 0 to 65535");
        this.httpAuthToken = secret(HTTP_AUTH_TOKEN, "remove the key to turn authentication off");
        this.console = new ConsoleSettings(required(CONSOLE_BIND_ADDRESS),
                (int) longBetween(CONSOLE_PORT, 0, 65_535, "a port number from 0 to 65535"), required(CONSOLE_USER),
                secret(CONSOLE_PASSWORD, "the console needs it"), url(CONSOLE_TICKETS_URL));
        this.stuckTimeout = millis(HEALTH_STUCK_TIMEOUT_MS);
        this.stuckAction = StuckAction.parse(HEALTH_STUCK_ACTION, required(HEALTH_STUCK_ACTION));
        this.surgeLimits = new SurgeLimits(positiveInt(DLQ_SURGE_WINDOW_RECORDS), positiveInt(DLQ_SURGE_MIN_RECORDS),
                fraction(DLQ_SURGE_THRESHOLD));
        this.streamsConfig = kafkaStreamsConfig();
        this.applicationServer = applicationServer(streamsConfig.getString(StreamsConfig.APPLICATION_SERVER_CONFIG));
        this.processingGuarantee = streamsConfig.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        validateFailureGuards(streamsConfig.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        if (surgeLimits.minRecords() > surgeLimits.windowRecords()) {
            throw new InvalidConfigException("'" + DLQ_SURGE_MIN_RECORDS + "' (" + surgeLimits.minRecords()
                    + ") must not exceed '" + DLQ_SURGE_WINDOW_RECORDS + "' (" + surgeLimits.windowRecords() + ")");
        }
        if (new HashSet<>(List.of(topics.input(), topics.output(), topics.deadLetter(), topics.resolutions())).size() != 4) {
            throw new InvalidConfigException("input.topic, output.topic, dlq.topic and dlq.resolutions.topic must be four different topics, got "
                    + topics);
        }
    }

    /**
     * Parses a complete raw map: nothing is filled in here (built-in defaults are
     * {@link ConfigLoader}'s business).
     *
     * @throws InvalidConfigException naming the first key that is missing or malformed
     */
    public static TicketSyncConfig from(final Map<String, String> values) {
        return new TicketSyncConfig(values);
    }

    public String applicationId() {
        return applicationId;
    }

    public Topics topics() {
        return topics;
    }

    public ValueMapping statusMapping() {
        return statusMapping;
    }

    public ValueMapping priorityMapping() {
        return priorityMapping;
    }

    /** Cap on the UTF-8 size of the {@code __streams.errors.stacktrace} header. */
    public int stackTraceMaxBytes() {
        return stackTraceMaxBytes;
    }

    /** Cap on the length of the {@code __streams.errors.message} header. */
    public int messageMaxChars() {
        return messageMaxChars;
    }

    /**
     * Largest dead letter, measured as the producer measures a record; a larger one is sent with
     * its least useful parts left out (see {@code DeadLetterSizeLimit}).
     */
    public int dlqMaxRecordBytes() {
        return dlqMaxRecordBytes;
    }

    /**
     * Largest record a change may write, headers included: the output record and the stored
     * state's changelog record. A change over it is dead-lettered at the PROCESSING stage.
     */
    public int outputMaxRecordBytes() {
        return outputMaxRecordBytes;
    }

    /** At most this many stream-thread replacements within {@link #replaceWindow()}. */
    public int replaceMax() {
        return replaceMax;
    }

    public Duration replaceWindow() {
        return replaceWindow;
    }

    /** Exceptions that shut the client down at once ({@code uncaught.fatal.exceptions}). */
    public List<Class<? extends Throwable>> fatalExceptions() {
        return fatalExceptions;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    public String httpBindAddress() {
        return httpBindAddress;
    }

    /** 0 picks a free port. */
    public int httpPort() {
        return httpPort;
    }

    /** The token {@code /tickets} and {@code /metrics} require; empty when the API needs no authentication. */
    public Optional<String> httpAuthToken() {
        return httpAuthToken;
    }

    /** Where the dead-letter console listens, who may log in, and where it asks for ticket snapshots. */
    public ConsoleSettings console() {
        return console;
    }

    /** Liveness fails when a task with input waiting has not committed for this long. */
    public Duration stuckTimeout() {
        return stuckTimeout;
    }

    /** What a stuck instance does: exit (so any supervisor restarts it) or only report. */
    public StuckAction stuckAction() {
        return stuckAction;
    }

    /** When a surge of dead letters stops the instance. */
    public SurgeLimits surgeLimits() {
        return surgeLimits;
    }

    /** Kafka Streams' {@code processing.guarantee}, with Kafka's default applied. */
    public String processingGuarantee() {
        return processingGuarantee;
    }

    /**
     * Refuses a processing guarantee that can lose output: under {@code at_least_once} the
     * snapshot store can become durable before the output record, and after a crash the replayed
     * change is skipped as stale, so its output never exists. The commands that sync call this;
     * test drivers and benchmarks, which measure the topology, do not.
     *
     * @throws InvalidConfigException naming {@code processing.guarantee}
     */
    public TicketSyncConfig requireLosslessGuarantee() {
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)) {
            throw new InvalidConfigException("'" + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "' must be "
                    + StreamsConfig.EXACTLY_ONCE_V2 + ", got '" + processingGuarantee + "': under at_least_once the "
                    + "ticket store can advance before its output is durable, and that output would be lost after a crash");
        }
        return this;
    }

    /** Every raw value, sorted by key. */
    public Map<String, String> raw() {
        return new TreeMap<>(raw);
    }

    /**
     * What Kafka Streams is configured with, before the error handlers are added: every raw key
     * (Kafka Streams and client keys pass straight through) and the Kafka behaviour ticket-sync
     * always wants. Unmodifiable.
     */
    public Map<String, Object> kafkaProperties() {
        return kafkaProperties;
    }

    private static Map<String, Object> kafkaProperties(final Map<String, String> raw) {
        final Map<String, Object> props = new TreeMap<>(raw);
        // No global stores today; enabling it now keeps behaviour stable when Kafka 5.0 flips the default.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return Collections.unmodifiableMap(props);
    }

    /** {@code bootstrap.servers}, as Kafka reads it: comma-separated host:port pairs. */
    public String bootstrapServers() {
        return String.join(",", streamsConfig.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
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

    private Map<String, Object> plainSettings(final Set<String> names) {
        final Map<String, Object> values = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (names.contains(key)) {
                values.put(key, value);
            }
        });
        return values;
    }

    private static Optional<HostInfo> applicationServer(final String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostInfo.buildFromEndpoint(endpoint));
        } catch (final ConfigException e) {
            throw new InvalidConfigException(e.getMessage());
        }
    }

    /**
     * A dead letter goes out through the application's own producer, which refuses any record over
     * its {@code max.request.size}: a limit above that could never be met.
     */
    private int dlqMaxRecordBytesWithinProducerLimit() {
        final int limit = positiveInt(DLQ_MAX_RECORD_BYTES);
        // Kafka Streams lets the producer-prefixed key win over the plain one.
        final String producerKey = StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        final String sizeKey = raw.containsKey(producerKey) ? producerKey : ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        final int maxRequestSize = raw.containsKey(sizeKey) ? positiveInt(sizeKey) : KAFKA_DEFAULT_MAX_REQUEST_SIZE;
        if (limit > maxRequestSize) {
            throw new InvalidConfigException("'" + DLQ_MAX_RECORD_BYTES + "' is " + limit + " but the producer's "
                    + sizeKey + " is " + maxRequestSize + (raw.containsKey(sizeKey) ? "" : " (Kafka's default)")
                    + ": lower '" + DLQ_MAX_RECORD_BYTES + "' or raise '" + sizeKey + "'");
        }
        return limit;
    }

    private String required(final String key) {
        final String value = raw.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException("missing required configuration '" + key + "'");
        }
        return value.trim();
    }

    /** Absent, or a secret worth the name. Messages never echo the value. */
    private Optional<String> secret(final String key, final String ifAbsent) {
        final String value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() < MIN_TOKEN_LENGTH || !value.chars().allMatch(c -> c > ' ' && c < 127)) {
            // An empty value must not quietly mean "no authentication": the operator meant to set one.
            throw new InvalidConfigException("'" + key + "' must be at least " + MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces (" + ifAbsent + ")");
        }
        return Optional.of(value);
    }

    private Optional<URI> url(final String key) {
        final String value = raw.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            final URI uri = new URI(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return Optional.of(uri);
        } catch (final URISyntaxException e) {
            throw new InvalidConfigException("'" + key + "' must be an http(s) URL such as http://ticket-sync:8080, got '"
                    + value + "'");
        }
    }

    private int positiveInt(final String key) {
        return (int) longBetween(key, 1, Integer.MAX_VALUE, "a positive integer");
    }

    private int nonNegativeInt(final String key) {
        return (int) longBetween(key, 0, Integer.MAX_VALUE, "an integer >= 0");
    }

    /** A positive number of milliseconds (a long: days are fine). */
    private Duration millis(final String key) {
        return Duration.ofMillis(longBetween(key, 1, Long.MAX_VALUE / 1_000_000, "a positive number of milliseconds"));
    }

    private long longBetween(final String key, final long minimum, final long maximum, final String expected) {
        final String value = required(key);
        try {
            final long parsed = Long.parseLong(value);
            if (parsed >= minimum && parsed <= maximum) {
                return parsed;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigException("'" + key + "' must be " + expected + ", got '" + value + "'");
    }

    /**
     * The replacement budget and the stuck detector together guarantee that a thread which keeps
     * dying cannot keep the instance alive with liveness up: the budget must be a budget, and the
     * detector must be able to fire.
     */
    private void validateFailureGuards(final long commitIntervalMs) {
        if (replaceMax > MAX_REPLACEMENTS) {
            throw new InvalidConfigException("'" + UNCAUGHT_REPLACE_MAX + "' must be at most " + MAX_REPLACEMENTS
                    + ", got " + replaceMax);
        }
        if (replaceWindow.compareTo(stuckTimeout) < 0) {
            throw new InvalidConfigException("'" + UNCAUGHT_REPLACE_WINDOW_MS + "' (" + replaceWindow.toMillis()
                    + ") must be at least '" + HEALTH_STUCK_TIMEOUT_MS + "' (" + stuckTimeout.toMillis()
                    + "): a shorter window forgets a thread's deaths before a stuck partition is noticed");
        }
        if (stuckTimeout.compareTo(MAX_STUCK_TIMEOUT) > 0) {
            throw new InvalidConfigException("'" + HEALTH_STUCK_TIMEOUT_MS + "' must be at most "
                    + MAX_STUCK_TIMEOUT.toMillis() + ", got " + stuckTimeout.toMillis());
        }
        if (stuckTimeout.toMillis() <= commitIntervalMs) {
            throw new InvalidConfigException("'" + HEALTH_STUCK_TIMEOUT_MS + "' (" + stuckTimeout.toMillis()
                    + ") must be longer than commit.interval.ms (" + commitIntervalMs
                    + "), or every healthy partition would look stuck between commits");
        }
        validateTransactionTimeout(commitIntervalMs);
    }

    /**
     * A transaction stays open from the first send after a commit to the next commit: if the broker
     * may abort it sooner, every transaction is at risk and the stream thread keeps being fenced.
     */
    private void validateTransactionTimeout(final long commitIntervalMs) {
        if (processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            return;
        }
        // What the producer gets: the producer.-prefixed key, else the plain one, else Kafka Streams' 10 s.
        final Object timeout = streamsConfig.getProducerConfigs("validation").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        final long timeoutMs = Long.parseLong(String.valueOf(timeout));
        if (timeoutMs <= commitIntervalMs) {
            throw new InvalidConfigException("'producer." + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG + "' (" + timeoutMs
                    + ") must be longer than commit.interval.ms (" + commitIntervalMs
                    + "), or the broker aborts transactions before they commit");
        }
    }

    /** Kafka's own validation of its keys, reported like ours: exit 3 with the key named, no stack trace. */
    private StreamsConfig kafkaStreamsConfig() {
        try {
            // What the client gets (ticket-sync adds only its own handlers), so Kafka judges what will run.
            return new StreamsConfig(kafkaProperties);
        } catch (final ConfigException | IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
    }

    private double fraction(final String key) {
        final String value = required(key);
        try {
            final double parsed = Double.parseDouble(value);
            if (parsed > 0 && parsed <= 1) {
                return parsed;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigException("'" + key + "' must be a number in (0, 1], got '" + value + "'");
    }

    private List<Class<? extends Throwable>> throwableClasses(final String key) {
        final List<Class<? extends Throwable>> classes = new ArrayList<>();
        for (final String name : required(key).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                classes.add(Class.forName(name.trim()).asSubclass(Throwable.class));
            } catch (final ClassNotFoundException | ClassCastException e) {
                throw new InvalidConfigException("'" + key + "' lists '" + name.trim() + "', which is not a Throwable class");
            }
        }
        return List.copyOf(classes);
    }

    private ValueMapping mapping(final String name, final String prefix) {
        final Map<String, String> entries = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                if (value.isBlank()) {
                    throw new InvalidConfigException("'" + key + "' maps to an empty target value");
                }
                entries.put(key.substring(prefix.length()), value.trim());
            }
        });
        if (entries.isEmpty()) {
            throw new InvalidConfigException("no " + name + " mapping configured: add '" + prefix + "<source>=<TARGET>' keys");
        }
        return new ValueMapping(name, entries);
    }
}
