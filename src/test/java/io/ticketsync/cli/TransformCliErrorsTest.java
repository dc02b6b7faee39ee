package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dlq replay --transform FILE} and {@code --rate}: bad input is exit 2, one line naming the
 * option, the line of the file and the reason, before the cluster is asked anything (the broker
 * here does not exist, and the startup timeout is longer than the test's), so nothing is sent.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TransformCliErrorsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int replay(final String... options) {
        final String[] args = new String[options.length + 6];
        args[0] = "dlq";
        args[1] = "replay";
        System.arraycopy(options, 0, args, 2, options.length);
        System.arraycopy(new String[] {"--set", "bootstrap.servers=127.0.0.1:1", "--set", "startup.timeout.ms=60000"}, 0, args,
                options.length + 2, 4);
        return Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    private String rules(final String text) throws IOException {
        return Files.writeString(dir.resolve("rules.yaml"), text).toString();
    }

    @Test
    void unknownOperationIsRefusedWithItsLine() throws IOException {
        assertThat(replay("--dry-run", "--transform", rules("map: {fields.status: {a: b}}\nfrobnicate: {fields.x: 1}\n")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--transform").contains("line 2").contains("unknown operation 'frobnicate'");
    }

    @Test
    void aPathThatIsNotAFieldPathIsRefused() throws IOException {
        assertThat(replay("--transform", rules("remove:\n  - fields[0]\n"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("line 2").contains("'fields[0]' is not a dotted field path");
    }

    @Test
    void aReadOnlyFieldIsRefused() throws IOException {
        assertThat(replay("--transform", rules("set: {version: 7}\n"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("line 1").contains("'version' is read-only");
    }

    @Test
    void aMissingRuleFileIsRefused() {
        assertThat(replay("--transform", dir.resolve("nope.yaml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--transform: cannot read").contains("nope.yaml");
    }

    @Test
    void rulesWithAPlanAreRefused() throws IOException {
        assertThat(replay("--execute-plan", "plan.json", "--transform", rules("fields.status: a -> b"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the plan carries its rules");
    }

    @Test
    void aBadRateIsRefused() {
        for (final String rate : new String[] {"0", "0/s", "fast", "10/m", "-5/s", "2000000/s"}) {
            err.getBuffer().setLength(0);
            assertThat(replay("--rate", rate)).as(rate).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("--rate: the rate must be N/s");
        }
    }
}
