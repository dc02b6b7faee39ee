package io.ticketsync.testing;

import io.ticketsync.model.SyncedTicket;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic workload of ticket changes across many tickets, with a known share of bad records
 * and stale duplicates, and an independent model of what ticket-sync must make of it: the outcome
 * of every record and the exact sequence of snapshots each ticket's output must show. The model
 * is written here from the contract (docs/contract.md), not by calling the production rules.
 */
public final class FaultWorkload {

    /** What must become of one input record. */
    public enum Outcome { APPLIED, STALE, DEAD_LETTER }

    /** The generated records, in production order, with their expected outcomes and outputs. */
    public record Workload(List<ProducerRecord<byte[], byte[]>> records, List<Outcome> outcomes,
                           Map<String, List<SyncedTicket>> expectedOutputs) {

        public long count(final Outcome outcome) {
            return outcomes.stream().filter(outcome::equals).count();
        }
    }

    private static final Map<String, String> STATUSES = Map.of(
            "open", "OPEN", "in_progress", "IN_PROGRESS", "pending", "WAITING", "resolved", "RESOLVED", "closed", "CLOSED");
    private static final Map<String, String> PRIORITIES = Map.of("low", "LOW", "high", "HIGH", "urgent", "CRITICAL");
    private static final List<String> STATUS_KEYS = List.of("open", "in_progress", "pending", "resolved", "closed");
    private static final List<String> PRIORITY_KEYS = List.of("low", "high", "urgent");
    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");

    /** One ticket as the model sees it. */
    private static final class TicketModel {
        private long lastApplied;
        private SyncedTicket snapshot;
        private final List<byte[]> appliedValues = new ArrayList<>();
    }

    private FaultWorkload() {
    }

    /** About 5% stale duplicates and 5% bad records (invalid JSON, unmapped status, wrong key). */
    public static Workload generate(final long seed, final int tickets, final int changes) {
        final Random random = new Random(seed);
        final Map<String, TicketModel> models = new HashMap<>();
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(changes);
        final List<Outcome> outcomes = new ArrayList<>(changes);
        final Map<String, List<SyncedTicket>> outputs = new HashMap<>();
        for (int i = 0; i < changes; i++) {
            final String id = "T-" + random.nextInt(tickets);
            final TicketModel model = models.computeIfAbsent(id, key -> new TicketModel());
            final Instant at = BASE.plusSeconds(i);
            final int roll = random.nextInt(100);
            if (roll < 5 && !model.appliedValues.isEmpty()) {
                records.add(record(id, model.appliedValues.get(random.nextInt(model.appliedValues.size()))));
                outcomes.add(Outcome.STALE);
            } else if (roll < 10) {
                records.add(badRecord(random, id, model.lastApplied + 1, at, i));
                outcomes.add(Outcome.DEAD_LETTER);
            } else {
                final long version = model.lastApplied + 1 + random.nextInt(2);
                final TicketChangeBuilder change = validChange(random, id, version, at, model, roll);
                final byte[] value = change.bytes();
                records.add(record(id, value));
                outcomes.add(Outcome.APPLIED);
                model.lastApplied = version;
                model.appliedValues.add(value);
                outputs.computeIfAbsent(id, key -> new ArrayList<>()).add(model.snapshot);
            }
        }
        return new Workload(List.copyOf(records), List.copyOf(outcomes), outputs);
    }

    /** Builds the change and moves the model's snapshot to what the output must then show. */
    private static TicketChangeBuilder validChange(final Random random, final String id, final long version,
                                                   final Instant at, final TicketModel model, final int roll) {
        if (model.snapshot == null) {
            final String status = pick(random, STATUS_KEYS);
            final String priority = pick(random, PRIORITY_KEYS);
            final String title = "Ticket " + id + " opened at v" + version;
            model.snapshot = new SyncedTicket(id, version, title, STATUSES.get(status), PRIORITIES.get(priority),
                    null, id.toLowerCase(Locale.ROOT) + "@example.com", List.of(), at);
            return TicketChangeBuilder.patch(id, version).changedAt(at).title(title).status(status).priority(priority)
                    .requester(id.toLowerCase(Locale.ROOT) + "@example.com");
        }
        if (roll < 13) {
            model.snapshot = null;
            return TicketChangeBuilder.delete(id, version).changedAt(at);
        }
        final SyncedTicket s = model.snapshot;
        final TicketChangeBuilder change = TicketChangeBuilder.patch(id, version).changedAt(at);
        String state = s.state();
        String assignee = s.assignee();
        List<String> tags = s.tags();
        if (random.nextBoolean()) {
            final String status = pick(random, STATUS_KEYS);
            change.status(status);
            state = STATUSES.get(status);
        }
        if (random.nextBoolean()) {
            assignee = "agent-" + random.nextInt(20);
            change.assignee(assignee);
        }
        if (random.nextInt(4) == 0) {
            tags = List.of("tag-" + random.nextInt(5));
            change.tags(tags.get(0));
        }
        model.snapshot = new SyncedTicket(id, version, s.title(), state, s.priority(), assignee, s.requester(), tags, at);
        return change;
    }

    private static ProducerRecord<byte[], byte[]> badRecord(final Random random, final String id, final long version,
                                                            final Instant at, final int index) {
        switch (random.nextInt(3)) {
            case 0:
                return record(id, ("{\"ticketId\":\"" + id + "\",\"version\":" + index).getBytes(StandardCharsets.UTF_8));
            case 1:
                return record(id, TicketChangeBuilder.upsert(id, version).changedAt(at).status("escalated").bytes());
            default:
                return record(id + "-elsewhere", TicketChangeBuilder.upsert(id, version).changedAt(at).bytes());
        }
    }

    private static ProducerRecord<byte[], byte[]> record(final String key, final byte[] value) {
        return new ProducerRecord<>("input", key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static String pick(final Random random, final List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
