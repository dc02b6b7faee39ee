package io.ticketsync.cli;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.RequiredAcl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ticket-sync acls [COMMAND...]}: the least-privilege ACLs of each command for the effective
 * configuration, as ready-to-run {@code kafka-acls.sh} commands, each with what it is for.
 */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = {"Print the Kafka ACLs a command needs (least privilege) as kafka-acls.sh commands.",
                "Run them as an admin; $BOOTSTRAP and admin.properties are the admin's connection."})
final class AclsCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Option(names = "--principal", defaultValue = "User:ticket-sync",
            description = "The principal ticket-sync authenticates as (default: ${DEFAULT-VALUE}).")
    private String principal;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "run, dlq-inspect, dlq-resolve, dlq-replay, console (default: all of them).")
    private List<String> commands = List.of();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        final TicketSyncConfig loaded = config.load();
        final List<AclPlan> plans = commands.isEmpty() ? List.of(AclPlan.values()) : commands.stream().map(AclPlan::of).toList();
        final PrintWriter out = spec.commandLine().getOut();
        out.print(script(loaded, plans, principal));
        out.flush();
        return ExitCodes.OK;
    }

    /** The commands for {@code plans}, one block per command, one line per ACL, each after a comment saying why. */
    static String script(final TicketSyncConfig config, final List<AclPlan> plans, final String principal) {
        final StringBuilder text = new StringBuilder();
        for (final AclPlan plan : plans) {
            text.append(text.isEmpty() ? "" : "\n").append("# ticket-sync ").append(plan.command()).append('\n');
            for (final RequiredAcl acl : plan.acls(config)) {
                text.append("#   ").append(acl.purpose()).append('\n').append(acl.kafkaAclsCommand(principal)).append('\n');
            }
        }
        return text.toString();
    }
}
