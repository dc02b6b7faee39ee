package io.ticketsync.deadletter.tools;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an edit of one letter did or would do.
 *
 * @param diff  field by field, how the value was changed
 * @param check what the owning instance said the edited record would do
 * @param value the edited value as sent (or as it would be sent)
 * @param decided the REPLAYED decision written with the send; null when nothing was sent
 */
public record EditReport(LetterId letter, List<String> diff, CheckResult check, byte[] value, DecisionRecord.Decided decided) {

    public EditReport {
        diff = List.copyOf(diff);
    }

    /** Whether it was written to the replay topic (not for a dry run). */
    public boolean sent() {
        return decided != null;
    }

    public String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The check in one line: "applies as version N", "skipped as stale: stored version M", "would be dead-lettered again: reason: message". */
    public static String headline(final CheckResult check) {
        switch (check.outcome()) {
            case APPLIES:
                return "applies as version " + check.version().map(String::valueOf).orElse("?");
            case STALE:
                return "skipped as stale: stored version " + check.version().map(String::valueOf).orElse("?");
            default:
                return "would be dead-lettered again: " + check.reason().orElse("unknown") + ": " + check.message();
        }
    }

    /** The check as the CLI prints it: the headline, the value's edit, and for APPLIES the snapshot's diff. */
    public String toText() {
        final StringBuilder text = new StringBuilder("Letter ").append(letter).append(": ").append(headline(check)).append('\n');
        text.append("  edit of the value:\n");
        diff.forEach(line -> text.append("    ").append(line).append('\n'));
        if (check.outcome() == CheckResult.Outcome.APPLIES) {
            text.append("  the ticket would change:\n");
            check.diff().forEach(line -> text.append("    ").append(line).append('\n'));
        }
        return text.toString();
    }
}
