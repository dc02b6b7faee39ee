package io.ticketsync.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console benchmark's p99 must be a nearest-rank p99, not the maximum under another name. */
class PercentilesTest {

    @Test
    void shouldTakeNearestRankWhenGivenOneToTwoHundredShuffled() {
        final List<Double> samples = new ArrayList<>(IntStream.rangeClosed(1, 200).mapToObj(i -> (double) i).toList());
        Collections.shuffle(samples);

        final Percentiles percentiles = Percentiles.of(samples);

        assertThat(percentiles.median()).isEqualTo(100.0);
        assertThat(percentiles.p99()).as("rank ceil(0.99 * 200) = 198").isEqualTo(198.0);
        assertThat(percentiles.max()).isEqualTo(200.0);
        assertThat(percentiles.count()).isEqualTo(200);
    }

    @Test
    void shouldTellP99FromMaximumWhenGivenOneHundredSamples() {
        final List<Double> samples = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();

        final Percentiles percentiles = Percentiles.of(samples);

        assertThat(percentiles.p99()).isEqualTo(99.0);
        assertThat(percentiles.max()).isEqualTo(100.0);
    }

    @Test
    void shouldRefuseWhenTooFewSamplesForAP99() {
        final List<Double> samples = IntStream.rangeClosed(1, 30).mapToObj(i -> (double) i).toList();

        assertThatThrownBy(() -> Percentiles.of(samples)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 100");
    }
}
