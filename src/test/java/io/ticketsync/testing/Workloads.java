package io.ticketsync.testing;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Deterministic input for integration tests. */
public final class Workloads {

    private Workloads() {
    }

    /** Tickets T-0..T-(tickets-1), each with versions 1..versions (a full UPSERT, then patches). */
    public static List<ProducerRecord<byte[], byte[]>> versions(final int tickets, final int versions) {
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int version = 1; version <= versions; version++) {
            for (int ticket = 0; ticket < tickets; ticket++) {
                final String id = "T-" + ticket;
                final TicketChangeBuilder change = version == 1
                        ? TicketChangeBuilder.upsert(id, 1)
                        : TicketChangeBuilder.patch(id, version).assignee("agent-" + version);
                records.add(record(id, change.bytes()));
            }
        }
        return records;
    }

    public static ProducerRecord<byte[], byte[]> record(final String key, final byte[] value) {
        return new ProducerRecord<>("set-by-the-broker-helper", key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }
}
