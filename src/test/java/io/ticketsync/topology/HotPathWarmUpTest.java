package io.ticketsync.topology;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotPathWarmUpTest {

    @Test
    void shouldRunEveryRoundThroughTheRealDecoderRulesAndEncoder() {
        assertThat(HotPathWarmUp.run(TestConfigs.defaults(), 50)).isTrue();
    }

    @Test
    void shouldReportARoundTheRulesRefuseInsteadOfThrowing() {
        final TicketSyncConfig tiny = TestConfigs.with(Map.of("output.max.record.bytes", "10"));

        assertThat(HotPathWarmUp.run(tiny, 10)).as("every snapshot is over the limit").isFalse();
    }
}
