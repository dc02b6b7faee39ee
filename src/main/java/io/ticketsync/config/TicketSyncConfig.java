package io.ticketsync.config;

import org.apache.kafka.streams.StreamsConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The typed, immutable configuration of one ticket-sync instance, parsed once from the merged raw
 * key/value map (see {@link ConfigLoader} for where values come from, defaults included). Each
 * concern is parsed and validated by its own class; this one puts them together. Nothing else
 * reads raw properties: Kafka client settings are handed out by {@link KafkaSettings}, already
 * judged by Kafka, and what Kafka Streams instantiates gets this object, not a map to parse again.
 */
public final class TicketSyncConfig {

    private static final KnownKeys KNOWN_KEYS = new KnownKeys(ConfigKeys.OWN_KEYS, ConfigKeys.OWN_PREFIXES);

    private final RawConfig raw;
    private final String applicationId;
    private final Topics topics;
    private final ValueMapping statusMapping;
    private final ValueMapping priorityMapping;
    private final KafkaSettings kafka;
    private final RecordLimits limits;
    private final FailureGuards guards;
    private final ApiSettings api;
    private final ConsoleSettings console;
    private final Optional<URI> checkUrl;
    private final Duration shutdownTimeout;
    private final Duration startupTimeout;
    private final short topicsMinReplication;

    private TicketSyncConfig(final Map<String, String> values, final Map<String, Origin> origins) {
        this.raw = new RawConfig(values, origins);
        new TreeMap<>(values).keySet().forEach(key -> KNOWN_KEYS.problem(key).ifPresent(problem -> {
            throw raw.invalid(key, problem);
        }));
        this.applicationId = raw.required(ConfigKeys.APPLICATION_ID);
        this.topics = Topics.read(raw);
        this.shutdownTimeout = raw.millis(ConfigKeys.SHUTDOWN_TIMEOUT_MS);
        this.startupTimeout = raw.millis(ConfigKeys.STARTUP_TIMEOUT_MS);
        // A replication factor is a short in Kafka's protocol.
        this.topicsMinReplication = (short) raw.longBetween(ConfigKeys.TOPICS_MIN_REPLICATION, 1, Short.MAX_VALUE,
                "a replica count from 1 to " + Short.MAX_VALUE);
        this.api = ApiSettings.read(raw);
        this.console = ConsoleSettings.read(raw);
        this.checkUrl = raw.httpUrl(ConfigKeys.DLQ_CHECK_URL);
        this.kafka = new KafkaSettings(raw);
        this.limits = RecordLimits.read(raw, kafka);
        this.guards = FailureGuards.read(raw, kafka.commitIntervalMs());
        this.statusMapping = raw.mapping("status", ConfigKeys.MAPPING_STATUS_PREFIX);
        this.priorityMapping = raw.mapping("priority", ConfigKeys.MAPPING_PRIORITY_PREFIX);
    }

    /**
     * Parses a complete raw map: nothing is filled in here (built-in defaults are
     * {@link ConfigLoader}'s business).
     *
     * @throws InvalidConfigException naming the first key that is missing or malformed
     */
    public static TicketSyncConfig from(final Map<String, String> values) {
        return new TicketSyncConfig(values, Map.of());
    }

    /** As {@link #from(Map)}, with where each value came from, which every error then names. */
    public static TicketSyncConfig from(final Map<String, String> values, final Map<String, Origin> origins) {
        return new TicketSyncConfig(values, origins);
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

    /** Kafka Streams' and the clients' settings. */
    public KafkaSettings kafka() {
        return kafka;
    }

    /** How large dead letters, output records and their parts may be. */
    public RecordLimits limits() {
        return limits;
    }

    /** The thread-replacement budget, the stuck detector and the surge brake. */
    public FailureGuards guards() {
        return guards;
    }

    /** Where the read-only HTTP API listens and whether it wants a token. */
    public ApiSettings api() {
        return api;
    }

    /**
     * The console's sign-in checked in full, before it starts: the password in password mode (then
     * empty), the provider's settings and an https public origin in oidc mode. Only the console asks:
     * other commands run without the client secret in their environment.
     *
     * @throws InvalidConfigException naming what is missing
     */
    public Optional<OidcSettings> requireConsoleSignIn() {
        if (console.auth() == ConsoleSettings.Auth.PASSWORD) {
            console.requirePassword();
            return Optional.empty();
        }
        console.oidcRedirectBase(raw);
        return Optional.of(OidcSettings.read(raw));
    }

    /** Where the dead-letter console listens, who may log in, and where it asks for ticket snapshots. */
    public ConsoleSettings console() {
        return console;
    }

    /**
     * The HTTP API of a running instance that checks an edited letter before it is sent:
     * {@code dlq.check.url}, else {@code console.tickets.url}.
     *
     * @throws InvalidConfigException naming {@code dlq.check.url} when neither is set
     */
    public URI requireCheckUrl() {
        return checkUrl.or(console::ticketsUrl).orElseThrow(() -> raw.invalid(ConfigKeys.DLQ_CHECK_URL,
                "missing required configuration '" + ConfigKeys.DLQ_CHECK_URL + "': an edit is checked by a running"
                        + " ticket-sync before it is sent; set it to an instance's HTTP API, e.g. http://ticket-sync:8080"
                        + " (or set " + ConfigKeys.CONSOLE_TICKETS_URL + ")"));
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    /** The fewest replicas {@code run} accepts for a topic it uses ({@code topics.min.replication}; 1: any). */
    public short topicsMinReplication() {
        return topicsMinReplication;
    }

    /** {@code bootstrap.servers}, as Kafka reads it (what most commands need first). */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
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
        final String guarantee = kafka.processingGuarantee();
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
            throw raw.invalid(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "'" + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "' must be "
                    + StreamsConfig.EXACTLY_ONCE_V2 + ", got '" + guarantee + "': under at_least_once the "
                    + "ticket store can advance before its output is durable, and that output would be lost after a crash");
        }
        return this;
    }

    /**
     * Refuses to sync without a status and a priority mapping: every change would be dead-lettered.
     * Only the commands that sync call this; {@code acls}, {@code topics} and the dlq tools need
     * no mappings, and the defaults carry none (they are the operator's, never sample data).
     *
     * @throws InvalidConfigException naming the missing family and where mappings go
     */
    public TicketSyncConfig requireMappings() {
        requireEntries(statusMapping, ConfigKeys.MAPPING_STATUS_PREFIX);
        requireEntries(priorityMapping, ConfigKeys.MAPPING_PRIORITY_PREFIX);
        return this;
    }

    private static void requireEntries(final ValueMapping mapping, final String prefix) {
        if (mapping.isEmpty()) {
            throw new InvalidConfigException("no " + mapping.name() + " mapping configured: add '" + prefix
                    + "<source>=<TARGET>' keys in a file of your own and name it with --config"
                    + " (config/sample-mappings.properties shows the form; only dev uses it unasked)");
        }
    }

    /** Every raw value, sorted by key. */
    public Map<String, String> raw() {
        return new TreeMap<>(raw.values());
    }
}
