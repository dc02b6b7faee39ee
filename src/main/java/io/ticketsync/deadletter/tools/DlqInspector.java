package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Summarises the dead-letter topic by stage and reason, within a filter. */
public final class DlqInspector {

    private static final int EXCERPT_CHARS = 160;

    private final TicketSyncConfig config;

    public DlqInspector(final TicketSyncConfig config) {
        this.config = config;
    }

    /** The open letters matching {@code filter}. */
    public InspectionReport inspect(final DeadLetterFilter filter, final int samplesPerGroup,
                                    final ScanProgress progress) {
        return inspect(filter, false, samplesPerGroup, progress);
    }

    /** The letters matching {@code filter}; closed ones (resolved, discarded, replayed) are counted apart unless included. */
    public InspectionReport inspect(final DeadLetterFilter filter, final boolean includeClosed, final int samplesPerGroup,
                                    final ScanProgress progress) {
        final Decisions decisions = Decisions.read(config, DeadLetterTopicId.read(config));
        final Map<String, GroupBuilder> groups = new LinkedHashMap<>();
        final long[] matched = {0};
        final long[] closed = {0};
        final long read;
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().deadLetter()));
            read = DeadLetterScan.toEnd(consumer, letter -> {
                final boolean isClosed = !decisions.statusOf(letter).isOpen();
                if (filter.matches(letter) && isClosed && !includeClosed) {
                    closed[0]++;
                } else if (filter.matches(letter)) {
                    matched[0]++;
                    groups.computeIfAbsent(letter.stage() + "/" + letter.reason(), key -> new GroupBuilder(letter))
                            .add(letter, samplesPerGroup);
                }
            }, () -> { }, progress);
        }
        final List<InspectionReport.Group> summary = new ArrayList<>();
        groups.values().forEach(group -> summary.add(group.build()));
        summary.sort(Comparator.comparingLong(InspectionReport.Group::count).reversed()
                .thenComparing(InspectionReport.Group::stage).thenComparing(InspectionReport.Group::reason));
        return new InspectionReport(config.topics().deadLetter(), filter.describe(), read, matched[0], closed[0], summary,
                decisions.problems().describe());
    }

    /** Accumulates one stage/reason group. */
    private static final class GroupBuilder {
        private final DeadLetter first;
        private DeadLetter last;
        private Instant earliest;
        private Instant latest;
        private long count;
        private final List<InspectionReport.Sample> samples = new ArrayList<>();

        GroupBuilder(final DeadLetter first) {
            this.first = first;
        }

        void add(final DeadLetter letter, final int maxSamples) {
            count++;
            last = letter;
            earliest = earliest == null || letter.timestamp().isBefore(earliest) ? letter.timestamp() : earliest;
            latest = latest == null || letter.timestamp().isAfter(latest) ? letter.timestamp() : latest;
            if (samples.size() < maxSamples) {
                samples.add(new InspectionReport.Sample(letter.partition() + "@" + letter.offset(),
                        letter.sourceTopic() + "-" + letter.sourcePartition() + "@" + letter.sourceOffset(),
                        letter.keyText(), letter.valueExcerpt(EXCERPT_CHARS),
                        letter.exception() + ": " + letter.message(), letter.replayCount(), letter.traceparent()));
            }
        }

        InspectionReport.Group build() {
            return new InspectionReport.Group(first.stage(), first.reason(), count,
                    first.partition() + "@" + first.offset(), last.partition() + "@" + last.offset(),
                    earliest, latest, List.copyOf(samples));
        }
    }
}
