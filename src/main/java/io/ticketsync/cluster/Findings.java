package io.ticketsync.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What one part of the startup check found: problems (the start is refused, exit 4), warnings
 * (the start goes on, loudly) and the figures it read (reported, so an operator sees the numbers
 * behind a pass as well as behind a refusal). Logged once, by {@link TopicCheck}.
 */
final class Findings {

    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

    void problem(final String problem) {
        problems.add(problem);
    }

    void warning(final String warning) {
        warnings.add(warning);
    }

    void figure(final String figure) {
        figures.add(figure);
    }

    void addAll(final Findings other) {
        problems.addAll(other.problems);
        warnings.addAll(other.warnings);
        figures.addAll(other.figures);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<String> figures() {
        return List.copyOf(figures);
    }
}
