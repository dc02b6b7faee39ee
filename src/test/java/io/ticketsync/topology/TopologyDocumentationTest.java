package io.ticketsync.topology;

import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds topology.md true to the code. */
class TopologyDocumentationTest {

    private static final Pattern DESCRIBE_BLOCK =
            Pattern.compile("## Topology\\.describe\\(\\)\\s+```\\n(.*?)```", Pattern.DOTALL);

    @Test
    void shouldDocumentTheExactTopologyDescription() throws IOException {
        final Matcher block = DESCRIBE_BLOCK.matcher(Files.readString(Path.of("topology.md")));

        assertThat(block.find()).as("topology.md has a '## Topology.describe()' code block").isTrue();
        assertThat(block.group(1).strip())
                .isEqualTo(TicketSyncTopology.build(TestConfigs.defaults()).describe().toString().strip());
    }

    @Test
    void shouldExplainEveryNamedNodeAndStore() throws IOException {
        final String doc = Files.readString(Path.of("topology.md"));

        for (final String name : new String[] {TicketSyncTopology.SOURCE, TicketSyncTopology.PROCESSOR,
                TicketSyncTopology.STORE, TicketSyncTopology.SINK}) {
            assertThat(doc).contains("**`" + name + "`**");
        }
    }
}
