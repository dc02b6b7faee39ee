package io.ticketsync.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeCommandTest {

    @Test
    void shouldProbeTheBindAddressUnlessTheApiListensEverywhere() {
        assertThat(ProbeCommand.probeHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ProbeCommand.probeHost("::")).isEqualTo("127.0.0.1");
        assertThat(ProbeCommand.probeHost("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(ProbeCommand.probeHost("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(ProbeCommand.probeHost("fe80::1")).isEqualTo("[fe80::1]");
    }
}
