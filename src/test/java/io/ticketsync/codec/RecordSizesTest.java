package io.ticketsync.codec;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSizesTest {

    @Test
    void shouldCountKeyValueHeadersAndBatchOverhead() {
        final int empty = RecordSizes.estimate(new byte[0], new byte[0], new RecordHeaders());
        final int withValue = RecordSizes.estimate(new byte[0], new byte[1000], new RecordHeaders());
        final RecordHeaders headers = new RecordHeaders();
        headers.add("h", new byte[5000]);
        final int withHeader = RecordSizes.estimate(new byte[0], new byte[1000], headers);

        assertThat(empty).isGreaterThan(60); // the record batch header alone is 61 bytes
        assertThat(withValue - empty).isBetween(1000, 1010);
        assertThat(withHeader - withValue).isBetween(5001, 5010);
    }

    @Test
    void shouldTreatNullKeyValueAndHeadersAsEmpty() {
        assertThat(RecordSizes.estimate(null, null, (RecordHeaders) null))
                .isEqualTo(RecordSizes.estimate(null, null, new RecordHeaders()));
    }
}
