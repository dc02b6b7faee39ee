package io.ticketsync.deadletter.tools;

/**
 * An edit whose check says it would be skipped as stale or dead-lettered again, asked without the
 * confirmation such an edit needs ({@code --force}, the console's confirm box): nothing sent.
 */
public final class UnconfirmedEditException extends IllegalArgumentException {

    private final transient EditReport report;

    public UnconfirmedEditException(final EditReport report) {
        super(EditReport.headline(report.check()) + ": nothing sent; confirm to send it anyway");
        this.report = report;
    }

    public EditReport report() {
        return report;
    }
}
