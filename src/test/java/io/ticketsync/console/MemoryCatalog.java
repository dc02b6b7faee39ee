package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Two letters, {@link #LETTER} and {@link #ODD_LETTER}; reading {@link #BROKEN} fails. */
final class MemoryCatalog implements DeadLetterCatalog {

    static final LetterId LETTER = LetterId.parse("0@7");
    /** Reading this letter fails, as a Kafka read can. */
    static final LetterId BROKEN = LetterId.parse("0@666");
    /** A ticket id and a reason full of URL syntax: links must carry them through intact. */
    static final String ODD = "a&b c/#?=%+";
    static final LetterId ODD_LETTER = LetterId.parse("0@8");
    /** What {@link #LETTER}'s value, error message and header value hold: only the values role may see them. */
    static final String VALUE = "{\"id\":\"T-1\",\"customer\":\"Ada Lovelace\"";
    static final String MESSAGE = "unexpected end-of-input in Ada Lovelace's record";
    static final String HEADER_VALUE = "crm-user-ada";

    @Override
    public Overview overview(final Duration bucket, final int newest) {
        return new Overview(1, 1, List.of(new Overview.ReasonCount("PROCESSING", ODD, 1, 1)), List.of(), List.of());
    }

    @Override
    public Map<Integer, Long> indexedEnds() {
        return Map.of(0, LETTER.offset() + 1);
    }

    @Override
    public LetterPage page(final LetterQuery query) {
        return new LetterPage(List.of(), 1, null);
    }

    @Override
    public Optional<LetterDetail> letter(final LetterId id) {
        if (id.equals(BROKEN)) {
            throw new IllegalStateException("the catalog broke");
        }
        if (id.equals(ODD_LETTER)) {
            return Optional.of(new LetterDetail(letter(ODD_LETTER, ODD), LetterStatus.OPEN, null));
        }
        return id.equals(LETTER) ? Optional.of(new LetterDetail(letter(LETTER, "T-1"), LetterStatus.OPEN, null)) : Optional.empty();
    }

    @Override
    public CatalogProgress progress() {
        return new CatalogProgress(1, 1, true);
    }

    @Override
    public void close() {
    }

    private static DeadLetter letter(final LetterId id, final String ticket) {
        return new DeadLetter(id.partition(), id.offset(), Instant.parse("2026-11-22T10:00:00Z"),
                ticket.getBytes(StandardCharsets.UTF_8), VALUE.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders().add("source-user", HEADER_VALUE.getBytes(StandardCharsets.UTF_8)),
                "DESERIALIZATION", "invalid-json", "tickets.changes", 0, 41, "JsonParseException", MESSAGE, 0);
    }
}

