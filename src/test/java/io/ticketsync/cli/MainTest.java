package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs a command as {@code java -jar} would, capturing what it prints. */
    private int run(final String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldPrintTopologyForEffectiveConfiguration() {
        final int code = run("topology", "--set", "input.topic=my.changes");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Source: " + TicketSyncTopology.SOURCE + " (topics: [my.changes.replay, my.changes])")
                .contains("Sink: " + TicketSyncTopology.SINK + " (topic: " + TestConfigs.defaults().topics().output() + ")");
    }

    @Test
    void shouldExitWithUsageCodeWhenCommandIsUnknownOrMissing() {
        assertThat(run("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void shouldNameTheUnknownCommandAndExitWithUsageCodeWhenHelpFollowsIt() {
        assertThat(run("dlq", "frobnicate", "--help")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("frobnicate");
        assertThat(out.toString()).as("no help printed as if the command existed").isEmpty();

        assertThat(run("frobnicate", "--help")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("dlq", "inspect", "--help")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldExitWithConfigCodeAndNameTheKeyWhenConfigurationIsInvalid() {
        assertThat(run("topology", "--set", "dlq.stacktrace.max.bytes=-1")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("dlq.stacktrace.max.bytes");
    }

    @Test
    void shouldRefuseToRunAtLeastOnceBecauseItCanLoseOutput() {
        assertThat(run("run", "--set", "processing.guarantee=at_least_once")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("processing.guarantee").contains("exactly_once_v2");
    }

    @Test
    void shouldExitWithConfigCodeWhenKafkaRejectsItsOwnKey() {
        assertThat(run("topology", "--set", "processing.guarantee=exactly-once")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("processing.guarantee").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithConfigCodeWhenAClientSettingIsMalformed() {
        final int code = run("run", "--config", "config/sample-mappings.properties",
                "--set", "bootstrap.servers=127.0.0.1:1", "--set", "security.protocol=SASL_PLAINTEXT",
                "--set", "sasl.mechanism=PLAIN", "--set", "sasl.jaas.config=not a jaas config");

        assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("configuration error").contains("sasl")
                .doesNotContain("not a jaas config");
    }

    @Test
    void shouldExitWithConfigCodeWhenConfigFileIsMissing() {
        assertThat(run("topology", "--config", "no/such/file.properties")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("no/such/file.properties");
    }
}
