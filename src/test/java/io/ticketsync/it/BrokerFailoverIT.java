package io.ticketsync.it;

import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.metrics.ThreadBudget;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.testing.AccountingOracle;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.FaultWorkload;
import io.ticketsync.testing.FaultWorkload.Workload;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.ThreeNodeCluster;
import io.ticketsync.testing.WorkloadFeeder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ticket-sync on a three-node KRaft cluster (each node its own JVM; replication 3, min ISR 2) with
 * the shipped failure-detection and transaction defaults, while good, bad and stale records flow:
 * kill -9 the leader of an input partition and bring it back, then kill -9 the node holding both
 * the group and the transaction coordinator and bring it back. Every input must end in exactly one
 * place (output per the model, dead letters, stale), and nothing may be charged to the failure
 * budget ({@code uncaught.replace.max}): whatever the failovers kill is a broker fault.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerFailoverIT.class);
    private static final int TICKETS = 200;
    private static final int CHANGES = 3_000;
    /**
     * The brokers look for timed-out transactions every second instead of every 10 s, so the node
     * that takes over as transaction coordinator aborts the transaction the kill left open before
     * the producer's retried commit reaches it: the thread death seen in production
     * (InvalidTxnStateException at commit) instead of a race that the commit usually wins.
     */
    private static final Map<String, String> BROKER_TUNING =
            Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    private static final Duration ISR = Duration.ofSeconds(90);
    /** The production values, which TestConfigs shortens for other tests: they are what this test is about. */
    private static final List<String> PRODUCTION_TIMEOUTS = List.of("consumer.session.timeout.ms",
            "consumer.heartbeat.interval.ms", "producer.transaction.timeout.ms");

    @TempDir
    Path work;

    @Test
    void shouldStayExactAndChargeNothingToTheFailureBudgetWhenLeaderAndCoordinatorNodesAreKilled() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.start(work.resolve("cluster"), BROKER_TUNING)) {
            final TicketSyncConfig config = TestConfigs.forBroker(cluster.bootstrapServers(), "failover",
                    work.resolve("state"), productionTimeouts());
            try (Admin admin = cluster.admin()) {
                admin.createTopics(TopicLayout.newTopics(config.topics(), (short) ThreeNodeCluster.NODES)).all().get();
            }
            final Workload workload = FaultWorkload.generate(11, TICKETS, CHANGES);
            try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
                // Small chunks with pauses: the feed lasts through both failovers.
                final WorkloadFeeder feeder = WorkloadFeeder.start(cluster.bootstrapServers(), config.topics().input(),
                        workload.records(), 10, Duration.ofMillis(250));
                final long started;
                try (Admin admin = cluster.admin()) {
                    app.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(90));
                    awaitProgress(admin, config);
                    started = System.nanoTime();

                    final int inputLeader = cluster.leaderOf(new TopicPartition(config.topics().input(), 0));
                    LOG.info("Killing node {}, leader of {}-0", inputLeader, config.topics().input());
                    cluster.kill(inputLeader);
                    awaitProgress(admin, config);
                    LOG.info("Node {} fenced, processing went on without it ({} s)", inputLeader, seconds(started));
                    cluster.restart(inputLeader);
                    cluster.awaitFullIsr(ISR);
                    LOG.info("Node {} back, full ISR ({} s)", inputLeader, seconds(started));

                    final int coordinator = coordinatorNode(cluster, config);
                    LOG.info("Killing node {}, the group and transaction coordinator ({} s)", coordinator, seconds(started));
                    cluster.kill(coordinator);
                    Await.until("group coordinator moved off node " + coordinator, () -> groupCoordinator(admin, config),
                            node -> node != coordinator, Duration.ofSeconds(60));
                    awaitProgress(admin, config);
                    LOG.info("Node {} fenced, processing went on without it ({} s)", coordinator, seconds(started));
                    cluster.restart(coordinator);
                    cluster.awaitFullIsr(ISR);
                    LOG.info("Node {} back, full ISR ({} s)", coordinator, seconds(started));
                    assertThat(feeder.isDone()).as("records were still flowing after both failovers; lengthen the feed if not")
                            .isFalse();
                }

                final List<RecordMetadata> sent = feeder.awaitAll(Duration.ofMinutes(2));
                final AccountingOracle oracle = new AccountingOracle(cluster.bootstrapServers(), config);
                oracle.awaitIdle(Duration.ofMinutes(2));
                LOG.info("All fed and committed ({} s)", seconds(started));
                oracle.verify(workload, sent);

                final TicketSyncMetrics metrics = app.app().metrics();
                LOG.info("Thread replacements: failure budget {}, broker budget {}",
                        replacements(metrics, ThreadBudget.FAILURE), replacements(metrics, ThreadBudget.BROKER));
                assertThat(app.hasExited()).as("the instance rode both failovers out").isFalse();
                assertThat(replacements(metrics, ThreadBudget.FAILURE)).as("nothing charged to uncaught.replace.max").isZero();
                assertThat(metrics.registry().find(MetricNames.UNCAUGHT_DECISIONS).tag("decision", "SHUTDOWN_CLIENT")
                        .counters()).allSatisfy(counter -> assertThat(counter.count()).isZero());
                assertThat(app.app().health().liveness().up()).isTrue();
            }
        }
    }

    /**
     * Puts the transaction coordinator of the app's transactional ids on the node that coordinates
     * its group, and returns that node, found as an operator would: describeConsumerGroups and
     * describeTransactions.
     */
    private static int coordinatorNode(final ThreeNodeCluster cluster, final TicketSyncConfig config) throws Exception {
        try (Admin admin = cluster.admin()) {
            final int group = groupCoordinator(admin, config);
            cluster.moveLeader(new TopicPartition(ThreeNodeCluster.TRANSACTION_STATE_TOPIC, 0), group);
            final List<String> ids = Await.until("a transactional id of " + config.applicationId(),
                    () -> admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                            .filter(id -> id.startsWith(config.applicationId() + "-")).toList(),
                    found -> !found.isEmpty(), Duration.ofSeconds(30));
            Await.until("transaction coordinator of " + ids + " on node " + group,
                    () -> admin.describeTransactions(ids).all().get().values().stream()
                            .map(TransactionDescription::coordinatorId).distinct().toList(),
                    List.of(group)::equals, Duration.ofSeconds(30));
            return group;
        }
    }

    /** Waits until the group has committed at least 50 more input records than now. */
    private static void awaitProgress(final Admin admin, final TicketSyncConfig config) throws Exception {
        final long before = committed(admin, config);
        Await.until("the group committing 50 records past " + before, () -> committed(admin, config),
                now -> now >= before + 50, Duration.ofSeconds(60), Duration.ofMillis(250));
    }

    private static long committed(final Admin admin, final TicketSyncConfig config) throws Exception {
        return admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(Objects::nonNull).mapToLong(offset -> offset.offset()).sum();
    }

    private static int groupCoordinator(final Admin admin, final TicketSyncConfig config) throws Exception {
        return admin.describeConsumerGroups(List.of(config.applicationId())).all().get().get(config.applicationId())
                .coordinator().id();
    }

    private static Map<String, String> productionTimeouts() {
        final Map<String, String> defaults = Defaults.load();
        return PRODUCTION_TIMEOUTS.stream().filter(defaults::containsKey)
                .collect(Collectors.toMap(key -> key, defaults::get));
    }

    private static long seconds(final long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }

    private static double replacements(final TicketSyncMetrics metrics, final ThreadBudget budget) {
        return metrics.registry().get(MetricNames.THREAD_REPLACEMENTS).tag("budget", budget.label()).counter().count();
    }
}
