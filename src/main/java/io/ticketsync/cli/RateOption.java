package io.ticketsync.cli;

import io.ticketsync.deadletter.tools.SendPace;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code --rate N/s}, read as {@link SendPace#parseRate} reads it; a bad one is exit 2. */
final class RateOption {

    private RateOption() {
    }

    /** @return letters a second, 0 when the option was not given */
    static int parse(final String text, final CommandLine commandLine) {
        if (text == null) {
            return 0;
        }
        try {
            return SendPace.parseRate(text.isBlank() ? "0" : text);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--rate: " + e.getMessage(), e);
        }
    }
}
