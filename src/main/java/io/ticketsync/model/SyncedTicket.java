package io.ticketsync.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * The full current snapshot of a ticket as written to the output topic. It holds no wall-clock
 * value, so replaying the same changes produces equal records.
 */
@JsonPropertyOrder({"id", "version", "title", "state", "priority", "assignee", "requester", "tags", "updatedAt"})
public record SyncedTicket(
        String id,
        long version,
        String title,
        String state,
        String priority,
        String assignee,
        String requester,
        List<String> tags,
        Instant updatedAt) {

    public SyncedTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
