package io.ticketsync.it;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead letters the console tests operate on, made the way production makes them: four changes
 * through a ticket-sync without the {@code escalated} mapping, giving two {@code unmapped-status}
 * letters (T-1 with a trace, T-2), one {@code invalid-json} letter whose value is a script (T-3),
 * and one applied ticket (T-4).
 */
final class ConsoleSeed {

    static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final String SCRIPT = "<script>alert(1)</script>";
    /** The setting that fixes the two unmapped-status letters, so their replay applies. */
    static final Map<String, String> FIX = Map.of("mapping.status.escalated", "IN_PROGRESS");

    private ConsoleSeed() {
    }

    /** Creates the topics, produces the four changes, runs the unfixed app until the three letters are committed. */
    static void deadLetters(final KafkaBroker broker, final String applicationId, final Path state,
                            final Map<String, String> settings) throws Exception {
        final TicketSyncConfig broken = TestConfigs.forBroker(broker, applicationId, state, settings);
        broker.createTopics(broken.topics());
        final RecordHeaders traced = new RecordHeaders();
        traced.add("traceparent", TRACE.getBytes(StandardCharsets.UTF_8));
        broker.produce(broken.topics().input(), List.of(
                new ProducerRecord<>(broken.topics().input(), null, null, key("T-1"),
                        TicketChangeBuilder.upsert("T-1", 1).status("escalated").bytes(), traced),
                record(broken, "T-2", TicketChangeBuilder.upsert("T-2", 1).status("escalated").bytes()),
                record(broken, "T-3", SCRIPT.getBytes(StandardCharsets.UTF_8)),
                record(broken, "T-4", TicketChangeBuilder.upsert("T-4", 1).bytes())));
        try (RunningApp app = RunningApp.start(broken, TicketSyncTopology.build(broken))) {
            broker.readCommittedUntil(broken.topics().deadLetter(), letters -> letters.size() == 3, Duration.ofSeconds(60));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    private static byte[] key(final String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<byte[], byte[]> record(final TicketSyncConfig config, final String id, final byte[] value) {
        return new ProducerRecord<>(config.topics().input(), key(id), value);
    }
}
