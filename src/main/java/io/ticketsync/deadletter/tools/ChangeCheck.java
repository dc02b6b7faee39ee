package io.ticketsync.deadletter.tools;

/**
 * What a running ticket-sync would do with a change, asked before anything is sent: the owning
 * instance runs it through its own decoder, rules and mappings against the ticket's stored state,
 * and writes nothing. Edits and transforms show this before they send.
 */
@FunctionalInterface
public interface ChangeCheck {

    /**
     * @param key   the record key (the ticket id)
     * @param value the change as it would be sent
     * @throws IllegalStateException when no instance could be asked (nothing is sent then)
     */
    CheckResult check(byte[] key, byte[] value);
}
