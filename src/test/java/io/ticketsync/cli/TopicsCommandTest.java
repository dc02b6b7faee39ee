package io.ticketsync.cli;

import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldShowInTheReadmeExactlyTheCommandsPrintedForTheDefaults() throws Exception {
        final String readme = Files.readString(Path.of("README.md"));
        final String block = readme.substring(readme.indexOf("<!-- topics:begin -->"), readme.indexOf("<!-- topics:end -->"));
        final String commands = block.substring(block.indexOf("```sh\n") + 6, block.lastIndexOf("```"));

        assertThat(commands).isEqualTo(TopicsCommand.script(TestConfigs.defaults(), (short) 3, 2));
    }

    @Test
    void shouldPrintOneCreatePerLaidOutTopicWithTheConfiguredNamesAndReplication() {
        assertThat(run("topics", "--set", "input.topic=billing.in", "--replication-factor", "5",
                "--min-insync-replicas", "3")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString().lines().filter(line -> line.startsWith("kafka-topics.sh")))
                .hasSize(TopicLayout.names(TestConfigs.defaults().topics()).size())
                .allSatisfy(line -> assertThat(line).contains("--create --if-not-exists").contains("--replication-factor 5")
                        .contains("--config min.insync.replicas=3"))
                .anySatisfy(line -> assertThat(line).contains("--topic billing.in --partitions " + TopicLayout.INPUT_PARTITIONS))
                .anySatisfy(line -> assertThat(line).contains("--topic tickets.synced").contains("--config cleanup.policy=compact"));
    }

    @Test
    void shouldRefuseMoreInsyncReplicasThanReplicasBeforeReadingTheConfiguration() {
        assertThat(run("topics", "--replication-factor", "1", "--config", "no/such/file")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--min-insync-replicas must be from 1 to --replication-factor (1), got 2");
    }
}
