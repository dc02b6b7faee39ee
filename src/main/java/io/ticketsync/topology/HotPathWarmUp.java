package io.ticketsync.topology;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsync.codec.Json;
import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.TicketState;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs ticket-sync's own per-record work (decode, rules, encode, store value) on synthetic
 * tickets while the consumer joins its group, so the first real records meet compiled code
 * instead of a cold JVM's interpreter, and the JIT's work is not paid for by the first changes'
 * latency. (Most of the start-up latency BENCHMARKS.md describes was a cold broker's; this is the
 * application's share.) Pure computation on private objects: it touches no store,
 * no topic and no metric, and a failure here is only logged.
 */
public final class HotPathWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(HotPathWarmUp.class);
    /** Past the JIT's thresholds for its optimising compiler; about a second of one core, cold. */
    static final int ROUNDS = 20_000;

    private HotPathWarmUp() {
    }

    /** Starts the warm-up in a daemon thread of its own. */
    public static void startInBackground(final TicketSyncConfig config) {
        final Thread thread = new Thread(() -> run(config, ROUNDS), "ticket-sync-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** @return whether every round went through (a synthetic change the rules refuse would end it early) */
    static boolean run(final TicketSyncConfig config, final int rounds) {
        final long started = System.nanoTime();
        try {
            final TicketChangeDecoder decoder = new TicketChangeDecoder();
            final TicketApplier rules = new TicketApplier(config.statusMapping(), config.priorityMapping());
            final TicketStateCodec states = new TicketStateCodec("warm-up");
            final SizeCheckedEncoder encoder = new SizeCheckedEncoder(states, config.limits().outputMaxRecordBytes());
            final String status = config.statusMapping().asMap().keySet().iterator().next();
            final String priority = config.priorityMapping().asMap().keySet().iterator().next();
            byte[] stored = null;
            for (int round = 1; round <= rounds; round++) {
                // Alternating full and partial changes, so merging onto a decoded snapshot is warmed too.
                final byte[] change = change(round, status, priority, round % 2 == 0);
                final TicketState current = stored == null ? null : states.decode("WARM-UP", stored);
                final TicketState next = rules.apply("WARM-UP", current, decoder.decode(change)).orElseThrow();
                stored = encoder.encode("WARM-UP", next, new RecordHeaders()).stored();
            }
            LOG.debug("Warmed up the per-record path with {} synthetic changes in {}", rounds,
                    Duration.ofNanos(System.nanoTime() - started));
            return true;
        } catch (final RuntimeException e) {
            LOG.debug("Warming up the per-record path failed; the first records will only be slower", e);
            return false;
        }
    }

    private static byte[] change(final int version, final String status, final String priority, final boolean full) {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("ticketId", "WARM-UP");
        root.put("version", version);
        root.put("op", "UPSERT");
        root.put("changedAt", Instant.ofEpochSecond(1_700_000_000L + version).toString());
        final ObjectNode fields = root.putObject("fields");
        fields.put("title", "Warm-up ticket " + version);
        fields.put("status", status);
        if (full) {
            fields.put("priority", priority);
            fields.put("assignee", "agent." + version % 97);
            fields.put("requester", "user" + version % 89 + "@example.com");
            fields.putArray("tags").add("warm-up").add("synthetic");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
