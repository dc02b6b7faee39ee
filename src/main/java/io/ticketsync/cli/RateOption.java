package io.ticketsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --rate N/s}: letters a second, a whole number from 1 (a slower pace would let the writer lease lapse between sends). */
final class RateOption {

    static final int MAX = 1_000_000;
    private static final Pattern RATE = Pattern.compile("([0-9]{1,7})(/s)?");

    private RateOption() {
    }

    /** @return letters a second, 0 when the option was not given */
    static int parse(final String text, final CommandLine commandLine) {
        if (text == null) {
            return 0;
        }
        final Matcher matcher = RATE.matcher(text.trim());
        final int rate = matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
        if (rate < 1 || rate > MAX) {
            throw new ParameterException(commandLine, "--rate must be N/s with N from 1 to " + MAX + " letters a second, got '"
                    + text + "'");
        }
        return rate;
    }
}
