package io.ticketsync.deadletter.tools;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Who does something, and how that is known: every audited action names one. A person signed in
 * through the identity provider is their token's subject (and e-mail); a shell user is the
 * operating-system user at the host; a name given with {@code --actor} is recorded as self-asserted.
 *
 * @param id    the subject, the console's user name, {@code user@host}, or the asserted name
 * @param roles the console roles the actor holds (empty for the command line, which has its own ACLs)
 */
public record Actor(String id, Optional<String> email, List<String> roles, Source source) {

    /** How the actor's identity was established. */
    public enum Source {
        OIDC, PASSWORD, OS, SELF_ASSERTED,
        /** Nobody known: a refused sign-in or request that came with no session. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Actor {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an action needs an actor: nobody was named");
        }
        roles = List.copyOf(roles);
    }

    public static Actor signedIn(final String subject, final Optional<String> email, final List<String> roles) {
        return new Actor(subject, email, roles, Source.OIDC);
    }

    public static Actor passwordUser(final String user, final List<String> roles) {
        return new Actor(user, Optional.empty(), roles, Source.PASSWORD);
    }

    /** Whoever sent a refused sign-in or request that named nobody; {@code who} says what is known, e.g. "(no session)". */
    public static Actor unknown(final String who) {
        return new Actor(who, Optional.empty(), List.of(), Source.UNKNOWN);
    }

    public static Actor asserted(final String name) {
        return new Actor(name, Optional.empty(), List.of(), Source.SELF_ASSERTED);
    }

    /**
     * The operating-system user at this host.
     *
     * @throws IllegalStateException when the JVM knows no user name: an action is never run by nobody
     */
    public static Actor shell() {
        final String user = System.getProperty("user.name", "").trim();
        if (user.isEmpty() || "?".equals(user)) {
            throw new IllegalStateException("no actor: the operating-system user is unknown; name one with --actor");
        }
        return new Actor(user + "@" + hostName(), Optional.empty(), List.of(), Source.OS);
    }

    /** What letters and decisions record as who acted: the e-mail when known, and marked when self-asserted. */
    public String display() {
        final String name = email.orElse(id);
        return source == Source.SELF_ASSERTED ? name + " (self-asserted)" : name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }
}
