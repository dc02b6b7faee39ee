package io.ticketsync.deadletter.tools;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a replay's sending has got.
 *
 * @param remaining letters still to send, or -1 when not known beforehand (a replay not made from a plan)
 * @param rate      letters a second over the last few seconds
 * @param estimate  time left at that rate, when both are known
 */
public record SendProgress(long sent, long remaining, double rate, Optional<Duration> estimate) {

    public String describe() {
        return "sent " + sent + (remaining >= 0 ? ", " + remaining + " remaining" : "")
                + String.format(java.util.Locale.ROOT, ", %.1f/s", rate)
                + estimate.map(left -> ", about " + left.toSeconds() + " s left").orElse("");
    }
}
