/**
 * The dead-letter console: a web UI over the dead-letter topic. {@link io.ticketsync.console.DeadLetterCatalog}
 * answers what is there (an index kept up to date in the background, never the whole topic in
 * memory), {@link io.ticketsync.console.LetterActions} changes things (resolve, discard, replay,
 * export) through the same engine as the {@code dlq} commands; the web layer only renders and checks
 * who asks.
 */
package io.ticketsync.console;
