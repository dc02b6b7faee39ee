package io.ticketsync.deadletter.routing;

import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Keeps a dead letter within {@code dlq.max.record.bytes}. A bad record close to the size limit
 * plus its error headers can exceed what the producer or the dead-letter topic accepts, and a
 * dead letter that cannot be written fails the task on every retry. So parts are left out, least
 * useful first, until it fits; the coordinates, stage, reason, exception class and origin headers
 * always stay, so the record can still be found at its source, and {@code ticketsync.error.omitted}
 * says what was left out.
 */
final class DeadLetterSizeLimit {

    /** What can be left out, in the order it is left out. */
    enum Part {
        STACKTRACE("stacktrace", parts -> parts.hasErrorHeader(DeadLetterHeaders.STACKTRACE),
                parts -> parts.withoutErrorHeader(DeadLetterHeaders.STACKTRACE)),
        MESSAGE("message", parts -> parts.hasErrorHeader(DeadLetterHeaders.MESSAGE),
                parts -> parts.withoutErrorHeader(DeadLetterHeaders.MESSAGE)),
        VALUE(DeadLetterHeaders.OMITTED_VALUE, parts -> parts.value() != null, DeadLetterParts::withoutValue),
        HEADERS(DeadLetterHeaders.OMITTED_HEADERS, DeadLetterParts::hasOriginalHeadersToLeaveOut,
                DeadLetterParts::withoutOriginalHeaders),
        KEY(DeadLetterHeaders.OMITTED_KEY, parts -> parts.key() != null, DeadLetterParts::withoutKey);

        private final String label;
        private final Predicate<DeadLetterParts> present;
        private final UnaryOperator<DeadLetterParts> leaveOut;

        Part(final String label, final Predicate<DeadLetterParts> present, final UnaryOperator<DeadLetterParts> leaveOut) {
            this.label = label;
            this.present = present;
            this.leaveOut = leaveOut;
        }

        String label() {
            return label;
        }
    }

    /** The dead letter as it will be sent, and the labels of what was left out (empty: nothing). */
    record Fitted(DeadLetterParts parts, List<String> omitted) {

        boolean fits(final int maxBytes) {
            return parts.sizeInBytes() <= maxBytes;
        }
    }

    private final int maxBytes;

    DeadLetterSizeLimit(final int maxBytes) {
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    /**
     * {@code full} if it fits, else {@code full} without the fewest parts (in {@link Part} order)
     * that make it fit, counting the omitted header itself. If even the smallest form is over the
     * limit, that smallest form: the caller decides what to say.
     */
    Fitted fit(final DeadLetterParts full) {
        DeadLetterParts kept = full;
        final List<String> omitted = new ArrayList<>();
        for (final Part part : Part.values()) {
            if (withOmittedHeader(kept, omitted).sizeInBytes() <= maxBytes) {
                break;
            }
            if (part.present.test(kept)) {
                kept = part.leaveOut.apply(kept);
                omitted.add(part.label());
            }
        }
        return new Fitted(withOmittedHeader(kept, omitted), List.copyOf(omitted));
    }

    private static DeadLetterParts withOmittedHeader(final DeadLetterParts parts, final List<String> omitted) {
        if (omitted.isEmpty()) {
            return parts;
        }
        return parts.withErrorHeader(new RecordHeader(DeadLetterHeaders.OMITTED,
                String.join(",", omitted).getBytes(StandardCharsets.UTF_8)));
    }
}
