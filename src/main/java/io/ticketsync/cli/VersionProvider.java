package io.ticketsync.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        final String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"ticket-sync " + (version == null ? "(development build)" : version)};
    }
}
