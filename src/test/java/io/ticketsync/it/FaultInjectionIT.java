package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.testing.Await;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.dev.DevBroker;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.AccountingOracle;
import io.ticketsync.testing.AppProcess;
import io.ticketsync.testing.FaultWorkload;
import io.ticketsync.testing.FaultWorkload.Workload;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.WorkloadFeeder;
import io.ticketsync.topology.FaultyTopology;
import io.ticketsync.topology.TicketSyncTopology;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing duplicated, under faults, the way Kafka's own EOS system tests check it: a
 * deterministic workload (thousands of changes across many tickets, ~5% bad, ~5% stale), several
 * ticket-sync instances, a fault mid-stream, then {@link AccountingOracle} against the workload's
 * own model. {@code -Dticketsync.soak=true} runs a much longer workload.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// The soak run (-Dticketsync.soak=true) feeds 200,000 changes through the same scenarios.
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class FaultInjectionIT {

    private static final boolean SOAK = Boolean.getBoolean("ticketsync.soak");
    private static final int TICKETS = SOAK ? 2_000 : 200;
    private static final int CHANGES = SOAK ? 200_000 : 3_000;
    private static final int CHUNK = SOAK ? 500 : 50;
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(SOAK ? 30 : 3);
    /** Kafka's EOS tests shorten these so that a dead member's partitions and transaction move on quickly. */
    private static final Map<String, String> BROKER_TUNING = Map.of(
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
            "group.min.session.timeout.ms", "3000");

    @TempDir
    static Path brokerDir;
    private static DevBroker broker;
    private static int brokerPort;
    private static int controllerPort;

    @TempDir
    Path work;

    @BeforeAll
    static void startBroker() throws Exception {
        brokerPort = Ports.free();
        controllerPort = Ports.free();
        broker = DevBroker.start(brokerDir, brokerPort, controllerPort, Duration.ofSeconds(90), BROKER_TUNING);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    @Order(1)
    void shouldStayExactWhenStreamThreadsDieMidTransaction() throws Exception {
        // The injected TimeoutException is a broker fault: charged to uncaught.broker.replace.max.
        final TicketSyncConfig config = config("fault-thread", Map.of(ConfigKeys.UNCAUGHT_REPLACE_MAX, "10",
                ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, "10"));
        final Workload workload = createTopicsAndWorkload(config, 1);
        // The first three tickets to reach version 3 each kill their stream thread, once.
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        final var faulty = FaultyTopology.failingOn(config,
                change -> change.version() == 3 && failed.size() < 3 && failed.add(change.ticketId()),
                () -> new TimeoutException("injected mid-transaction failure"));
        try (RunningApp first = RunningApp.start(config, faulty);
             RunningApp second = RunningApp.start(withState(config, "second"), TicketSyncTopology.build(config))) {
            final WorkloadFeeder feeder = feed(config, workload);
            final List<RecordMetadata> sent = feeder.awaitAll(Duration.ofMinutes(5));
            verify(config, workload, sent);
            assertThat(failed).hasSize(3);
            assertThat(replacements(first) + replacements(second)).as("threads were replaced").isEqualTo(3.0);
        }
    }

    @Test
    @Order(2)
    void shouldStayExactWhenAnInstanceIsKilledHard() throws Exception {
        final TicketSyncConfig config = config("fault-kill", Map.of());
        final Workload workload = createTopicsAndWorkload(config, 2);
        final AppProcess a = instance("a", "a", config);
        final AppProcess b = instance("b", "b", config);
        final WorkloadFeeder feeder = feed(config, workload);
        feeder.awaitFraction(0.4);
        final String transaction = awaitOpenTransaction(config, work.resolve("a"));
        a.kill(); // no commit, no leave: its open transaction must be aborted, its batch re-fetched by b
        assertThat(transaction).as("a was killed with transaction %s open", transaction).isNotEmpty();
        feeder.awaitFraction(0.7);
        final AppProcess aAgain = instance("a2", "a", config);
        final List<RecordMetadata> sent = feeder.awaitAll(Duration.ofMinutes(5));
        verify(config, workload, sent);
        assertThat(b.stop(Duration.ofSeconds(60))).isEqualTo(ExitCodes.OK);
        assertThat(aAgain.stop(Duration.ofSeconds(60))).isEqualTo(ExitCodes.OK);
    }

    @Test
    @Order(3)
    void shouldStayExactThroughRollingRestarts() throws Exception {
        final TicketSyncConfig config = config("fault-rolling", Map.of());
        final Workload workload = createTopicsAndWorkload(config, 3);
        AppProcess a = instance("a", "a", config);
        AppProcess b = instance("b", "b", config);
        final WorkloadFeeder feeder = feed(config, workload);
        for (int round = 1; round <= 2; round++) {
            feeder.awaitFraction(0.2 * round);
            assertThat(a.stop(Duration.ofSeconds(60))).as("clean stop of a").isEqualTo(ExitCodes.OK);
            a = instance("a" + round, "a", config);
            feeder.awaitFraction(0.2 * round + 0.1);
            assertThat(b.stop(Duration.ofSeconds(60))).as("clean stop of b").isEqualTo(ExitCodes.OK);
            b = instance("b" + round, "b", config);
        }
        final List<RecordMetadata> sent = feeder.awaitAll(Duration.ofMinutes(5));
        verify(config, workload, sent);
        assertThat(a.stop(Duration.ofSeconds(60))).isEqualTo(ExitCodes.OK);
        assertThat(b.stop(Duration.ofSeconds(60))).isEqualTo(ExitCodes.OK);
    }

    @Test
    @Order(4)
    void shouldStayExactWhenScalingOutFromOneToThreeInstances() throws Exception {
        final TicketSyncConfig config = config("fault-scale", Map.of());
        final Workload workload = createTopicsAndWorkload(config, 4);
        final AppProcess a = instance("a", "a", config);
        final WorkloadFeeder feeder = feed(config, workload);
        feeder.awaitFraction(0.3);
        final AppProcess b = instance("b", "b", config);
        feeder.awaitFraction(0.6);
        final AppProcess c = instance("c", "c", config);
        final List<RecordMetadata> sent = feeder.awaitAll(Duration.ofMinutes(5));
        verify(config, workload, sent);
        for (final AppProcess instance : List.of(c, b, a)) {
            assertThat(instance.stop(Duration.ofSeconds(60))).as(instance.name()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    @Order(5)
    void shouldStayExactWhenTheBrokerRestartsUnderTheApp() throws Exception {
        // Threads the broker restart kills are broker faults: the budget that pays for them is uncaught.broker.replace.max.
        final TicketSyncConfig config = config("fault-broker", Map.of(ConfigKeys.UNCAUGHT_REPLACE_MAX, "20",
                ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, "20"));
        final Workload workload = createTopicsAndWorkload(config, 5);
        final Supervisor supervisor = new Supervisor(work, config);
        supervisor.start("a");
        supervisor.start("b");
        final WorkloadFeeder feeder = feed(config, workload);
        feeder.awaitFraction(0.4);
        broker.close();
        Thread.sleep(3_000);
        broker = DevBroker.start(brokerDir, brokerPort, controllerPort, Duration.ofSeconds(90), BROKER_TUNING);
        final List<RecordMetadata> sent = feeder.awaitAll(Duration.ofMinutes(5));
        supervisor.restartExited();
        verify(config, workload, sent);
        supervisor.stopAll();
    }

    /**
     * Waits until the instance whose state directory is {@code stateDir} has a transaction open and
     * returns its transactional id; fails after a minute. Kafka Streams names transactions
     * {@code <application.id>-<process id>-<thread>} and keeps the process id in the state directory.
     */
    private static String awaitOpenTransaction(final TicketSyncConfig config, final Path stateDir) throws Exception {
        final Path processFile = stateDir.resolve(config.applicationId()).resolve("kafka-streams-process-metadata");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            // Polled every 5 ms: the test kills the instance while this transaction is still open.
            return Await.until("an open transaction of the instance in " + stateDir,
                    () -> openTransaction(admin, config, processId(processFile)), Optional::isPresent,
                    Duration.ofSeconds(60), Duration.ofMillis(5)).orElseThrow();
        }
    }

    private static Optional<String> openTransaction(final Admin admin, final TicketSyncConfig config,
                                                    final String processId) throws Exception {
        if (processId == null) {
            return Optional.empty();
        }
        final String prefix = config.applicationId() + "-" + processId + "-";
        return admin.listTransactions(new ListTransactionsOptions().filterStates(Set.of(TransactionState.ONGOING)))
                .all().get().stream().map(TransactionListing::transactionalId).filter(id -> id.startsWith(prefix))
                .findFirst();
    }

    /** The process id, once Kafka Streams has finished writing its file; null before. */
    private static String processId(final Path processFile) {
        try {
            final JsonNode id = Json.MAPPER.readTree(processFile.toFile()).get("processId");
            return id == null ? null : id.asText();
        } catch (final IOException notWrittenYet) {
            return null;
        }
    }

    /** Replacements charged to either budget. */
    private static double replacements(final RunningApp app) {
        return app.app().metrics().registry().find(MetricNames.THREAD_REPLACEMENTS).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    /** A {@code java -jar} instance; instances sharing {@code stateName} are restarts of one another. */
    private AppProcess instance(final String name, final String stateName, final TicketSyncConfig config) throws Exception {
        return AppProcess.start(name, work, config, Map.of("state.dir", work.resolve(stateName).toString()));
    }

    private TicketSyncConfig config(final String name, final Map<String, String> overrides) {
        return TestConfigs.forBroker(broker.bootstrapServers(), name, work.resolve("in-process"), overrides);
    }

    private TicketSyncConfig withState(final TicketSyncConfig config, final String instance) {
        final Map<String, String> values = new HashMap<>(config.raw());
        values.put("state.dir", work.resolve(instance).toString());
        return TicketSyncConfig.from(values);
    }

    private Workload createTopicsAndWorkload(final TicketSyncConfig config, final long seed) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(TopicLayout.newTopics(config.topics(), (short) 1)).all().get();
        }
        final Workload workload = FaultWorkload.generate(seed, TICKETS, CHANGES);
        assertThat(workload.count(FaultWorkload.Outcome.DEAD_LETTER)).isPositive();
        assertThat(workload.count(FaultWorkload.Outcome.STALE)).isPositive();
        return workload;
    }

    private WorkloadFeeder feed(final TicketSyncConfig config, final Workload workload) {
        return WorkloadFeeder.start(broker.bootstrapServers(), config.topics().input(), workload.records(), CHUNK,
                Duration.ofMillis(100));
    }

    private void verify(final TicketSyncConfig config, final Workload workload, final List<RecordMetadata> sent)
            throws Exception {
        final AccountingOracle oracle = new AccountingOracle(broker.bootstrapServers(), config);
        oracle.awaitIdle(IDLE_TIMEOUT);
        oracle.verify(workload, sent);
    }

    /** Restarts instances that exit non-zero, as a process supervisor (systemd, Kubernetes) would. */
    private static final class Supervisor {
        private final Path work;
        private final TicketSyncConfig config;
        private final Map<String, AppProcess> running = new LinkedHashMap<>();

        Supervisor(final Path work, final TicketSyncConfig config) {
            this.work = work;
            this.config = config;
        }

        void start(final String name) throws Exception {
            running.put(name, AppProcess.start(name + "-" + System.nanoTime(), work, config,
                    Map.of("state.dir", work.resolve(name).toString())));
        }

        void restartExited() throws Exception {
            for (final var entry : List.copyOf(running.entrySet())) {
                if (!entry.getValue().isAlive()) {
                    assertThat(Files.readString(entry.getValue().log())).as("a failed instance says why").contains("Exiting with code");
                    start(entry.getKey());
                }
            }
        }

        void stopAll() throws Exception {
            for (final AppProcess instance : running.values()) {
                if (instance.isAlive()) {
                    assertThat(instance.stop(Duration.ofSeconds(60))).as(instance.name()).isEqualTo(ExitCodes.OK);
                }
            }
        }
    }
}
