package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.topology.TicketSyncTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ticket-sync topology}: prints {@code Topology.describe()} for the effective configuration. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Print the Kafka Streams topology description.")
final class TopologyCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(TicketSyncTopology.build(config.load()).describe());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
