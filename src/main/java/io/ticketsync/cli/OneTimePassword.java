package io.ticketsync.cli;

import java.security.SecureRandom;
import java.util.Base64;

/** A password for one {@code dev} run's console: 144 random bits, printable, no spaces. */
final class OneTimePassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePassword() {
    }

    static String generate() {
        final byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
