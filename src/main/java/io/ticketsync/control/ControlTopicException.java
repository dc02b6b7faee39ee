package io.ticketsync.control;

import io.ticketsync.cluster.StartupCheckException;

/** The control topic could not be read or written in time: a command cannot know or change the brake (exit 4). */
public class ControlTopicException extends StartupCheckException {

    public ControlTopicException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
