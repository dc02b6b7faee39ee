package io.ticketsync.console;

/** A sign-in (or a session's renewal) the console refuses, with why: shown to the person and audited. */
final class SignInRefusedException extends Exception {

    SignInRefusedException(final String reason) {
        super(reason);
    }

    SignInRefusedException(final String reason, final Throwable cause) {
        super(reason, cause);
    }
}
