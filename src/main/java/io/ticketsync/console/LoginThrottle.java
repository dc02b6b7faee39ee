package io.ticketsync.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down without ever locking the operator out.
 *
 * <p>The rule. Each client address and each account name carries a count of failed logins, forgotten
 * {@link #FORGET_AFTER} after its latest failure. A wrong attempt is answered only after a delay of
 * {@link #FIRST_DELAY} × 2<sup>n−1</sup>, capped at {@link #MAX_DELAY} (250 ms, 500 ms, 1 s, … 8 s),
 * where n is the larger of its address's and its account's counts, this failure included. A wrong
 * attempt that arrives while its address or account is still inside the previous failure's delay
 * is <em>throttled</em>: it waits as long, is answered "too many requests" with a Retry-After, and is
 * audited as such. The password is checked on every attempt, and the right one is answered at once
 * and clears both counts: a guesser is slowed, the operator is never refused, even on an address
 * shared with a guesser (a proxy, a NAT, a dev machine).
 *
 * <p>Bounded memory: at most {@link #MAX_TRACKED} addresses and as many account names; long names
 * are kept as a digest. Once a table is full (after dropping forgotten entries), further newcomers
 * share one overflow count, so spraying names or addresses makes all of them slow together and can
 * never evict the real account's count.
 */
final class LoginThrottle {

    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 10_000;
    private static final int MAX_KEY_CHARS = 64;

    /** How long to wait before answering a wrong attempt, and whether it came while an earlier delay ran. */
    record Verdict(Duration delay, boolean throttled) {
    }

    private final Clock clock;
    private final Counts addresses = new Counts();
    private final Counts accounts = new Counts();

    LoginThrottle(final Clock clock) {
        this.clock = clock;
    }

    Verdict failed(final String address, final String account) {
        final Instant now = clock.instant();
        final Failures byAddress = addresses.fail(address, now);
        final Failures byAccount = accounts.fail(account, now);
        final int count = Math.max(byAddress.count(), byAccount.count());
        final boolean throttled = byAddress.waitingBefore().isAfter(now) || byAccount.waitingBefore().isAfter(now);
        return new Verdict(delay(count), throttled);
    }

    void succeeded(final String address, final String account) {
        addresses.forget(address);
        accounts.forget(account);
    }

    /** Entries held now, both tables together: for tests that attack the bound. */
    int tracked() {
        return addresses.size() + accounts.size();
    }

    static Duration delay(final int failures) {
        final int doublings = Math.min(Math.max(failures - 1, 0), 16);
        final Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /**
     * @param count         failures so far, this one included
     * @param waitingBefore when the previous failure's delay ended (or ends)
     * @param until         when this failure's delay ends
     */
    private record Failures(int count, Instant last, Instant waitingBefore, Instant until) {

        static final Failures NONE = new Failures(0, Instant.MIN, Instant.MIN, Instant.MIN);

        Failures next(final Instant now) {
            final Failures current = now.isAfter(last.plus(FORGET_AFTER)) ? NONE : this;
            final int count = current.count() == Integer.MAX_VALUE ? count() : current.count() + 1;
            return new Failures(count, now, current.until(), now.plus(delay(count)));
        }
    }

    /** One table of counts, with its bound. */
    private static final class Counts {

        /** Not a key a client can send: tracked keys all start with "k". */
        private static final String OVERFLOW = "overflow";

        private final Map<String, Failures> failures = new ConcurrentHashMap<>();
        private volatile Instant lastSweep = Instant.MIN;

        Failures fail(final String name, final Instant now) {
            final String key = key(name == null ? "" : name);
            final String slot = failures.containsKey(key) || room(now) ? key : OVERFLOW;
            return failures.compute(slot, (ignored, current) -> (current == null ? Failures.NONE : current).next(now));
        }

        void forget(final String name) {
            failures.remove(key(name == null ? "" : name));
        }

        int size() {
            return failures.size();
        }

        /** Whether a new key fits; when full, drops forgotten entries first (at most once a second: a sweep reads them all). */
        private boolean room(final Instant now) {
            if (failures.size() < MAX_TRACKED) {
                return true;
            }
            if (now.isAfter(lastSweep.plusSeconds(1))) {
                lastSweep = now;
                failures.values().removeIf(entry -> now.isAfter(entry.last().plus(FORGET_AFTER)));
            }
            return failures.size() < MAX_TRACKED;
        }

        private static String key(final String name) {
            return name.length() <= MAX_KEY_CHARS ? "k" + name : "k#" + sha256(name);
        }

        private static String sha256(final String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (final NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }
    }
}
