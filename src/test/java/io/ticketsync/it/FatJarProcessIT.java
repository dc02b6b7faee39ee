package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.testing.Await;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped artifact as an operator runs it: {@code java -jar target/ticket-sync.jar run} in its own
 * JVM. SIGTERM closes gracefully with exit 0; a missing topic exits 4; secrets never reach the log.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class FatJarProcessIT {

    private static final Path JAR = Path.of("target", "ticket-sync.jar");
    private static final String SECRET = "Sup3rSecretPassw0rd";

    @Test
    void shouldStopGracefullyWithExitZeroOnSigterm(final KafkaBroker broker, @TempDir final Path work) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "jar-it", work, Map.of());
        broker.createTopics(config.topics());
        broker.produce(config.topics().input(), Workloads.versions(10, 2));
        final int port = Ports.free();

        final Process process = start(work, args(config, work, port, "--set", "ssl.key.password=" + SECRET));
        try {
            final HttpProbe http = new HttpProbe(port);
            awaitHttp(http, process);
            http.awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            broker.readCommittedUntil(config.topics().output(), records -> records.size() >= 20, Duration.ofSeconds(60));

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within the shutdown timeout").isTrue();
            assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
        } finally {
            process.destroyForcibly();
        }
        final String log = Files.readString(work.resolve("process.log"));
        assertThat(log).contains("Stopping: termination signal received").contains("ssl.key.password=[hidden]")
                .doesNotContain(SECRET);
    }

    @Test
    void shouldExitWithCodeFourAndSayWhichTopicIsMissing(final KafkaBroker broker, @TempDir final Path work)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "jar-missing-it", work, Map.of());

        final Process process = start(work, args(config, work, Ports.free()));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(Files.readString(work.resolve("process.log")))
                .contains("topic 'jar-missing-it.changes' (the input topic: consume ticket changes) does not exist")
                .contains("topic 'jar-missing-it.dlq' (the dead-letter topic: write dead letters) does not exist");
    }

    @Test
    void shouldSayInOneLineThatTheBrokerIsUnreachableWithinTheStartupTimeout(@TempDir final Path work) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker("127.0.0.1:" + Ports.free(), "jar-unreachable-it", work, Map.of());
        final long started = System.nanoTime();

        final Process process = start(work, args(config, work, Ports.free(), "--set", "startup.timeout.ms=3000"));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // JVM start, the 3 s timeout and the documented margin, generously: this machine is shared.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
        assertThat(process.exitValue()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        final String log = Files.readString(work.resolve("process.log"));
        assertThat(log).contains("cannot reach Kafka at bootstrap.servers=127.0.0.1:").contains("within 3000 ms")
                .doesNotContain("\tat ").doesNotContain(" WARN ");
        assertThat(log.lines().filter(line -> line.contains(" ERROR "))).hasSize(1);
    }

    private static List<String> args(final TicketSyncConfig config, final Path work, final int port,
                                     final String... extra) {
        // Production maps nothing by default: name the sample tickets' mappings, as compose does.
        final List<String> args = new ArrayList<>(List.of("run", "--config",
                Path.of("config", "sample-mappings.properties").toAbsolutePath().toString()));
        for (final String key : new String[] {"bootstrap.servers", "application.id", ConfigKeys.INPUT_TOPIC,
                ConfigKeys.OUTPUT_TOPIC, ConfigKeys.DLQ_TOPIC, "commit.interval.ms"}) {
            args.add("--set");
            args.add(key + "=" + config.raw().get(key));
        }
        args.addAll(List.of("--set", "state.dir=" + work.resolve("state"), "--set", "http.bind.address=127.0.0.1",
                "--set", "http.port=" + port));
        args.addAll(List.of(extra));
        return args;
    }

    private static Process start(final Path work, final List<String> args) throws IOException {
        assertThat(JAR).as("the fat jar is built in the package phase, before integration tests").exists();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("process.log").toFile()).start();
    }

    private static void awaitHttp(final HttpProbe http, final Process process) throws InterruptedException {
        Await.succeeds("HTTP API up", () -> {
            assertThat(process.isAlive()).as("process still running").isTrue();
            return http.get("/health/live");
        }, Duration.ofSeconds(60), Duration.ofMillis(200));
    }
}
