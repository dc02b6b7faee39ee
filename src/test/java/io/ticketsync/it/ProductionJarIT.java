package io.ticketsync.it;

import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.AppProcess;
import io.ticketsync.testing.Ports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two artifacts the package phase builds: {@code target/ticket-sync.jar} for production carries
 * the Kafka Streams client and every production command but no broker (no Kafka server, no Scala,
 * none of their libraries); {@code target/ticket-sync-dev.jar} carries the broker for {@code dev}.
 * Fails the build when broker classes creep back into the production jar.
 */
@Tag("integration")
@Timeout(120)
class ProductionJarIT {

    private static final Path JAR = AppProcess.JAR;
    private static final Path DEV_JAR = Path.of("target", "ticket-sync-dev.jar");

    /** Where the broker and what only it needs live; kafka-clients has none of these. */
    private static final List<String> BROKER_ONLY = List.of("scala/", "org/apache/kafka/raft/",
            "org/apache/kafka/metadata/", "org/apache/kafka/controller/", "org/apache/kafka/image/",
            "org/apache/kafka/storage/", "org/apache/kafka/coordinator/", "org/apache/kafka/server/common/",
            "org/apache/logging/log4j/", "com/yammer/metrics/");

    @Test
    void shouldCarryTheStreamsClientAndOurMainButNoBrokerInTheProductionJar() throws IOException {
        final String main;
        final List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            main = jar.getManifest().getMainAttributes().getValue("Main-Class");
            entries = jar.stream().map(JarEntry::getName).toList();
        }

        assertThat(entries).contains(main.replace('.', '/') + ".class", "org/apache/kafka/streams/KafkaStreams.class",
                        "org/apache/kafka/clients/admin/Admin.class", "org/rocksdb/RocksDB.class")
                .doesNotContain("kafka/Kafka.class")
                // kafka-clients keeps its version file under kafka/; the broker's classes live there.
                .noneMatch(name -> name.startsWith("kafka/") && name.endsWith(".class"))
                .noneMatch(name -> BROKER_ONLY.stream().anyMatch(name::startsWith));
    }

    @Test
    void shouldCarryTheBrokerInTheDevJar() throws IOException {
        try (JarFile jar = new JarFile(DEV_JAR.toFile())) {
            assertThat(jar.getEntry("kafka/Kafka.class")).isNotNull();
            assertThat(jar.getEntry("kafka/tools/StorageTool.class")).as("formats the dev broker's storage").isNotNull();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(mainClassOf(JAR));
        }
    }

    @Test
    void shouldPrintTheTopologyFromTheProductionJar(@TempDir final Path work) throws Exception {
        final Result topology = run(work, "topology");

        assertThat(topology.exitCode()).as(topology.output()).isEqualTo(ExitCodes.OK);
        assertThat(topology.output()).contains("Topologies:").contains("Sub-topology: 0");
    }

    @Test
    void shouldPointDevAtTheDevJarWhenRunFromTheProductionJar(@TempDir final Path work) throws Exception {
        // Free ports and a data directory under work: should a broker ever start, it disturbs nothing.
        final Result dev = run(work, "dev", "--no-samples", "--data-dir", work.resolve("data").toString(),
                "--broker-port", String.valueOf(Ports.free()), "--controller-port", String.valueOf(Ports.free()),
                "--http-port", String.valueOf(Ports.free()));

        assertThat(dev.exitCode()).as(dev.output()).isEqualTo(ExitCodes.USAGE);
        assertThat(dev.output())
                .contains("dev needs a Kafka broker, and this production jar carries none")
                .contains("mvn -B -ntp package -DskipTests && java -jar target/ticket-sync-dev.jar dev")
                .doesNotContain("Exception").doesNotContain("Error").doesNotContain("\tat ");
    }

    private static String mainClassOf(final Path jarFile) throws IOException {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    private static Result run(final Path work, final String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the production jar is built in the package phase, before integration tests").exists();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        final Path log = work.resolve("process.log");
        final Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("exited within 45 s").isTrue();
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            // SIGTERM first: a `dev` that did start a broker stops it, which a SIGKILL would orphan.
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
