package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit command's time bounds, and acting commands refusing to act for nobody, before any network call. */
class AuditCommandArgumentsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String userName = System.getProperty("user.name");

    @AfterEach
    void restoreUserName() {
        System.setProperty("user.name", userName);
    }

    private int run(final String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldReadAnInstantOrADurationBackFromNow() {
        assertThat(TimeBound.parse("2026-12-01T00:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(TimeBound.parse("24h", NOW)).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(TimeBound.parse("7d", NOW)).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(TimeBound.parse("90m", NOW)).isEqualTo(Instant.parse("2026-12-07T10:30:00Z"));
        assertThatThrownBy(() -> TimeBound.parse("yesterday", NOW)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("24h");
    }

    @Test
    void shouldRefuseBadTimeBoundsAtOnce() {
        // bootstrap.servers points nowhere: only a check before the network can answer 2.
        assertThat(run("audit", "--since", "soon", "--set", "bootstrap.servers=127.0.0.1:9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--since");
        assertThat(run("audit", "--since", "1h", "--until", "2h", "--set", "bootstrap.servers=127.0.0.1:9"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("must be before --until");
    }

    @Test
    void shouldRefuseToActForNobodyWithExit2AndOneLine() {
        for (final String[] args : new String[][] {
                {"dlq", "resolve", "--all", "--actor", ""},
                {"dlq", "discard", "--all", "--actor", " "},
                {"dlq", "replay", "--actor", ""},
                {"dlq", "export", "--actor", ""},
                {"brake", "release", "--note", "fixed", "--actor", ""}}) {
            final StringWriter errors = new StringWriter();
            final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(errors, true), withNowhere(args));
            assertThat(exit).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(errors.toString()).as(String.join(" ", args)).contains("--actor").contains("actor");
        }
        System.setProperty("user.name", "");
        assertThat(run(withNowhere(new String[] {"dlq", "resolve", "--all"}))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("operating-system user is unknown");
    }

    private static String[] withNowhere(final String[] args) {
        final String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--set";
        all[args.length + 1] = "bootstrap.servers=127.0.0.1:9";
        return all;
    }
}
