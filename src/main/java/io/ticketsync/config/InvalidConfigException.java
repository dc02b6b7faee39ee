package io.ticketsync.config;

/** A configuration value is missing or malformed; the message names the key. */
public class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(final String message) {
        super(message);
    }
}
