package io.ticketsync.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.codec.JsonDiff;
import io.ticketsync.codec.TicketChangeDeserializer;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;

import java.util.List;
import java.util.Optional;

/**
 * What this instance would do with a change, writing nothing: the bytes go through the source's
 * deserializer and the processor's {@link TicketRules} (the very objects the topology uses, built
 * from the same configuration), against the state the caller read from the store. What is not the
 * record's fault (an unreadable store value) is thrown, not answered.
 */
public final class ChangePreview {

    /** What a change would do. */
    public enum Outcome { APPLIES, STALE, DEAD_LETTER }

    /**
     * @param version the version it applies as (APPLIES) or the stored version it is stale against (STALE)
     * @param reason  the dead-letter reason code (DEAD_LETTER)
     * @param current the stored snapshot, if the ticket has one (null when unknown or deleted)
     * @param after   the snapshot it would produce (APPLIES; null for a DELETE)
     * @param diff    field by field, {@code current} to {@code after} (APPLIES)
     */
    public record Result(Outcome outcome, Long version, String reason, String message, SyncedTicket current,
                         SyncedTicket after, List<String> diff) {
    }

    private final TicketChangeDeserializer decoder = new TicketChangeDeserializer();
    private final TicketRules rules;

    ChangePreview(final TicketRules rules) {
        this.rules = rules;
    }

    /** The rules and mappings {@link TicketSyncTopology#build(TicketSyncConfig)} gives the processor. */
    public static ChangePreview of(final TicketSyncConfig config) {
        return new ChangePreview(TicketSyncTopology.rules(config));
    }

    /**
     * @param key    the record key (the ticket id)
     * @param value  the change's bytes as they would be sent
     * @param stored the ticket's stored state (null when never seen; a deleted ticket's marker otherwise)
     */
    public Result preview(final String key, final byte[] value, final TicketState stored) {
        final SyncedTicket current = stored == null ? null : stored.snapshot();
        final TicketChange change;
        final Optional<TicketState> next;
        try {
            change = decoder.deserialize(null, value);
            next = rules.apply(key, stored, change);
        } catch (final BadRecordException e) {
            return new Result(Outcome.DEAD_LETTER, null, e.reason().code(), e.getMessage(), current, null, List.of());
        }
        if (next.isEmpty()) {
            return new Result(Outcome.STALE, stored.version(), null, "skipped as stale: stored version " + stored.version(),
                    current, null, List.of());
        }
        final SyncedTicket after = next.get().snapshot();
        return new Result(Outcome.APPLIES, change.version(), null, "applies as version " + change.version()
                + (after == null ? " (deletes the ticket)" : ""), current, after,
                JsonDiff.of(tree(current), tree(after)));
    }

    private static JsonNode tree(final SyncedTicket snapshot) {
        return snapshot == null ? null : Json.MAPPER.valueToTree(snapshot);
    }
}
