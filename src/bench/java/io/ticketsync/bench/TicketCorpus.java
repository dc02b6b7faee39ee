package io.ticketsync.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsync.codec.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic, deterministic ticket changes for the benchmarks: full UPSERTs of 300-600 bytes as a
 * help desk exports them (title, status, priority, people, tags and a description ticket-sync
 * ignores), about 20 versions per ticket, versions increasing per ticket so nothing is stale.
 * A chosen fraction is bad, spread over the kinds a real feed produces; a bad record consumes no
 * version, so every good record is applied and every bad one is dead-lettered.
 */
public final class TicketCorpus {

    /** One record: key and value bytes, and whether ticket-sync must dead-letter it. */
    public record Change(byte[] key, byte[] value, boolean bad) {
    }

    private static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");
    private static final List<String> STATUSES = List.of("new", "open", "in_progress", "pending", "on_hold", "resolved", "closed");
    private static final List<String> PRIORITIES = List.of("low", "normal", "medium", "high", "urgent");
    private static final List<String> TAGS = List.of("hardware", "network", "vpn", "email", "billing", "onboarding",
            "printer", "access", "laptop", "outage", "password", "license", "mobile", "security", "database");
    private static final List<String> WORDS = List.of("printer", "on", "fire", "cannot", "log", "in", "after", "update",
            "VPN", "drops", "every", "few", "minutes", "invoice", "missing", "for", "last", "month", "new", "starter",
            "needs", "laptop", "and", "access", "shared", "drive", "is", "read-only", "mail", "stuck", "in", "outbox",
            "screen", "flickers", "when", "docked", "password", "reset", "link", "expired", "license", "renewal");
    private static final String[] BAD_KINDS = {"invalid-json", "unmapped-status", "missing-field", "wrong-type", "key-mismatch"};

    private final SplittableRandom random;
    private final double badFraction;
    private final long[] versions;
    private long sequence;

    /**
     * @param tickets     distinct ticket ids the changes spread over
     * @param badFraction share of bad records, 0 to 1
     */
    public TicketCorpus(final int tickets, final double badFraction, final long seed) {
        this.random = new SplittableRandom(seed);
        this.badFraction = badFraction;
        this.versions = new long[tickets];
    }

    /** A corpus of {@code records} changes over {@code records / 20} tickets. */
    public static Change[] generate(final int records, final double badFraction, final long seed) {
        final TicketCorpus corpus = new TicketCorpus(Math.max(1, records / 20), badFraction, seed);
        final Change[] changes = new Change[records];
        Arrays.setAll(changes, i -> corpus.next());
        return changes;
    }

    public Change next() {
        final int ticket = random.nextInt(versions.length);
        final String id = "TCK-" + (100_000 + ticket);
        final byte[] key = id.getBytes(StandardCharsets.UTF_8);
        sequence++;
        if (random.nextDouble() < badFraction) {
            return new Change(key, bad(id, versions[ticket] + 1), true);
        }
        versions[ticket]++;
        return new Change(key, bytes(upsert(id, versions[ticket])), false);
    }

    /** A valid, full UPSERT of one named ticket (for example a record that triggers an injected fault). */
    public Change upsertOf(final String id, final long version) {
        sequence++;
        return new Change(id.getBytes(StandardCharsets.UTF_8), bytes(upsert(id, version)), false);
    }

    private ObjectNode upsert(final String id, final long version) {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("ticketId", id);
        root.put("version", version);
        root.put("op", "UPSERT");
        root.put("changedAt", EPOCH.plusSeconds(sequence * 7).toString());
        final ObjectNode fields = root.putObject("fields");
        fields.put("title", sentence(4, 10));
        fields.put("status", pick(STATUSES));
        fields.put("priority", pick(PRIORITIES));
        fields.put("assignee", "agent." + pick(WORDS).toLowerCase(Locale.ROOT) + random.nextInt(100));
        fields.put("requester", "user" + random.nextInt(50_000) + "@customer-" + random.nextInt(500) + ".example.com");
        final var tags = fields.putArray("tags");
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            tags.add(pick(TAGS));
        }
        // Source systems send more than ticket-sync maps; unknown fields are ignored.
        fields.put("description", sentence(8, 30));
        fields.put("channel", random.nextBoolean() ? "email" : "portal");
        return root;
    }

    private byte[] bad(final String id, final long version) {
        final ObjectNode change = upsert(id, version);
        final ObjectNode fields = (ObjectNode) change.get("fields");
        switch (BAD_KINDS[(int) (sequence % BAD_KINDS.length)]) {
            case "invalid-json" -> {
                final byte[] whole = bytes(change);
                return Arrays.copyOf(whole, whole.length / 2);
            }
            case "unmapped-status" -> fields.put("status", "escalated-to-vendor");
            case "missing-field" -> change.remove("version");
            case "wrong-type" -> change.put("version", "v" + version);
            default -> change.put("ticketId", id + "-other");
        }
        return bytes(change);
    }

    private String sentence(final int minWords, final int maxWords) {
        final StringBuilder text = new StringBuilder();
        for (int i = minWords + random.nextInt(maxWords - minWords + 1); i > 0; i--) {
            text.append(text.length() == 0 ? "" : " ").append(pick(WORDS));
        }
        return text.toString();
    }

    private String pick(final List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(final ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
