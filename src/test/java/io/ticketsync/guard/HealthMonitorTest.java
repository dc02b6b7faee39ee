package io.ticketsync.guard;

import io.ticketsync.testing.TestServices;
import io.ticketsync.testing.FakeClock;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMonitorTest {

    private static final Duration STUCK_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    private final FakeClock clock = new FakeClock();
    private final List<String> stuckCalls = new ArrayList<>();
    private final AtomicReference<RuntimeException> samplingFails = new AtomicReference<>();
    private final AtomicReference<List<String>> stuckNow = new AtomicReference<>(List.of());
    private final AtomicReference<String> extraFailure = new AtomicReference<>();
    private final AtomicReference<String> readinessFailure = new AtomicReference<>();
    private KafkaStreams streams;
    private HealthMonitor monitor;

    @BeforeEach
    void createMonitor() {
        final var config = TestConfigs.with(Map.of("state.dir", stateDir.toString(), "bootstrap.servers", "127.0.0.1:1"));
        final Properties props = TestServices.streamsProperties(config);
        // Never started: the client stays CREATED, which is enough to ask it for its state.
        streams = new KafkaStreams(TicketSyncTopology.build(config), props);
        final HealthMonitor.Sampler sampler = new HealthMonitor.Sampler() {
            @Override
            public List<String> sample() {
                if (samplingFails.get() != null) {
                    throw samplingFails.get();
                }
                return stuckNow.get();
            }

            @Override
            public List<String> stuck() {
                return stuckNow.get();
            }
        };
        monitor = new HealthMonitor(streams, state -> java.util.Optional.empty(), sampler, STUCK_TIMEOUT, clock,
                stuckCalls::add, List.of(extraFailure::get), List.of(readinessFailure::get));
    }

    @AfterEach
    void closeStreams() {
        streams.close(Duration.ofSeconds(5));
    }

    @Test
    void shouldFailLivenessAtOnceWhenSamplingFailsAndActOnlyAfterTheStuckTimeout() {
        samplingFails.set(new IllegalStateException("metadata unavailable"));
        monitor.sample();

        assertThat(monitor.liveness().up()).isFalse();
        assertThat(monitor.liveness().reasons()).singleElement().asString()
                .contains("progress sampling failing").contains("metadata unavailable");
        assertThat(stuckCalls).isEmpty();

        clock.advance(STUCK_TIMEOUT);
        monitor.sample();
        assertThat(stuckCalls).singleElement().asString().contains("progress sampling failing for 30 s");
    }

    @Test
    void shouldNeverThrowFromASampleSinceTheSchedulerWouldStopCallingIt() {
        final HealthMonitor.Sampler broken = new HealthMonitor.Sampler() {
            @Override
            public List<String> sample() {
                throw new NoClassDefFoundError("org/apache/kafka/clients/admin/Admin");
            }

            @Override
            public List<String> stuck() {
                return List.of();
            }
        };
        final HealthMonitor failing = new HealthMonitor(streams, state -> java.util.Optional.empty(), broken, STUCK_TIMEOUT,
                clock, stuckCalls::add, List.of(), List.of());

        failing.sample();
        clock.advance(STUCK_TIMEOUT);
        failing.sample();

        assertThat(failing.liveness().reasons()).singleElement().asString().contains("NoClassDefFoundError");
        assertThat(stuckCalls).singleElement().asString().contains("progress sampling failing for 30 s");
    }

    @Test
    void shouldRecoverWhenSamplingWorksAgain() {
        samplingFails.set(new IllegalStateException("metadata unavailable"));
        monitor.sample();
        samplingFails.set(null);
        monitor.sample();

        assertThat(monitor.liveness().up()).isTrue();
    }

    @Test
    void shouldReportStuckPartitionsAndTellWhoeverActs() {
        stuckNow.set(List.of("tickets.changes-0 (task 0_0): 1 records waiting"));
        monitor.sample();

        assertThat(stuckCalls).singleElement().asString().startsWith("processing stuck: tickets.changes-0");
        assertThat(monitor.liveness().reasons()).singleElement().asString().startsWith("processing stuck:");
    }

    @Test
    void shouldFailLivenessWhenAnExtraCheckFails() {
        extraFailure.set("the brake's control-topic watch stopped: java.lang.OutOfMemoryError");

        assertThat(monitor.liveness().up()).isFalse();
        assertThat(monitor.readiness().reasons()).contains(extraFailure.get());
    }

    @Test
    void shouldStayLiveButNotReadyWhenOnlyAReadinessCheckFails() {
        readinessFailure.set("paused by the dead-letter surge brake: ENGAGED at ...");

        assertThat(monitor.liveness().up()).isTrue();
        assertThat(monitor.readiness().up()).isFalse();
        assertThat(monitor.readiness().reasons()).contains(readinessFailure.get());
    }
}
