package io.ticketsync.runtime;

import io.ticketsync.cluster.AclPlan;
import io.ticketsync.cluster.StartupCheckException;
import io.ticketsync.cluster.TopicCheck;
import io.ticketsync.guard.BrokerOffsets;
import io.ticketsync.guard.HealthMonitor;
import io.ticketsync.guard.OwnedPartitions;
import io.ticketsync.guard.ProgressSampler;
import io.ticketsync.guard.ProgressWatchdog;
import io.ticketsync.guard.RestoringPartitions;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.ticketsync.config.SecretMasker;
import io.ticketsync.config.StuckAction;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.control.ControlTopicException;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.http.HttpApi;
import io.ticketsync.http.HttpSettings;
import io.ticketsync.http.StreamsTicketLookup;
import io.ticketsync.topology.ChangePreview;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.topology.AppServices;
import io.ticketsync.topology.HotPathWarmUp;
import io.ticketsync.topology.TicketSyncTopology;
import io.ticketsync.topology.WriteBounds;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs ticket-sync until it is asked to stop or it fails, and says how it ended as an exit code:
 * check the topics, start the client with its watchers (health, surge brake, HTTP API), wait for
 * the end, close. Only the entry point turns the code into a process exit.
 */
public final class TicketSyncApp {

    private static final Logger LOG = LoggerFactory.getLogger(TicketSyncApp.class);

    private final TicketSyncConfig config;
    private final Topology topology;
    private final AppServices services;
    private final TicketSyncMetrics metrics;
    private final UncaughtExceptionPolicy policy;
    private final StreamsLifecycle lifecycle;
    private final DeadLetterSurgeBrake brake;
    private final OwnedPartitions owned = new OwnedPartitions();
    private final RestoringPartitions restoring;
    private final CountDownLatch serving = new CountDownLatch(1);
    private volatile HttpApi http;
    private volatile HealthMonitor health;

    public TicketSyncApp(final TicketSyncConfig config, final Topology topology) {
        this.config = config;
        this.topology = topology;
        this.services = AppServices.of(config);
        this.metrics = services.metrics();
        this.brake = services.surgeBrake();
        this.policy = new UncaughtExceptionPolicy(services.classifier(), config.guards(), metrics, System::nanoTime);
        this.lifecycle = new StreamsLifecycle(policy::lastShutdownCause);
        this.restoring = new RestoringPartitions(config.topics().input());
    }

    public static TicketSyncApp of(final TicketSyncConfig config) {
        return new TicketSyncApp(config, TicketSyncTopology.build(config));
    }

