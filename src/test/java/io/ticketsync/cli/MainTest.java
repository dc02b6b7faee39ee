package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.topology.TicketSyncTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void shouldPrintTopologyForEffectiveConfiguration() {
        final int code = Main.run("topology", "--set", "input.topic=my.changes");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Source: " + TicketSyncTopology.SOURCE + " (topics: [my.changes])")
                .contains("Sink: " + TicketSyncTopology.SINK + " (topic: tickets.synced)");
    }

    @Test
    void shouldExitWithUsageCodeWhenCommandIsUnknownOrMissing() {
        assertThat(Main.run("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing command");
    }

    @Test
    void shouldExitWithConfigCodeAndNameTheKeyWhenConfigurationIsInvalid() {
        assertThat(Main.run("topology", "--set", "dlq.stacktrace.max.bytes=-1")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("dlq.stacktrace.max.bytes");
    }

    @Test
    void shouldRefuseToRunAtLeastOnceBecauseItCanLoseOutput() {
        assertThat(Main.run("run", "--set", "processing.guarantee=at_least_once")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("processing.guarantee").contains("exactly_once_v2");
    }

    @Test
    void shouldExitWithConfigCodeWhenKafkaRejectsItsOwnKey() {
        assertThat(Main.run("topology", "--set", "processing.guarantee=exactly-once")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("processing.guarantee").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithConfigCodeWhenAClientSettingIsMalformed() {
        final int code = Main.run("run", "--set", "bootstrap.servers=127.0.0.1:1", "--set", "security.protocol=SASL_PLAINTEXT",
                "--set", "sasl.mechanism=PLAIN", "--set", "sasl.jaas.config=not a jaas config");

        assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("configuration error").contains("sasl")
                .doesNotContain("not a jaas config");
    }

    @Test
    void shouldExitWithConfigCodeWhenConfigFileIsMissing() {
        assertThat(Main.run("topology", "--config", "no/such/file.properties")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no/such/file.properties");
    }
}
