package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleCommandTest {

    @Test
    void shouldRefuseToStartWithoutAPasswordBeforeTouchingKafka() {
        final StringWriter err = new StringWriter();
        final int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "console", "--set", "bootstrap.servers=127.0.0.1:9");
        assertThat(exit).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("console.password").contains("TICKET_SYNC_CONSOLE_PASSWORD");
    }

    @Test
    void shouldRefuseAShortPasswordWithoutEchoingIt() {
        final StringWriter err = new StringWriter();
        final int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "console", "--set", "bootstrap.servers=127.0.0.1:9", "--set", "console.password=hunter2");
        assertThat(exit).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err.toString()).contains("console.password").doesNotContain("hunter2");
    }
}
