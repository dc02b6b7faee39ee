package io.ticketsync.testing;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Dead letters as ticket-sync writes them, and the {@code dlq} command lines that act on them, for tests over a broker. */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /** Letters for tickets T-from.. with reason unmapped-status, from input partition 0 at offsets from... */
    public static List<ProducerRecord<byte[], byte[]>> unmapped(final int from, final int count, final TicketSyncConfig config) {
        final List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            final ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("t", null, Instant.now().toEpochMilli(),
                    ("T-" + i).getBytes(StandardCharsets.UTF_8),
                    TicketChangeBuilder.upsert("T-" + i, 1).status("escalated").bytes());
            header(letter, DeadLetterHeaders.STAGE, "PROCESSING");
            header(letter, DeadLetterHeaders.REASON, "unmapped-status");
            header(letter, DeadLetterHeaders.TOPIC, config.topics().input());
            header(letter, DeadLetterHeaders.PARTITION, "0");
            header(letter, DeadLetterHeaders.OFFSET, String.valueOf(i));
            letters.add(letter);
        }
        return letters;
    }

    public static void header(final ProducerRecord<byte[], byte[]> record, final String name, final String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ticket-sync COMMAND... --set ...} for the config's broker, application and topics, then {@code extra}. */
    public static String[] cli(final TicketSyncConfig config, final List<String> command, final String... extra) {
        final List<String> args = new ArrayList<>(command);
        for (final String key : List.of("bootstrap.servers", "application.id", ConfigKeys.INPUT_TOPIC,
                ConfigKeys.OUTPUT_TOPIC, ConfigKeys.DLQ_TOPIC)) {
            args.add("--set");
            args.add(key + "=" + config.raw().get(key));
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }
}
