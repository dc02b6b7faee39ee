package io.ticketsync.it;

import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.testing.TestActors;
import io.ticketsync.cli.Main;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.guard.HealthReport;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad deploy that fails for three reasons at once (an unmapped status, an unmapped priority, a
 * wrong-typed version; no reason reaches half) meets two instances: the brake pauses the whole
 * group within one window, a restart dead-letters nothing more, and only a release resumes them;
 * after the fix, the release and a replay, every input is in the output or the DLQ, once.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class SurgeBrakeIT {

    private static final int GOOD = 50;
    private static final int BAD_DEPLOY = 1500;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String PAUSED = "paused by the dead-letter surge brake";

    @Test
    void shouldPauseTheWholeGroupOnABadDeployOfSeveralReasonsUntilReleased(final KafkaBroker broker,
                                                                         @TempDir final Path state) throws Exception {
        // The brake's defaults: window 1000, at least 100 records, 0.5 for a reason, a stage or all together.
        final TicketSyncConfig deployedA = TestConfigs.forBroker(broker, "surge-it", state.resolve("a"), Map.of());
        final TicketSyncConfig deployedB = TestConfigs.forBroker(broker, "surge-it", state.resolve("b"), Map.of());
        broker.createTopics(deployedA.topics());
        broker.produce(deployedA.topics().input(), workload());

        final int deadAtTrip;
        try (RunningApp a = RunningApp.start(deployedA, TicketSyncTopology.build(deployedA));
             RunningApp b = RunningApp.start(deployedB, TicketSyncTopology.build(deployedB))) {
            awaitPaused(a);
            awaitPaused(b);
            for (final RunningApp app : List.of(a, b)) {
                assertThat(app.app().health().liveness().up()).as("a braked instance stays live").isTrue();
                assertThat(app.app().metrics().registry().find(MetricNames.BRAKE_ENGAGED).gauge().value()).isEqualTo(1.0);
            }
            final double trips = List.of(a, b).stream().mapToDouble(app -> app.app().metrics().registry()
                    .find(MetricNames.SURGE_TRIPS).counters().stream().mapToDouble(counter -> counter.count()).sum()).sum();
            assertThat(trips).as("tripped by at least one instance's window").isGreaterThanOrEqualTo(1.0);
            deadAtTrip = stableDeadLetterCount(broker, deployedA);
            assertThat(deadAtTrip).as("at most one window of dead letters across the group").isPositive().isLessThanOrEqualTo(1000);
        }

        // A restart after the trip starts paused and dead-letters nothing more.
        try (RunningApp restarted = RunningApp.start(deployedA, TicketSyncTopology.build(deployedA))) {
            awaitPaused(restarted);
            assertUnchangedFor(Duration.ofSeconds(5), () -> broker.readAllCommitted(deployedA.topics().deadLetter()).size(),
                    deadAtTrip);
            assertThat(brake(deployedA, "status")).contains("The brake is engaged").contains("dead letters");
        }

        // The fix: both mappings added (the wrong-typed versions stay bad: a third of what is left, under every threshold).
        final Map<String, String> mappings = Map.of("mapping.status.escalated", "ESCALATED", "mapping.priority.p0", "CRITICAL");
        final TicketSyncConfig fixed = TestConfigs.forBroker(broker, "surge-it", state.resolve("a"), mappings);
        try (RunningApp app = RunningApp.start(fixed, TicketSyncTopology.build(fixed))) {
            awaitPaused(app);
            assertThat(brake(fixed, "release", "--note", "mappings for escalated and p0 added")).contains("Released the brake");
            Await.until("the instance resumed and ready", () -> app.app().health().readiness(), HealthReport::up, WAIT);
            assertThat(app.app().metrics().registry().find(MetricNames.BRAKE_ENGAGED).gauge().value()).isZero();
            final int total = GOOD + BAD_DEPLOY;
            Await.until("every input in the output or the DLQ", () -> broker.readAllCommitted(fixed.topics().output()).size()
                    + broker.readAllCommitted(fixed.topics().deadLetter()).size(), count -> count >= total, WAIT);
            for (final String reason : List.of("unmapped-status", "unmapped-priority")) {
                new DlqReplayer(fixed, AuditLog.logger()).replay(ReplayRequest.of(new DeadLetterFilter(null, reason, null, null, null, null, null,
                        null), fixed.topics().replay(), 3, false, 500, TestActors.OPERATOR), TestActors.OPERATOR, (read, all) -> { });
            }
            Await.until("every fixable ticket in the output", () -> outputsPerTicket(broker, fixed).size(),
                    size -> size == GOOD + 2 * BAD_DEPLOY / 3, WAIT);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
        assertThat(outputsPerTicket(broker, fixed)).allSatisfy((ticket, count) -> assertThat(count).isOne());
        final Map<String, Long> deadByReason = broker.readAllCommitted(fixed.topics().deadLetter()).stream()
                .collect(Collectors.groupingBy(record -> header(record, DeadLetterHeaders.REASON), Collectors.counting()));
        assertThat(deadByReason.get("wrong-type")).as("each wrong-typed version dead-lettered once").isEqualTo(BAD_DEPLOY / 3);
        assertThat(brake(fixed, "release", "--note", "again")).contains("not engaged; nothing to release");
    }

    /** Normal traffic, then a deploy that breaks every change: a third each for three reasons over two stages. */
    private static List<ProducerRecord<byte[], byte[]>> workload() {
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < GOOD + BAD_DEPLOY; i++) {
            final String id = "T-" + i;
            final TicketChangeBuilder change = TicketChangeBuilder.upsert(id, 1);
            if (i >= GOOD) {
                switch (i % 3) {
                    case 0 -> change.status("escalated");
                    case 1 -> change.priority("p0");
                    default -> change.set("version", "one");
                }
            }
            records.add(Workloads.record(id, change.bytes()));
        }
        return records;
    }

    private static void awaitPaused(final RunningApp app) throws InterruptedException {
        Await.until("the instance paused by the brake (readiness)", () -> app.app().health() == null ? List.<String>of()
                : app.app().health().readiness().reasons(), reasons -> reasons.stream().anyMatch(r -> r.startsWith(PAUSED)), WAIT);
    }

    /** The DLQ's committed size once it stops growing: the in-flight records of the tripping poll land first. */
    private static int stableDeadLetterCount(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        final int[] last = {-1};
        return Await.until("the dead-letter count to settle", () -> {
            final int now = broker.readAllCommitted(config.topics().deadLetter()).size();
            final boolean settled = now == last[0];
            last[0] = now;
            return settled ? now : -1;
        }, count -> count >= 0, WAIT, Duration.ofSeconds(2));
    }

    private static void assertUnchangedFor(final Duration duration, final Await.Probe<Integer, Exception> value,
                                           final int expected) throws Exception {
        final long end = System.nanoTime() + duration.toNanos();
        Await.until("unchanged for " + duration, () -> {
            assertThat(value.get()).isEqualTo(expected);
            return System.nanoTime() - end;
        }, overdue -> overdue >= 0, duration.plusSeconds(30), Duration.ofMillis(500));
    }

    private static String brake(final TicketSyncConfig config, final String... args) {
        final StringWriter out = new StringWriter();
        final List<String> all = new ArrayList<>(List.of("brake"));
        all.addAll(List.of(args));
        for (final String key : List.of("bootstrap.servers", "application.id", "input.topic", "output.topic", "dlq.topic")) {
            all.add("--set");
            all.add(key + "=" + config.raw().get(key));
        }
        final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), all.toArray(String[]::new));
        assertThat(exit).as("brake " + String.join(" ", args) + " exit code; said: " + out).isEqualTo(ExitCodes.OK);
        return out.toString();
    }

    private static Map<String, Long> outputsPerTicket(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        return broker.readAllCommitted(config.topics().output()).stream()
                .collect(Collectors.groupingBy(record -> new String(record.key(), StandardCharsets.UTF_8), Collectors.counting()));
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
