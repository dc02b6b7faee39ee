package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.FaultyTopology;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog reads the broker and the consumers' own assignments, not Kafka Streams' thread
 * metadata (rebuilt only when a thread enters RUNNING): a restore that keeps progressing is not
 * stuck however long it takes, and a partition a thread took without entering RUNNING since is
 * judged like any other.
 *
 * <p>Both tests restore a changelog written as one record per batch, read with a restore consumer
 * that fetches one batch at a time: a restore of a few thousand records then takes seconds, many
 * stuck timeouts.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class RestoreProgressIT {

    /**
     * Short, but longer than a fresh task takes here, on a busy machine, from its assignment to its
     * restore's start (opening its store, asking the changelog's offsets): a partition is neither
     * restoring nor processed meanwhile.
     */
    private static final Duration STUCK_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void shouldNotExitWhileARestoreSlowerThanTheStuckTimeoutProgresses(final KafkaBroker broker,
                                                                       @TempDir final Path state) throws Exception {
        final TicketSyncConfig first = TestConfigs.forBroker(broker, "slow-restore-it", state.resolve("first"), Map.of());
        processOnceAndStop(broker, first);
        fillChangelog(broker, first, List.of(0, 1, 2, 3, 4, 5), 3_000);
        // Input waiting on every partition while its state restores: the committed offsets cannot move until the restore ends.
        broker.produce(first.topics().input(), Workloads.versions(12, 3));

        final TicketSyncConfig fresh = slowRestore(broker, "slow-restore-it", state.resolve("fresh"));
        try (RunningApp running = RunningApp.start(fresh, TicketSyncTopology.build(fresh))) {
            final HttpProbe http = running.http();
            final long started = System.nanoTime();
            final List<Integer> liveStatuses = new ArrayList<>();
            Await.until("RUNNING after the restore (/health/ready)", () -> {
                assertThat(running.hasExited()).as("exited while restoring").isFalse();
                liveStatuses.add(http.get("/health/live").statusCode());
                return http.get("/health/ready").statusCode();
            }, status -> status == 200, Duration.ofSeconds(180));
            final Duration restoring = Duration.ofNanos(System.nanoTime() - started);

            assertThat(restoring).as("the restore outlasted the stuck timeout").isGreaterThan(STUCK_TIMEOUT.multipliedBy(2));
            assertThat(liveStatuses).as("liveness while restoring").isNotEmpty().containsOnly(200);
            // The first run's 12, then versions 2 and 3 (version 1, restored, is stale).
            assertThat(broker.readCommittedUntil(fresh.topics().output(), records -> records.size() >= 12 + 12 * 2,
                    Duration.ofSeconds(60))).hasSize(12 + 12 * 2);
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /**
     * A fresh instance takes every partition at once; while partition 0's state restores, its
     * thread stays out of RUNNING but processes the partitions already restored, and one record
     * on partition 1 hangs it. Kafka Streams' thread metadata never lists partition 1 (it still
     * holds the thread's empty start), the broker and the consumer's assignment do.
     */
    @Test
    void shouldExitWhenAPartitionTakenSinceTheLastRunningIsNeverProcessed(final KafkaBroker broker,
                                                                         @TempDir final Path state) throws Exception {
        final TicketSyncConfig first = TestConfigs.forBroker(broker, "unseen-partition-it", state.resolve("first"), Map.of());
        processOnceAndStop(broker, first);
        fillChangelog(broker, first, List.of(0), 5_000);
        final String blocked = "T-BLOCKED";
        broker.produce(first.topics().input(), List.of(new ProducerRecord<>("set-by-the-broker-helper", 1, null,
                blocked.getBytes(StandardCharsets.UTF_8), TicketChangeBuilder.upsert(blocked, 1).bytes())));

        final TicketSyncConfig fresh = slowRestore(broker, "unseen-partition-it", state.resolve("fresh"));
        final CountDownLatch release = new CountDownLatch(1);
        try (RunningApp stuck = RunningApp.start(fresh, FaultyTopology.blockingOn(fresh,
                change -> change.ticketId().equals(blocked), release))) {
            final HttpProbe http = stuck.http();
            final List<Integer> readyStatuses = new ArrayList<>();
            final int exitCode = Await.until("exit", () -> {
                if (stuck.hasExited()) {
                    return stuck.awaitExit(Duration.ZERO);
                }
                try {
                    readyStatuses.add(http.get("/health/ready").statusCode());
                } catch (final IOException closing) {
                    // The HTTP API closes as the process exits.
                }
                return null;
            }, code -> code != null, Duration.ofSeconds(120));

            assertThat(exitCode).isEqualTo(ExitCodes.STUCK);
            assertThat(stuck.app().health().liveness().reasons()).as("why it exited")
                    .filteredOn(reason -> reason.startsWith("processing stuck")).singleElement().asString()
                    .startsWith("processing stuck: unseen-partition-it.changes-1: 1 records waiting");
            assertThat(readyStatuses).as("never RUNNING, so its thread metadata never listed a task")
                    .isNotEmpty().doesNotContain(200);
            assertThat(broker.readAllCommitted(fresh.topics().output())).noneMatch(record ->
                    new String(record.key(), StandardCharsets.UTF_8).equals(blocked));
        } finally {
            // Let the abandoned client finish, as the process's exit would end it, before its state directory is deleted.
            release.countDown();
            Await.until("the abandoned client's threads ended", RestoreProgressIT::clientThreads,
                    List::isEmpty, Duration.ofSeconds(60));
        }
    }

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("unseen-partition-it")).toList();
    }

    /** Runs the application until it has processed a few records (creating its changelog), then stops it. */
    private static void processOnceAndStop(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        broker.createTopics(config.topics());
        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            broker.produce(config.topics().input(), Workloads.versions(12, 1));
            broker.readCommittedUntil(config.topics().output(), records -> records.size() >= 12, Duration.ofSeconds(90));
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /** Writes filler state for keys the input never has, one record per batch, so a restore fetches them one by one. */
    private static void fillChangelog(final KafkaBroker broker, final TicketSyncConfig config, final List<Integer> partitions,
                                      final int perPartition) {
        final String changelog = config.applicationId() + "-" + TicketSyncTopology.STORE + "-changelog";
        final Map<String, Object> settings = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.BATCH_SIZE_CONFIG, 0,
                ProducerConfig.LINGER_MS_CONFIG, 0));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (final int partition : partitions) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(changelog, partition,
                            ("filler-" + partition + "-" + i).getBytes(StandardCharsets.UTF_8), new byte[] {0}));
                }
            }
            producer.flush();
        }
    }

    /** No local state, a short stuck timeout, and a restore consumer that fetches one batch per request. */
    private static TicketSyncConfig slowRestore(final KafkaBroker broker, final String name, final Path stateDir) {
        return TestConfigs.forBroker(broker, name, stateDir, Map.of(
                ConfigKeys.HEALTH_STUCK_TIMEOUT_MS, String.valueOf(STUCK_TIMEOUT.toMillis()),
                ConfigKeys.SHUTDOWN_TIMEOUT_MS, "5000",
                "restore.consumer.max.poll.records", "1",
                "restore.consumer.fetch.max.bytes", "1",
                "restore.consumer.max.partition.fetch.bytes", "1"));
    }
}
