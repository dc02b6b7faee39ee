package io.ticketsync.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsync.codec.Json;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;

import java.util.List;

/** Store values (changelog values) as other ticket-sync versions, or accidents, could leave them. */
public final class StoreValues {

    private StoreValues() {
    }

    /** A ticket's state at {@code version}: title "Printer on fire", OPEN, HIGH, assigned to alice. */
    public static TicketState stateOf(final String ticketId, final long version) {
        return new TicketState(version, new SyncedTicket(ticketId, version, "Printer on fire", "OPEN", "HIGH", "alice",
                null, List.of("hardware"), TicketChangeBuilder.BASE_TIME.plusSeconds(version)));
    }

    /** {@code state} as a newer ticket-sync might store it: with fields this version does not know. */
    public static byte[] fromNewerVersion(final TicketState state) {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", state.version());
        root.set("snapshot", Json.MAPPER.valueToTree(state.snapshot()));
        root.put("schemaVersion", 2);
        final ObjectNode snapshot = (ObjectNode) root.get("snapshot");
        snapshot.put("slaDueAt", "2026-11-25T00:00:00Z");
        snapshot.putObject("customFields").put("team", "ops");
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes no ticket-sync version can decode. */
    public static byte[] undecodable() {
        return new byte[] {'{', '"', 'v', 'e', 'r', 's', 'i', 'o', 'n', '"', ':', (byte) 0xFF};
    }
}
