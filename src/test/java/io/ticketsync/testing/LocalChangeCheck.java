package io.ticketsync.testing;

import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.ChangeCheck;
import io.ticketsync.deadletter.tools.CheckResult;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import io.ticketsync.topology.TicketApplier;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ChangeCheck} for tests that runs the topology's own decoder and rules in this JVM,
 * against the stored versions it is given (none: every ticket is new), instead of asking a running
 * instance over HTTP.
 */
public final class LocalChangeCheck implements ChangeCheck {

    private final TicketChangeDecoder decoder = new TicketChangeDecoder();
    private final TicketApplier rules;
    private final Map<String, TicketState> stored = new ConcurrentHashMap<>();

    public LocalChangeCheck(final TicketSyncConfig config) {
        this.rules = new TicketApplier(config.statusMapping(), config.priorityMapping());
    }

    @Override
    public CheckResult check(final byte[] key, final byte[] value) {
        final String ticket = key == null ? null : new String(key, StandardCharsets.UTF_8);
        try {
            final TicketChange change = decoder.decode(value);
            final TicketState current = ticket == null ? null : stored.get(ticket);
            final Optional<TicketState> next = rules.apply(ticket, current, change);
            if (next.isEmpty()) {
                return new CheckResult(CheckResult.Outcome.STALE, Optional.of(current.version()), Optional.empty(),
                        "stale", Optional.empty(), Optional.empty(), List.of());
            }
            return new CheckResult(CheckResult.Outcome.APPLIES, Optional.of(next.get().version()), Optional.empty(),
                    "applies", Optional.empty(), Optional.empty(), List.of());
        } catch (final BadRecordException e) {
            return new CheckResult(CheckResult.Outcome.DEAD_LETTER, Optional.empty(), Optional.of(e.reason().code()),
                    e.getMessage(), Optional.empty(), Optional.empty(), List.of());
        }
    }
}
