package io.ticketsync.cli;

import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exit-code table walked row by row, as an operator meets it without a broker: every case
 * answers with its code and one line on stderr that names what is wrong (no stack trace, no usage
 * dump), and arguments are judged before anything waits for the cluster.
 */
class CliErrorsTest {

    /** Nothing listens on port 1; no case below may wait for it. */
    private static final String NO_BROKER = "bootstrap.servers=127.0.0.1:1";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The one line stderr holds; fails on a stack trace or a usage dump. */
    private String oneLine() {
        assertThat(err.toString().lines()).as("stderr: %s", err).hasSize(1);
        return err.toString().strip();
    }

    @Test
    void shouldExitOkWithHelpAndVersion() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldNameTheUnknownCommandAndTheNearestOneWhenACommandIsMistyped() {
        assertThat(run("sync")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("unknown command 'sync'").contains("did you mean 'run'?");
    }

    @Test
    void shouldNameTheUnknownOptionAndOfferOnlyCloseOnesWhenAnOptionIsUnknown() {
        assertThat(run("run", "--verbose")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("unknown option '--verbose' for run").doesNotContain("did you mean");
    }

    @Test
    void shouldSuggestTheCloseOptionWhenAnOptionIsMisspelt() {
        assertThat(run("run", "--confg", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("unknown option '--confg' for run").contains("did you mean '--config'?");
    }

    @Test
    void shouldSayOptionsGoAfterTheCommandWhenTheyComeBeforeIt() {
        assertThat(run("--config", "x", "run")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("options go after the command: ticket-sync run --config x");
        err.getBuffer().setLength(0);

        assertThat(run("dlq", "--config", "x", "inspect")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("options go after the command: ticket-sync dlq inspect --config x");
    }

    @Test
    void shouldNotSendAnOptionNoCommandTakesAfterTheCommandWhenItIsUnknownEverywhere() {
        assertThat(run("--verbose")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("unknown option '--verbose' for ticket-sync").doesNotContain("go after");
    }

    @Test
    void shouldAskForKeyEqualsValueWhenSetHasNoEquals() {
        assertThat(run("topology", "--set", "http.port")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("--set needs KEY=VALUE").contains("'http.port'");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRefuseBadArgumentsBeforeWaitingForTheClusterWhenArgumentsAreInvalid() {
        // A startup timeout longer than the test's: reaching the cluster check would fail it.
        final String[][] cases = {
                {"dlq", "replay", "--to", "tickets.synced", "tickets.synced"},
                {"dlq", "replay", "--batch-size", "0", "--batch-size"},
                {"dlq", "replay", "--max-replays", "0", "--max-replays"},
                {"dlq", "inspect", "--samples", "-1", "--samples"},
                {"dlq", "resolve", "--id", "nonsense", "--id"},
                {"dlq", "export", "--stage", "LATER", "--stage"},
                {"dlq", "discard", "--source-offset-from", "9", "--source-offset-to", "3", "--source-offset-from"},
                {"dlq", "resolve", "--note", "no filter", "--all"},
                {"dlq", "discard", "--include-closed", "--all"},
                {"dlq", "replay", "--plan", "plan.json", "--dry-run"},
                {"dlq", "replay", "--execute-plan", "plan.json", "--reason", "invalid-json", "--execute-plan"},
                {"dlq", "replay", "--execute-plan", "/no/such/plan.json", "cannot read the plan"}};
        for (final String[] each : cases) {
            final String[] args = new String[each.length - 1 + 4];
            System.arraycopy(each, 0, args, 0, each.length - 1);
            System.arraycopy(new String[] {"--set", NO_BROKER, "--set", "startup.timeout.ms=60000"}, 0, args, each.length - 1, 4);
            err.getBuffer().setLength(0);

            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(oneLine()).contains(each[each.length - 1]);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRefuseABadPortBeforeStartingTheDevBrokerWhenDevIsGivenOne() {
        assertThat(run("dev", "--broker-port", "70000")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("--broker-port").contains("70000");
    }

    @Test
    void shouldAnswerUnknownAclsCommandWithTheValidOnes() {
        assertThat(run("acls", "dlq-frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneLine()).contains("'dlq-frobnicate'").contains("dlq-export").contains("brake-release");
    }

    @Test
    void shouldExitConfigErrorNamingTheFileWhenTheConfigPathIsADirectory() {
        assertThat(run("topology", "--config", dir.toString())).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(oneLine()).contains(dir.toString()).contains("directory");
    }

    @Test
    void shouldExitConfigErrorNamingTheFileWhenTheConfigFileCannotBeRead() throws IOException {
        // Root reads any file whatever its mode; a path through a regular file fails for everyone.
        final Path unreadable = Files.writeString(dir.resolve("plain"), "").resolve("ticket-sync.properties");

        assertThat(run("topology", "--config", unreadable.toString())).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(oneLine()).contains(unreadable.toString()).contains("cannot read");
    }

    // The configuration row (exit 3), once per place a value can come from: file:line, variable, flag.

    @Test
    void shouldExitConfigErrorNamingTheKeyAndTheFileLineWhenTheFileHasABadValue() throws IOException {
        final Path file = Files.writeString(dir.resolve("bad.properties"),
                "# production\ninput.topic=tickets.changes\n\ndlq.stacktrace.max.bytes=-1\n");

        assertThat(run("topology", "--config", file.toString())).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(oneLine()).contains("dlq.stacktrace.max.bytes").contains("(from " + file + ":4: fix that line)");
    }

    @Test
    void shouldExitConfigErrorNamingTheFlagWhenASetValueIsBad() {
        assertThat(run("dlq", "inspect", "--set", "bootstrap.servers=kafka-1", "--set", "startup.timeout.ms=60000"))
                .isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(oneLine()).contains("bootstrap.servers").contains("'kafka-1'")
                .contains("(from --set bootstrap.servers=...: fix that --set)");
    }

    @Test
    void shouldNameTheVariableNotOnlyTheKeyWhenAnEnvironmentValueIsBad() {
        // The CLI reads the process environment, which a test cannot set; the loader is what it calls.
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TICKET_SYNC_HTTP_PORT", "abc"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("'http.port' must be a port number from 0 to 65535, got 'abc'"
                        + " (from environment variable TICKET_SYNC_HTTP_PORT: fix or unset TICKET_SYNC_HTTP_PORT)");
    }

    @Test
    void shouldNameTheVariableWhenKafkaRefusesAnEnvironmentValue() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TICKET_SYNC_COMMIT_INTERVAL_MS", "soon"), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("commit.interval.ms")
                .hasMessageContaining("environment variable TICKET_SYNC_COMMIT_INTERVAL_MS");
    }

    @Test
    void shouldNameTheVariableWhenItSetsAnUnknownKey() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TICKET_SYNC_HTP_PORT", "8080"), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("unknown configuration key 'htp.port'")
                .hasMessageContaining("environment variable TICKET_SYNC_HTP_PORT");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldBlameTheRefusedConnectionAndTheTimeoutKeyWhenNothingListens() {
        assertThat(run("dlq", "inspect", "--set", NO_BROKER, "--set", "startup.timeout.ms=1500"))
                .isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(oneLine()).contains("bootstrap.servers=127.0.0.1:1").contains("Connection refused")
                .contains("startup.timeout.ms bounds this wait").doesNotContain("SocketTimeoutException");
    }
}
