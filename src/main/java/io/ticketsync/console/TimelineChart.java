package io.ticketsync.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The overview's chart as plain data for an SVG template: one stacked bar per time bucket, one
 * colour per stage/reason, and a legend. No script: the page draws it as it is served.
 */
final class TimelineChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 220;
    private static final int BASELINE = HEIGHT - 20;
    private static final List<String> PALETTE = List.of("#d1495b", "#edae49", "#00798c", "#30638e", "#003d5b",
            "#8f2d56", "#6a994e", "#bc4749", "#7b2cbf", "#577590");

    private TimelineChart() {
    }

    /** A map the template reads: {@code bars} (rects with a title), {@code legend}, {@code width}, {@code height}, axis labels. */
    static Map<String, Object> of(final List<Overview.TimeBucket> timeline) {
        final TreeSet<String> series = new TreeSet<>();
        long tallest = 1;
        for (final Overview.TimeBucket bucket : timeline) {
            series.addAll(bucket.byStageReason().keySet());
            tallest = Math.max(tallest, bucket.byStageReason().values().stream().mapToLong(Long::longValue).sum());
        }
        final List<String> names = List.copyOf(series);
        final double barWidth = timeline.isEmpty() ? 0 : (double) WIDTH / timeline.size();
        final List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            final Overview.TimeBucket bucket = timeline.get(i);
            double top = BASELINE;
            for (final String name : names) {
                final long count = bucket.byStageReason().getOrDefault(name, 0L);
                if (count == 0) {
                    continue;
                }
                final double height = (double) count * (BASELINE - 10) / tallest;
                top -= height;
                bars.add(Map.of("x", format(i * barWidth + 1), "y", format(top), "width", format(Math.max(1, barWidth - 2)),
                        "height", format(height), "colour", colour(names, name),
                        "title", name + ": " + count + " from " + bucket.start() + " to " + bucket.end()));
            }
        }
        final List<Map<String, Object>> legend = new ArrayList<>();
        names.forEach(name -> legend.add(Map.of("name", name, "colour", colour(names, name))));
        final Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("width", WIDTH);
        chart.put("height", HEIGHT);
        chart.put("bars", bars);
        chart.put("legend", legend);
        chart.put("empty", timeline.isEmpty());
        chart.put("from", timeline.isEmpty() ? "" : label(timeline.get(0).start()));
        chart.put("to", timeline.isEmpty() ? "" : label(timeline.get(timeline.size() - 1).end()));
        chart.put("tallest", tallest);
        chart.put("baseline", BASELINE);
        return chart;
    }

    private static String colour(final List<String> names, final String name) {
        return PALETTE.get(names.indexOf(name) % PALETTE.size());
    }

    private static String format(final double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static String label(final Instant instant) {
        return instant.toString();
    }
}