    /** Blocks until the application ends; returns its exit code ({@link ExitCodes}). */
    public int run() throws InterruptedException {
        LOG.info("Starting ticket-sync with configuration {}", SecretMasker.mask(config.raw()));
        final Optional<WriteBounds> bounds = startupCheck();
        if (bounds.isEmpty()) {
            return ExitCodes.STARTUP_CHECK_FAILED;
        }
        final ControlTopic.BrakeState brakeState;
        try {
            brakeState = new ControlTopic(config).read(config.startupTimeout());
        } catch (final ControlTopicException e) {
            LOG.error("{}; the brake's state must be known before anything is processed", e.getMessage());
            return ExitCodes.STARTUP_CHECK_FAILED;
        }
        final KafkaStreams streams = createStreams(services.withBounds(bounds.get()));
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "ticket-sync-background");
            thread.setDaemon(true);
            return thread;
        });
        final KafkaStreamsMetrics kafkaMetrics = metrics.bind(streams, scheduler);
        final BrokerOffsets brokerOffsets = new BrokerOffsets(this::admin, config.applicationId(), brokerTimeout());
        final GroupBrake groupBrake = new GroupBrake(config, streams, brake, metrics, lifecycle);
        final ReplayHaltRecorder replayHalts = new ReplayHaltRecorder(config, services.replayBrake(), metrics, InstanceName.of());
        try {
            groupBrake.startBeforeStreams(brakeState);
            replayHalts.start();
            watchHealth(streams, scheduler, brokerOffsets, groupBrake);
            serveHttp(streams);
            streams.start();
            // While the consumer joins its group (seconds: the broker delays a new group's first
            // rebalance), so the first records do not queue behind a cold JVM.
            HotPathWarmUp.startInBackground(config);
            return close(streams, lifecycle.awaitTermination());
        } finally {
            replayHalts.close();
            groupBrake.close();
            kafkaMetrics.close();
            scheduler.shutdownNow();
            brokerOffsets.close();
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

    /** What the written topics accept, read by the check; empty when the check failed. */
    private Optional<WriteBounds> startupCheck() throws InterruptedException {
        try {
            return Optional.of(new TopicCheck(config, AclPlan.RUN).verify());
        } catch (final StartupCheckException e) {
            // One line for the operator, worded like every other exit; the cause's stack trace only for
            // whoever turns on debug.
            LOG.error("Exiting with code {}: {}", ExitCodes.STARTUP_CHECK_FAILED, e.getMessage());
            LOG.debug("Startup check failure details", e);
            return Optional.empty();
        }
    }

    /** @param checked the services with the bounds the startup check read from the cluster */
    private KafkaStreams createStreams(final AppServices checked) {
        final KafkaStreams streams = new KafkaStreams(topology, new StreamsConfig(StreamsProperties.of(checked)),
                new ClientSupplier(policy.replacedThreads(), owned));
        streams.setUncaughtExceptionHandler(policy);
        // Kafka Streams takes one global restore listener (setting another replaces this one):
        // whoever else needs restore events must share it.
        streams.setGlobalStateRestoreListener(restoring);
        streams.setStateListener(lifecycle);
        return streams;
    }

    /** Samples progress in the background, so stuck detection does not depend on probes. */
    private void watchHealth(final KafkaStreams streams, final ScheduledExecutorService scheduler,
                             final BrokerOffsets brokerOffsets, final GroupBrake groupBrake) {
        final ProgressWatchdog watchdog = new ProgressWatchdog(config.guards().stuckTimeout(), System::nanoTime);
        // Paused on purpose (the surge brake) is not stuck.
        final ProgressSampler sampler = new ProgressSampler(owned, restoring, brokerOffsets, watchdog, streams::isPaused);
        health = new HealthMonitor(streams, lifecycle::failureOf, sampler, config.guards().stuckTimeout(), System::nanoTime, this::onStuck,
                List.of(() -> groupBrake.livenessProblem().orElse(null)),
                List.of(() -> groupBrake.readinessProblem().orElse(null)));
        metrics.stuckPartitions(() -> watchdog.stuck().size());
        final long everyMs = sampleInterval().toMillis();
        // HealthMonitor.sample never throws: a task that threw would never be run again.
        scheduler.scheduleAtFixedRate(health::sample, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    /** A quarter of the stuck timeout, between 100 ms and 5 s. */
    private Duration sampleInterval() {
        return Duration.ofMillis(Math.max(100, Math.min(config.guards().stuckTimeout().toMillis() / 4, 5_000)));
    }

    /**
     * How long one sample may wait for the broker: long enough for a busy broker, short enough that
     * an outage is noticed (and counted as a sampling failure) well within the stuck timeout.
     */
    private Duration brokerTimeout() {
        return Duration.ofMillis(Math.max(1_000, sampleInterval().toMillis() * 2));
    }

    private void onStuck(final String why) {
        if (config.guards().stuckAction() == StuckAction.EXIT) {
            lifecycle.fail(new Termination(ExitCodes.STUCK, why + " (health.stuck.action=exit)"));
        }
    }

    private void serveHttp(final KafkaStreams streams) {
        http = HttpApi.start(HttpSettings.from(config), health::liveness, health::readiness, metrics::scrape,
                new StreamsTicketLookup(streams, config.kafka().applicationServer().orElse(null)), ChangePreview.of(config));
        serving.countDown();
        LOG.info("HTTP API listening on {}:{}", config.api().bindAddress(), http.port());
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

    private Admin admin() {
        return Admin.create(config.kafka().adminClientConfigs("ticket-sync-health"));
    }
}
