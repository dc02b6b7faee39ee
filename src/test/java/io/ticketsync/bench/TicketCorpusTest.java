package io.ticketsync.bench;

import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import io.ticketsync.topology.TicketApplier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark checks each run's outcome counts against what its corpus holds, so the corpus must
 * be what it claims: realistic sizes, and every good record applied, every bad one dead-lettered.
 */
class TicketCorpusTest {

    private final TicketSyncConfig config = TestConfigs.defaults();
    private final TicketApplier applier = new TicketApplier(config.statusMapping(), config.priorityMapping());
    private final TicketChangeDecoder decoder = new TicketChangeDecoder();

    @Test
    void shouldHoldRealisticTicketSizes() {
        final int[] sizes = Arrays.stream(TicketCorpus.generate(20_000, 0, 1)).mapToInt(change -> change.value().length)
                .sorted().toArray();

        assertThat(sizes[0]).isGreaterThanOrEqualTo(300);
        assertThat(sizes[sizes.length - 1]).isLessThanOrEqualTo(600);
        assertThat(sizes[sizes.length / 2]).isBetween(400, 500);
    }

    @Test
    void shouldApplyEveryGoodRecordAndRejectEveryBadOneInOrder() {
        final TicketCorpus.Change[] corpus = TicketCorpus.generate(20_000, 0.10, 3);
        final Map<String, TicketState> state = new HashMap<>();
        int applied = 0;
        int rejected = 0;
        for (final TicketCorpus.Change change : corpus) {
            final String key = new String(change.key(), StandardCharsets.UTF_8);
            try {
                final TicketChange decoded = decoder.decode(change.value());
                final TicketState next = applier.apply(key, state.get(key), decoded).orElseThrow(() ->
                        new AssertionError("stale change in the corpus: " + key + " v" + decoded.version()));
                state.put(key, next);
                assertThat(change.bad()).as("applied a record marked bad: %s", key).isFalse();
                applied++;
            } catch (final BadRecordException e) {
                assertThat(change.bad()).as("rejected a good record (%s): %s", e.reason(), key).isTrue();
                rejected++;
            }
        }

        assertThat(applied + rejected).isEqualTo(corpus.length);
        assertThat(rejected).isBetween(1_800, 2_200);
    }
}
