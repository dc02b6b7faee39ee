package io.ticketsync.config;

import java.nio.file.Path;

/**
 * Where one configuration value came from, and what the operator does to change it there: a bad
 * value reported by key alone sends them looking through files, variables and flags in turn.
 *
 * @param where  the place, as the operator would type or open it ({@code config/x.properties:12})
 * @param remedy what to do there, said after the place
 */
public record Origin(String where, String remedy) {

    public static Origin builtIn() {
        return new Origin("the built-in default", "override it with --config FILE, a TICKET_SYNC_* variable or --set");
    }

    /** @param line the 1-based line where the key's entry starts */
    public static Origin file(final Path file, final int line) {
        return new Origin(file + ":" + line, "fix that line");
    }

    public static Origin variable(final String name) {
        return new Origin("environment variable " + name, "fix or unset " + name);
    }

    /** The value is left out: it may be a secret, and the operator typed it anyway. */
    public static Origin flag(final String key) {
        return new Origin("--set " + key + "=...", "fix that --set");
    }

    /** A value a command sets for itself, such as {@code dev}'s broker address. */
    public static Origin command(final String command) {
        return new Origin("the " + command + " command's own setting", "override it with --set");
    }

    /** {@code (from <where>: <remedy>)}, to end a message about the value. */
    public String describe() {
        return "(from " + where + ": " + remedy + ")";
    }
}
