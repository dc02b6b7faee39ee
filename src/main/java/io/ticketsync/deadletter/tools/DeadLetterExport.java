package io.ticketsync.deadletter.tools;

import io.ticketsync.codec.Utf8;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Writes a selection of dead letters as JSON Lines, one letter per line, while it scans the topic:
 * never more than one letter in memory. Keys, values and header values are UTF-8 text when they
 * decode as such, base64 otherwise ({@code "encoding":"base64"}), so every byte survives.
 */
public final class DeadLetterExport {

    private final TicketSyncConfig config;
    private final AuditLog audit;

    public DeadLetterExport(final TicketSyncConfig config, final AuditLog audit) {
        this.config = config;
        this.audit = audit;
    }

    /**
     * Audited when it starts and with its outcome: done, or aborted (the reader went away, the
     * broker failed) with the number of letters written until then.
     *
     * @return the number of letters written
     * @throws AuditUnavailableException when the start could not be recorded (nothing written), or the outcome
     */
    public long write(final Selection selection, final Actor actor, final OutputStream out) throws IOException {
        audit.info(AuditEvent.of("export", actor, "started").with("selection", selection.describe()));
        final long[] written = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null);
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            final Decisions decisions = Decisions.read(config, DeadLetterTopicId.read(config));
            json.setRootValueSeparator(null);
            // The caller owns the stream (stdout, an HTTP response).
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            final java.util.function.Consumer<DeadLetter> exporting = letter -> {
                final LetterStatus status = decisions.statusOf(letter);
                if (selection.selects(LetterId.of(letter), letter) && (status.isOpen() || selection.includeClosed())) {
                    writeLine(json, letter, status);
                    written[0]++;
                }
            };
            if (selection.ids().isEmpty()) {
                consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().deadLetter()));
                DeadLetterScan.toEnd(consumer, exporting, () -> { }, (read, total) -> { });
            } else {
                LetterReader.read(consumer, config.topics().deadLetter(), selection.ids(), exporting);
            }
        } catch (final UncheckedIOException e) {
            aborted(actor, selection, written[0], e.getCause());
            throw e.getCause();
        } catch (final IOException | RuntimeException e) {
            aborted(actor, selection, written[0], e);
            throw e;
        }
        audit.info(AuditEvent.of("export", actor, "done").with("selection", selection.describe())
                .with("letters", written[0]));
        return written[0];
    }

    private void aborted(final Actor actor, final Selection selection, final long written, final Exception cause) {
        audit.warnAfter(AuditEvent.of("export", actor, "aborted").with("selection", selection.describe())
                .with("letters", written).with("problem", String.valueOf(cause.getMessage())), cause);
    }

    static void writeLine(final JsonGenerator json, final DeadLetter letter, final LetterStatus status) {
        try {
            json.writeStartObject();
            json.writeStringField("id", LetterId.of(letter).toString());
            json.writeStringField("timestamp", letter.timestamp().toString());
            json.writeStringField("status", status.name());
            json.writeStringField("stage", letter.stage());
            json.writeStringField("reason", letter.reason());
            json.writeStringField("sourceTopic", letter.sourceTopic());
            json.writeNumberField("sourcePartition", letter.sourcePartition());
            json.writeNumberField("sourceOffset", letter.sourceOffset());
            json.writeNumberField("replayCount", letter.replayCount());
            writeBytes(json, "key", letter.key());
            writeBytes(json, "value", letter.value());
            json.writeArrayFieldStart("headers");
            for (final Header header : letter.headers()) {
                json.writeStartObject();
                json.writeStringField("key", header.key());
                writeBytes(json, "value", header.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name} as text, or {@code name} in base64 plus {@code nameEncoding: base64}; null stays null. */
    private static void writeBytes(final JsonGenerator json, final String name, final byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNullField(name);
            return;
        }
        final String text = Utf8.decode(bytes).orElse(null);
        if (text != null) {
            json.writeStringField(name, text);
        } else {
            json.writeStringField(name, Base64.getEncoder().encodeToString(bytes));
            json.writeStringField(name + "Encoding", "base64");
        }
    }
}
