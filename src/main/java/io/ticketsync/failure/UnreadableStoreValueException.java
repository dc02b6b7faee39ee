package io.ticketsync.failure;

/**
 * A value in one of ticket-sync's own state stores cannot be decoded. The record being processed
 * is not at fault and retrying cannot help, so this is always fatal (never dead-lettered, never a
 * thread replacement that would meet the same value again): the client shuts down and says why.
 */
public final class UnreadableStoreValueException extends RuntimeException {

    public UnreadableStoreValueException(final String store, final String key, final Throwable cause) {
        super("the value of key '" + key + "' in state store " + store + " cannot be decoded ("
                + cause.getClass().getSimpleName() + "). It was probably written by a newer, incompatible"
                + " ticket-sync (a rollback), or it is corrupted. Deploy the ticket-sync version that wrote it, or"
                + " rebuild the state: stop every instance, reset the application (kafka-streams-application-reset)"
                + " and start again.", cause);
    }
}
