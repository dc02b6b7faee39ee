package io.ticketsync.cli;

import io.ticketsync.cluster.AclPlan;
import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AclsCommandTest {

    @Test
    void shouldShowInTheReadmeExactlyTheAclsTheCodeRequiresAndChecks() throws Exception {
        final String readme = Files.readString(Path.of("README.md"));
        final String block = readme.substring(readme.indexOf("<!-- acls:begin -->"), readme.indexOf("<!-- acls:end -->"));
        final String commands = block.substring(block.indexOf("```sh\n") + 6, block.lastIndexOf("```"));
        assertThat(commands).isEqualTo(AclsCommand.script(TestConfigs.defaults(), List.of(AclPlan.values()), "User:ticket-sync"));
    }

    @Test
    void shouldPrintOneGrantPerAclForTheNamedCommandAndPrincipal() {
        final StringWriter out = new StringWriter();
        final int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "acls", "dlq-replay", "--principal", "User:ops", "--set", "application.id=billing", "--set", "bootstrap.servers=x:1");
        assertThat(exit).isZero();
        assertThat(out.toString().lines().filter(line -> line.startsWith("kafka-acls.sh")))
                .hasSize(AclPlan.DLQ_REPLAY.acls(TestConfigs.with(Map.of())).size())
                .allSatisfy(line -> assertThat(line).contains("--allow-principal User:ops"))
                .anySatisfy(line -> assertThat(line).contains("--group billing-dlq-replay- --resource-pattern-type prefixed"));
        assertThat(out.toString()).doesNotContain("# ticket-sync run");
    }

    @Test
    void shouldAcceptEveryCommandTheReadmeNamesWhenAskedForItsAcls() {
        final Map<String, AclPlan> expected = Map.of("dlq-export", AclPlan.DLQ_EXPORT, "dlq-discard", AclPlan.DLQ_RESOLVE,
                "dlq replay", AclPlan.DLQ_REPLAY, "brake-status", AclPlan.BRAKE_STATUS, "brake-release", AclPlan.BRAKE_RELEASE,
                "console", AclPlan.CONSOLE, "run", AclPlan.RUN, "audit", AclPlan.AUDIT);
        expected.forEach((name, plan) -> assertThat(AclPlan.of(name)).as(name).isEqualTo(plan));
        assertThat(AclPlan.names()).containsAll(List.of("run", "dlq-inspect", "dlq-export", "dlq-resolve", "dlq-discard",
                "dlq-replay", "console", "audit", "brake-status", "brake-release"));
    }

    @Test
    void shouldPrintTheSharedPlanWhenACommandIsGivenAsTwoWordsOrAnAlias() {
        final StringWriter out = new StringWriter();
        final int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "acls", "dlq", "replay", "dlq-discard", "--set", "bootstrap.servers=x:1");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("# ticket-sync dlq replay").contains("# ticket-sync dlq resolve");
    }
}
