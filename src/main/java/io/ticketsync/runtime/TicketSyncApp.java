package io.ticketsync.runtime;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.ticketsync.config.SecretMasker;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.http.HttpApi;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs ticket-sync until it is asked to stop or it fails, and says how it ended as an exit code:
 * check the topics, start the client and the HTTP API, wait for the end, close. Only the entry
 * point turns the code into a process exit.
 */
public final class TicketSyncApp {

    private static final Logger LOG = LoggerFactory.getLogger(TicketSyncApp.class);

    private final TicketSyncConfig config;
    private final Topology topology;
    private final TicketSyncMetrics metrics = TicketSyncMetrics.prometheus();
    private final UncaughtExceptionPolicy policy;
    private final StreamsLifecycle lifecycle;
    private final CountDownLatch serving = new CountDownLatch(1);
    private volatile HttpApi http;
    private volatile HealthMonitor health;

    public TicketSyncApp(final TicketSyncConfig config, final Topology topology) {
        this.config = config;
        this.topology = topology;
        this.policy = new UncaughtExceptionPolicy(config.failureClassifier(), config.replaceMax(), config.replaceWindow(),
                metrics, System::nanoTime);
        this.lifecycle = new StreamsLifecycle(policy::lastShutdownCause);
    }

    public static TicketSyncApp of(final TicketSyncConfig config) {
        return new TicketSyncApp(config, TicketSyncTopology.build(config));
    }

    /** Blocks until the application ends; returns its exit code ({@link ExitCodes}). */
    public int run() throws InterruptedException {
        LOG.info("Starting ticket-sync with configuration {}", SecretMasker.mask(config.raw()));
        try {
            new TopicCheck(config).verify();
        } catch (final StartupCheckException e) {
            LOG.error("{}", e.getMessage(), e.getCause());
            return ExitCodes.STARTUP_CHECK_FAILED;
        }
        final KafkaStreams streams = new KafkaStreams(topology, streamsProperties());
        streams.setUncaughtExceptionHandler(policy);
        streams.setStateListener(lifecycle);
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "ticket-sync-background");
            thread.setDaemon(true);
            return thread;
        });
        final KafkaStreamsMetrics kafkaMetrics = metrics.bind(streams, scheduler);
        try {
            health = new HealthMonitor(streams, new ProgressWatchdog(config.stuckTimeout(), System::nanoTime), lifecycle);
            http = HttpApi.start(config.httpBindAddress(), config.httpPort(), health, metrics, streams, applicationServer());
            serving.countDown();
            LOG.info("HTTP API listening on {}:{}", config.httpBindAddress(), http.port());
            final long sampleMillis = Math.max(100, Math.min(config.stuckTimeout().toMillis() / 4, 5_000));
            scheduler.scheduleAtFixedRate(health::sample, sampleMillis, sampleMillis, TimeUnit.MILLISECONDS);
            streams.start();
            final Termination termination = lifecycle.awaitTermination();
            return close(streams, termination);
        } finally {
            kafkaMetrics.close();
            scheduler.shutdownNow();
            if (http != null) {
                http.close();
            }
        }
    }

    /** Asks a running application to stop gracefully: commit, leave the group, exit 0. */
    public void requestStop(final String why) {
        lifecycle.requestStop(why);
    }

    /** Waits until the HTTP API is up; returns its port, or empty if the app ended before serving. */
    public OptionalInt awaitServing(final Duration timeout) throws InterruptedException {
        return serving.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && http != null
                ? OptionalInt.of(http.port()) : OptionalInt.empty();
    }

    /** Health as the HTTP API reports it; null before the client exists. */
    public HealthMonitor health() {
        return health;
    }

    public TicketSyncMetrics metrics() {
        return metrics;
    }

    private int close(final KafkaStreams streams, final Termination termination) {
        if (termination.exitCode() == ExitCodes.OK) {
            LOG.info("Stopping: {}; committing and leaving the group (timeout {})", termination.reason(),
                    config.shutdownTimeout());
        } else {
            LOG.error("Exiting with code {}: {}", termination.exitCode(), termination.reason());
        }
        final boolean closed = streams.close(CloseOptions
                .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(config.shutdownTimeout()));
        if (!closed && termination.exitCode() == ExitCodes.OK) {
            LOG.error("Kafka Streams did not close within {}", config.shutdownTimeout());
            return ExitCodes.SHUTDOWN_TIMEOUT;
        }
        return termination.exitCode();
    }

    private Properties streamsProperties() {
        final Properties props = new Properties();
        props.putAll(config.streamsProperties());
        props.put(TicketSyncConfig.METRICS_OBJECT, metrics);
        return props;
    }

    private HostInfo applicationServer() {
        final String endpoint = config.raw().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return endpoint == null || endpoint.isBlank() ? null : HostInfo.buildFromEndpoint(endpoint);
    }
}
