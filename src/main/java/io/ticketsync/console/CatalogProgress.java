package io.ticketsync.console;

/** How far the index has read: letters indexed, letters in the topic, and whether it has caught up once. */
public record CatalogProgress(long indexed, long inTopic, boolean caughtUp) {
}
