package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;

/**
 * The {@link ChangeCheck} the CLI and the console give a replayer: a running instance's preview
 * endpoint ({@link HttpChangeCheck}), found when first asked, so a replay without transform rules
 * never needs {@code dlq.check.url}; a transform's dry run without it stops with a configuration
 * error naming the key, and sends nothing.
 */
public final class ChangeChecks {

    private ChangeChecks() {
    }

    public static ChangeCheck from(final TicketSyncConfig config) {
        return new ChangeCheck() {
            private HttpChangeCheck check;

            @Override
            public synchronized CheckResult check(final byte[] key, final byte[] value) {
                if (check == null) {
                    check = HttpChangeCheck.of(config);
                }
                return check.check(key, value);
            }
        };
    }
}
