package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Help that reads whole: picocli shows a description's first element alone in command lists. */
class HelpTextTest {

    @Test
    void shouldEndEveryDescriptionLineWithAPeriodWhenAnyCommandOrOptionIsDescribed() {
        final List<String> lines = new ArrayList<>();
        collect(Main.commandLine(), lines);

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).as("a description line").endsWith("."));
    }

    @Test
    void shouldNameEveryExitCodeOnItsOwnLineWhenRunHelpIsShown() throws IllegalAccessException {
        final StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "run", "--help"))
                .isEqualTo(ExitCodes.OK);

        final List<String> help = out.toString().lines().toList();
        for (final Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                final String code = "Exit " + field.getInt(null) + ": ";
                assertThat(help).as(field.getName()).anySatisfy(line -> assertThat(line).startsWith(code).endsWith("."));
            }
        }
    }

    private static void collect(final CommandLine command, final List<String> lines) {
        final CommandSpec spec = command.getCommandSpec();
        final String name = spec.qualifiedName();
        Arrays.stream(spec.usageMessage().description()).forEach(line -> lines.add(name + ": " + line.strip()));
        for (final ArgSpec arg : spec.args()) {
            Arrays.stream(arg.description()).forEach(line -> lines.add(name + " " + arg.paramLabel() + ": " + line.strip()));
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, lines));
    }
}
