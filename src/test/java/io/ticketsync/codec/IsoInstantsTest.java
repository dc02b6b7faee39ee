package io.ticketsync.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The fast path must accept exactly what Instant.parse accepts, with the same result. */
class IsoInstantsTest {

    @Test
    void shouldAgreeWithInstantParseOnRandomInstantsWithEveryFractionLength() {
        final Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            final Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            final String text = instant.toString();
            final int digits = random.nextInt(10);
            final String seconds = text.substring(0, 19);
            final String fraction = String.format("%09d", instant.getNano()).substring(0, digits);
            assertSameOutcome(seconds + (digits == 0 ? "" : "." + fraction) + "Z");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-22T10:00:00Z", "2026-11-22T10:00:00.5Z", "2026-11-22T10:00:00.123456789Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
        // outside the fast path: Instant.parse decides
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T23:59:60Z",
        "2026-13-01T00:00:00Z", "2026-11-22t10:00:00z", "2026-11-22T10:00:00+01:00", "2026-11-22T10:00:00.Z",
        "2026-11-22T10:00:00.1234567890Z", "2026-11-22T10:00Z", "2026-11-22 10:00:00Z", "2026-1-22T10:00:00Z",
        "+2026-11-22T10:00:00Z", "-0001-11-22T10:00:00Z", "2026-11-22T10:00:00", "2026-11-22T1٠:00:00Z",
        "2026-11-22T10:00:0xZ", "", "Z", "2026-11-22T10:00:00.12a4Z"})
    void shouldAgreeWithInstantParseOnEdgeCases(final String text) {
        assertSameOutcome(text);
    }

    private static void assertSameOutcome(final String text) {
        final Object expected = outcome(() -> Instant.parse(text));
        final Object actual = outcome(() -> IsoInstants.parse(text));
        assertThat(actual).as(text).isEqualTo(expected);
    }

    /** The instant, or the exception's class when parsing fails. */
    private static Object outcome(final java.util.function.Supplier<Instant> parse) {
        final Throwable failure = catchThrowable(parse::get);
        return failure == null ? parse.get() : failure.getClass();
    }
}
