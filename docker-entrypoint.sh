#!/bin/sh
# Starts ticket-sync as PID 1's replacement, so SIGTERM from the container runtime reaches the JVM
# (graceful close, exit 0). Each replica advertises its own HTTP endpoint for /tickets/{id}
# forwarding unless TICKET_SYNC_APPLICATION_SERVER is set explicitly.
set -eu
if [ -z "${TICKET_SYNC_APPLICATION_SERVER:-}" ]; then
    TICKET_SYNC_APPLICATION_SERVER="$(hostname):${TICKET_SYNC_HTTP_PORT:-8080}"
    export TICKET_SYNC_APPLICATION_SERVER
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -jar /app/ticket-sync.jar "$@"
