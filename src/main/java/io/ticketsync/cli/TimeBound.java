package io.ticketsync.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A point in time as an operator types it: an ISO-8601 instant, or a duration back from now ({@code 90m}, {@code 24h}, {@code 7d}). */
final class TimeBound implements ITypeConverter<Instant> {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Instant convert(final String value) {
        return parse(value, Instant.now());
    }

    static Instant parse(final String value, final Instant now) {
        final Matcher ago = AGO.matcher(value.trim());
        if (ago.matches()) {
            final long amount = Long.parseLong(ago.group(1));
            final Duration back = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(back);
        }
        try {
            return Instant.parse(value.trim());
        } catch (final DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is neither an ISO-8601 instant (2026-12-07T10:00:00Z)"
                    + " nor a duration back from now (90m, 24h, 7d)");
        }
    }
}
