package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.codec.JsonSerde;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.FaultyTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream thread dies mid-batch with replacement budget left: the thread is replaced, the batch is
 * re-fetched from the last commit, and every record still ends up exactly once. The running app
 * also answers its HTTP API, and a stop request exits 0.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ThreadReplacementIT {

    private static final int TICKETS = 40;
    private static final int VERSIONS = 10;

    @Test
    void shouldReplaceDeadThreadAndStillProcessEveryRecordExactlyOnce(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replace-it", state,
                Map.of(ConfigKeys.UNCAUGHT_REPLACE_MAX, "3"));
        broker.createTopics(config.topics());
        final List<ProducerRecord<byte[], byte[]>> workload = new ArrayList<>(Workloads.versions(TICKETS, VERSIONS));
        workload.add(Workloads.record("T-0", "{broken".getBytes(StandardCharsets.UTF_8)));
        broker.produce(config.topics().input(), workload);

        // The first time T-7 version 5 is processed, an infrastructure failure kills the thread.
        final AtomicInteger failures = new AtomicInteger();
        final var topology = FaultyTopology.failingOn(config,
                change -> change.ticketId().equals("T-7") && change.version() == 5,
                () -> failures.getAndIncrement() == 0 ? new TimeoutException("injected: broker went away mid-batch") : null);

        try (RunningApp running = RunningApp.start(config, topology)) {
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> records.size() >= TICKETS * VERSIONS, Duration.ofSeconds(90));
            assertThat(broker.readAllCommitted(config.topics().output())).as("no duplicates").hasSize(TICKETS * VERSIONS);
            final Map<String, Long> perVersion = output.stream().map(ThreadReplacementIT::ticketVersion)
                    .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
            assertThat(perVersion).hasSize(TICKETS * VERSIONS).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
            assertThat(failures.get()).as("the fault fired, then the record was reprocessed").isEqualTo(2);
            assertThat(broker.readAllCommitted(config.topics().deadLetter())).hasSize(1);

            final HttpProbe http = running.http();
            assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
            http.awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(30));
            final String metrics = http.awaitGet("/metrics",
                    response -> response.body().contains("kafka_stream_ticket_sync_applied_total"), Duration.ofSeconds(30)).body();
            assertThat(metrics)
                    // A TimeoutException is the broker's fault: charged to the broker budget.
                    .contains("ticketsync_thread_replacements_total{budget=\"broker\"} 1.0")
                    .contains("ticketsync_thread_replacements_total{budget=\"failure\"} 0.0")
                    // Counts writes: a dead letter in a transaction the thread death aborted is written again.
                    .containsPattern("ticketsync_dead_lettered_total\\{reason=\"invalid-json\",stage=\"DESERIALIZATION\"} [1-9]")
                    .contains("kafka_stream_ticket_sync_applied_total")
                    .contains("kafka_stream_ticket_sync_skipped_stale_total");
            assertTicketEndpoints(http);

            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /**
     * Kafka Streams 4.3 closes a replaced thread's consumer without leaving the group: the replacement
     * would then wait for the dead member's session (30 s here) before it gets the partitions. The dead
     * thread's consumer leaves, so its partitions produce again long before that.
     */
    @Test
    void shouldHandTheDeadThreadsPartitionsOverWithoutWaitingForItsSessionToExpire(final KafkaBroker broker,
                                                                                   @TempDir final Path state) throws Exception {
        final Duration session = Duration.ofSeconds(30);
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replace-leave-it", state, Map.of(
                "consumer.session.timeout.ms", String.valueOf(session.toMillis()), "consumer.heartbeat.interval.ms", "3000"));
        broker.createTopics(config.topics());
        broker.produce(config.topics().input(), new ArrayList<>(Workloads.versions(TICKETS, 2)));
        final AtomicLong diedAt = new AtomicLong();
        final var topology = FaultyTopology.failingOn(config, change -> change.ticketId().equals("T-3") && change.version() == 1,
                () -> diedAt.compareAndSet(0, System.nanoTime()) ? new TimeoutException("injected: thread dies") : null);
        try (RunningApp running = RunningApp.start(config, topology)) {
            broker.readCommittedUntil(config.topics().output(), records -> records.size() >= TICKETS * 2, session);
            final Duration handOver = Duration.ofNanos(System.nanoTime() - diedAt.get());
            assertThat(diedAt.get()).as("the thread died").isNotZero();
            assertThat(handOver).as("from the thread's death to all output").isLessThan(session.dividedBy(2));
            try (Admin admin = broker.admin()) {
                assertThat(admin.describeConsumerGroups(List.of(config.applicationId())).all().get()
                        .get(config.applicationId()).members()).as("only the replacement is a member").hasSize(1);
            }
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    private static void assertTicketEndpoints(final HttpProbe http) throws Exception {
        final HttpResponse<String> ticket = http.get("/tickets/T-7");
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(ticket.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        final SyncedTicket snapshot = new JsonSerde<>(SyncedTicket.class).decode(ticket.body().getBytes(StandardCharsets.UTF_8));
        assertThat(snapshot.version()).isEqualTo(VERSIONS);
        assertThat(snapshot.assignee()).isEqualTo("agent-" + VERSIONS);

        assertThat(http.get("/tickets/T-unknown").statusCode()).isEqualTo(404);
        assertThat(http.get("/tickets/" + "x".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(http.send("POST", "/tickets/T-7").statusCode()).isEqualTo(405);
        assertThat(http.send("DELETE", "/health/live").statusCode()).isEqualTo(405);
        assertThat(http.send("GET", "/tickets/T-7").statusCode()).as("GET with a body").isEqualTo(413);
        assertThat(http.get("/tickets/T-7?" + "q".repeat(2000)).statusCode()).isEqualTo(414);
        assertThat(rawRequest(http.port(), "GET /tickets/T-7 HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"))
                .as("malformed header").startsWith("HTTP/1.1 400");
        assertThat(rawRequest(http.port(), "GET /tickets/%zz HTTP/1.1\r\nHost: x\r\n\r\n"))
                .as("malformed percent-encoding").startsWith("HTTP/1.1 400");
    }

    /** Sends raw bytes to the HTTP port and returns the first response line. */
    private static String rawRequest(final int port, final String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static String ticketVersion(final ConsumerRecord<byte[], byte[]> record) {
        final SyncedTicket ticket = new JsonSerde<>(SyncedTicket.class).decode(record.value());
        return ticket.id() + "@" + ticket.version();
    }
}
