package io.ticketsync.deadletter.tools;

/** Transform rules that are refused before anything is sent: the message names the line and the reason. */
public final class InvalidRulesException extends IllegalArgumentException {

    private final int line;

    InvalidRulesException(final int line, final String reason) {
        super("transform rules, line " + line + ": " + reason);
        this.line = line;
    }

    /** 1-based line in the rule file. */
    public int line() {
        return line;
    }
}
