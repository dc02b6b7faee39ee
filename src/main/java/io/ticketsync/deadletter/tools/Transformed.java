package io.ticketsync.deadletter.tools;

import java.util.List;

/**
 * What {@link TransformRules} made of one letter's value.
 *
 * @param value   the value to send (CHANGED only)
 * @param changes field by field, {@code path: before -> after} (CHANGED only)
 * @param why     why the rules could not be applied (NOT_TRANSFORMABLE only)
 */
public record Transformed(Kind kind, byte[] value, List<String> changes, String why) {

    public enum Kind { CHANGED, UNCHANGED, NOT_TRANSFORMABLE }

    public Transformed {
        changes = List.copyOf(changes);
    }

    static Transformed changed(final byte[] value, final List<String> changes) {
        return new Transformed(Kind.CHANGED, value, changes, null);
    }

    static Transformed unchanged() {
        return new Transformed(Kind.UNCHANGED, null, List.of(), null);
    }

    static Transformed notTransformable(final String why) {
        return new Transformed(Kind.NOT_TRANSFORMABLE, null, List.of(), why);
    }
}
