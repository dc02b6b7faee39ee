package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a usage error into one line on stderr and exit 2: what is wrong, named, with the nearest
 * valid word when there is one. picocli's own answer ("Unmatched argument at index 0", a suggestion
 * of any option however far, then the whole usage) buries the one thing an operator needs.
 */
final class UsageErrorReporter implements IParameterExceptionHandler {

    /** Farther than this (in edits) an option is not offered as "did you mean". */
    private static final int CLOSE = 2;

    @Override
    public int handleParseException(final ParameterException exception, final String[] args) {
        final CommandLine command = exception.getCommandLine();
        final PrintWriter err = command.getErr();
        err.println("ticket-sync: " + message(exception, command, List.of(args)) + " (see '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    static String message(final ParameterException exception, final CommandLine command, final List<String> args) {
        if (!(exception instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return exception.getMessage();
        }
        final String word = unmatched.getUnmatched().get(0);
        final String name = command.getCommandName();
        final Set<String> commands = command.getSubcommands().keySet();
        if (!word.startsWith("-")) {
            if (commands.isEmpty()) {
                return "unexpected argument '" + word + "' for " + name;
            }
            return "unknown command '" + word + "'" + (command.getParent() == null ? "" : " for " + name) + "; did you mean '"
                    + nearest(word, commands) + "'? commands: " + String.join(", ", commands);
        }
        final String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        final boolean someCommandTakesIt = command.getSubcommands().values().stream()
                .anyMatch(sub -> sub.getCommandSpec().findOption(option) != null);
        if (someCommandTakesIt) {
            // What followed this command's own name, with the subcommand moved to the front.
            final List<String> rest = command.getParent() == null ? args
                    : args.subList(args.indexOf(name) + 1, args.size());
            final Optional<String> subcommand = rest.stream().filter(commands::contains).findFirst();
            return "unknown option '" + option + "' before the command; options go after the command: "
                    + command.getCommandSpec().qualifiedName() + " " + subcommand.map(found -> found + " "
                    + String.join(" ", without(rest, found))).orElse("COMMAND " + String.join(" ", rest));
        }
        final List<String> options = command.getCommandSpec().options().stream().map(OptionSpec::longestName).toList();
        final String nearest = nearest(option, options);
        return "unknown option '" + option + "' for " + name + (distance(option, nearest) <= CLOSE
                ? "; did you mean '" + nearest + "'?" : "; its options: " + String.join(", ", options));
    }

    private static List<String> without(final List<String> args, final String first) {
        final List<String> rest = new ArrayList<>(args);
        rest.remove(first);
        return rest;
    }

    private static String nearest(final String word, final Iterable<String> candidates) {
        final List<String> all = new ArrayList<>();
        candidates.forEach(all::add);
        return all.stream().min(Comparator.comparingInt(candidate -> distance(word, candidate))).orElse("");
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(final String a, final String b) {
        final String left = a.toLowerCase(Locale.ROOT);
        final String right = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[right.length() + 1];
        Arrays.setAll(previous, i -> i);
        for (int i = 1; i <= left.length(); i++) {
            final int[] current = new int[right.length() + 1];
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                final int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[right.length()];
    }
}
