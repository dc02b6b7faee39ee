package io.ticketsync.config;

/** The three topics ticket-sync reads and writes. */
public record Topics(String input, String output, String deadLetter) {
}
