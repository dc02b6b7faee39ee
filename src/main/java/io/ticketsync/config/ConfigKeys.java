package io.ticketsync.config;

import org.apache.kafka.streams.StreamsConfig;

import java.util.List;
import java.util.Set;

/**
 * The names of ticket-sync's own configuration keys, in one place: the parsers, the startup
 * messages, the tests and the contract all name keys from here. Kafka's keys are Kafka's.
 */
public final class ConfigKeys {

    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String INPUT_TOPIC = "input.topic";
    public static final String OUTPUT_TOPIC = "output.topic";
    public static final String REPLAY_TOPIC = "replay.topic";
    public static final String DLQ_TOPIC = "dlq.topic";
    public static final String DLQ_RESOLUTIONS_TOPIC = "dlq.resolutions.topic";
    public static final String MAPPING_STATUS_PREFIX = "mapping.status.";
    public static final String MAPPING_PRIORITY_PREFIX = "mapping.priority.";
    /** {@code true} in a layer: "exactly these mappings", the mappings of the layers below are dropped. */
    public static final String MAPPING_REPLACE = "mapping.replace";
    public static final String DLQ_STACKTRACE_MAX_BYTES = "dlq.stacktrace.max.bytes";
    public static final String DLQ_MESSAGE_MAX_CHARS = "dlq.message.max.chars";
    public static final String DLQ_MAX_RECORD_BYTES = "dlq.max.record.bytes";
    public static final String OUTPUT_MAX_RECORD_BYTES = "output.max.record.bytes";
    /** Not {@code topic.}: Kafka Streams hands every {@code topic.*} key to internal-topic creation. */
    public static final String TOPICS_MIN_REPLICATION = "topics.min.replication";
    public static final String UNCAUGHT_REPLACE_MAX = "uncaught.replace.max";
    public static final String UNCAUGHT_REPLACE_WINDOW_MS = "uncaught.replace.window.ms";
    public static final String UNCAUGHT_BROKER_REPLACE_MAX = "uncaught.broker.replace.max";
    public static final String UNCAUGHT_BROKER_REPLACE_WINDOW_MS = "uncaught.broker.replace.window.ms";
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
    public static final String CONSOLE_PUBLIC_URL = "console.public.url";
    public static final String CONSOLE_TRUSTED_PROXIES = "console.trusted.proxies";
    public static final String CONSOLE_INDEX_STALE_READY_MS = "console.index.stale.ready.ms";
    public static final String CONSOLE_INDEX_STALE_EXIT_MS = "console.index.stale.exit.ms";
    public static final String CONSOLE_AUTH = "console.auth";
    public static final String CONSOLE_SESSION_MAX_AGE_MS = "console.session.max.age.ms";
    public static final String CONSOLE_OIDC_ISSUER = "console.oidc.issuer";
    public static final String CONSOLE_OIDC_CLIENT_ID = "console.oidc.client.id";
    public static final String CONSOLE_OIDC_CLIENT_SECRET = "console.oidc.client.secret";
    public static final String CONSOLE_OIDC_SCOPES = "console.oidc.scopes";
    public static final String CONSOLE_OIDC_ROLES_CLAIM = "console.oidc.roles.claim";
    public static final String CONSOLE_OIDC_ROLE_VIEWER = "console.oidc.role.viewer";
    public static final String CONSOLE_OIDC_ROLE_VALUES = "console.oidc.role.values";
    public static final String CONSOLE_OIDC_ROLE_OPERATOR = "console.oidc.role.operator";
    public static final String HEALTH_STUCK_TIMEOUT_MS = "health.stuck.timeout.ms";
    public static final String HEALTH_STUCK_ACTION = "health.stuck.action";
    public static final String DLQ_SURGE_WINDOW_RECORDS = "dlq.surge.window.records";
    public static final String DLQ_SURGE_MIN_RECORDS = "dlq.surge.min.records";
    public static final String DLQ_SURGE_THRESHOLD = "dlq.surge.threshold";
    public static final String DLQ_SURGE_THRESHOLD_STAGE = "dlq.surge.threshold.stage";
    public static final String DLQ_SURGE_THRESHOLD_ALL = "dlq.surge.threshold.all";
    public static final String DLQ_SURGE_ACTION = "dlq.surge.action";
    public static final String DLQ_CONTROL_TOPIC = "dlq.control.topic";
    public static final String DLQ_AUDIT_TOPIC = "dlq.audit.topic";
    public static final String DLQ_AUDIT_RETENTION_MS = "dlq.audit.retention.ms";
    public static final String DLQ_CHECK_URL = "dlq.check.url";

    /** Every exact key of ticket-sync's own (Kafka's are known from Kafka). */
    public static final Set<String> OWN_KEYS = Set.of(MAPPING_REPLACE, INPUT_TOPIC, REPLAY_TOPIC, OUTPUT_TOPIC, DLQ_TOPIC, DLQ_RESOLUTIONS_TOPIC,
            DLQ_STACKTRACE_MAX_BYTES, DLQ_MESSAGE_MAX_CHARS, DLQ_MAX_RECORD_BYTES, OUTPUT_MAX_RECORD_BYTES,
            TOPICS_MIN_REPLICATION,
            UNCAUGHT_REPLACE_MAX, UNCAUGHT_REPLACE_WINDOW_MS, UNCAUGHT_BROKER_REPLACE_MAX,
            UNCAUGHT_BROKER_REPLACE_WINDOW_MS, UNCAUGHT_FATAL_EXCEPTIONS, SHUTDOWN_TIMEOUT_MS,
            STARTUP_TIMEOUT_MS, HTTP_BIND_ADDRESS, HTTP_PORT, HTTP_AUTH_TOKEN, HEALTH_STUCK_TIMEOUT_MS,
            HEALTH_STUCK_ACTION, DLQ_SURGE_WINDOW_RECORDS, DLQ_SURGE_MIN_RECORDS, DLQ_SURGE_THRESHOLD,
            DLQ_SURGE_THRESHOLD_STAGE, DLQ_SURGE_THRESHOLD_ALL, DLQ_SURGE_ACTION, DLQ_CONTROL_TOPIC,
            DLQ_AUDIT_TOPIC, DLQ_AUDIT_RETENTION_MS, DLQ_CHECK_URL,
            CONSOLE_BIND_ADDRESS, CONSOLE_PORT, CONSOLE_USER, CONSOLE_PASSWORD, CONSOLE_TICKETS_URL,
            CONSOLE_PUBLIC_URL, CONSOLE_TRUSTED_PROXIES,
            CONSOLE_INDEX_STALE_READY_MS, CONSOLE_INDEX_STALE_EXIT_MS,
            CONSOLE_AUTH, CONSOLE_SESSION_MAX_AGE_MS, CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_CLIENT_SECRET,
            CONSOLE_OIDC_SCOPES, CONSOLE_OIDC_ROLES_CLAIM, CONSOLE_OIDC_ROLE_VIEWER, CONSOLE_OIDC_ROLE_VALUES,
            CONSOLE_OIDC_ROLE_OPERATOR);

    /** Families of ticket-sync's own keys: {@code mapping.status.<source>=<TARGET>} and the like. */
    public static final List<String> OWN_PREFIXES = List.of(MAPPING_STATUS_PREFIX, MAPPING_PRIORITY_PREFIX);

    private ConfigKeys() {
    }
}
