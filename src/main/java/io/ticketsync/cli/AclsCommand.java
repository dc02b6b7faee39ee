package io.ticketsync.cli;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.RequiredAcl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
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
            description = "run, dlq-inspect, dlq-export, dlq-resolve, dlq-discard, dlq-replay, console, audit, brake-status or "
                    + "brake-release; \"dlq replay\" with a space works too (default: all of them).")
    private List<String> commands = List.of();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        final List<AclPlan> plans = plans(commands);
        final TicketSyncConfig loaded = config.load();
        final PrintWriter out = spec.commandLine().getOut();
        out.print(script(loaded, plans, principal));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The plans named, all when none is; "dlq replay" may come as one word or two, as typed. Judged
     * before the configuration is read, so a typo is a usage error whatever the configuration says.
     */
    private List<AclPlan> plans(final List<String> names) {
        if (names.isEmpty()) {
            return List.of(AclPlan.values());
        }
        final List<AclPlan> plans = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            final String name = names.get(i);
            final boolean group = (name.equals("dlq") || name.equals("brake")) && i + 1 < names.size();
            try {
                plans.add(AclPlan.of(group ? name + " " + names.get(++i) : name));
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "acls: " + e.getMessage());
            }
        }
        return List.copyOf(plans);
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
