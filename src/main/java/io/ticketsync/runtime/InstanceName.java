package io.ticketsync.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How an instance names itself in the control topic's events: {@code host/pid}. */
final class InstanceName {

    private InstanceName() {
    }

    static String of() {
        return hostName() + "/" + ProcessHandle.current().pid();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final UnknownHostException e) {
            return "unknown-host";
        }
    }
}
