package io.ticketsync.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a console user may do. Any role shows letters' metadata; {@link #VALUES} also shows what can
 * quote a record (keys, values, error messages, header values); {@link #OPERATOR} may change things
 * (mark, replay, release the brake). Roles add up: one does not imply another.
 */
enum Role {
    VIEWER, VALUES, OPERATOR;

    static final Set<Role> ALL = EnumSet.allOf(Role.class);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> names(final Set<Role> roles) {
        return roles.stream().sorted().map(Role::label).toList();
    }
}
