package io.ticketsync.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped alert rules are checked like code: promtool's syntax check and its rule unit tests. */
class AlertRulesTest {

    private static final Path RULES_DIR = Path.of("config", "prometheus");

    @Test
    void shouldPassPromtoolCheckRules() throws Exception {
        assertThat(promtool("check", "rules", "ticket-sync-alerts.yml")).contains("SUCCESS: 9 rules found");
    }

    @Test
    void shouldPassTheRuleUnitTests() throws Exception {
        assertThat(promtool("test", "rules", "ticket-sync-alerts.test.yml")).contains("SUCCESS");
    }

    /** Runs promtool in the rules directory; fails with its output unless it exits 0. */
    private static String promtool(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        final Process process;
        try {
            process = new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true).start();
        } catch (final IOException e) {
            throw new AssertionError("promtool is missing: run scripts/install-test-packages as root", e);
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
        return output;
    }
}
