package io.ticketsync.runtime;

/** Why the application is ending, and the exit code that says so. */
public record Termination(int exitCode, String reason) {
}
