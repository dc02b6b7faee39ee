package io.ticketsync.cli;

import io.ticketsync.deadletter.tools.ScanProgress;
import io.ticketsync.deadletter.tools.SendProgress;

import java.io.PrintWriter;

/**
 * A replay's progress on stderr: the scan as before, and while sending, one line every
 * {@link #EVERY_NANOS} (sent, remaining, rate, estimate), so a long paced run shows it is alive.
 */
final class ReplayProgressLines implements ScanProgress {

    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastLine = started;

    ReplayProgressLines(final PrintWriter err) {
        this.err = err;
    }

    @Override
    public void report(final long read, final long total) {
        DlqCommand.progress(err, read, total);
    }

    @Override
    public void sending(final SendProgress progress) {
        final long now = System.nanoTime();
        if (now - lastLine >= EVERY_NANOS) {
            lastLine = now;
            err.println("  replay: " + progress.describe());
            err.flush();
        }
    }
}
