package io.ticketsync.http;

import io.ticketsync.guard.HealthReport;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.ChangePreview;
import io.ticketsync.testing.HttpProbe;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** An {@link HttpApi} on a free loopback port with stand-ins for health, metrics and tickets. */
final class ApiUnderTest implements AutoCloseable {

    static final HealthReport UP = new HealthReport(true, "RUNNING", List.of(), List.of());
    static final SyncedTicket TICKET = new SyncedTicket("T-1", 3, "Printer on fire", "OPEN", "HIGH", "alice",
            "bob@example.com", List.of("hardware"), java.time.Instant.parse("2026-11-22T10:00:00Z"));
    /** Short enough for tests to watch it act; the forward deadline stays below it. */
    static final HttpLimits FAST = new HttpLimits(Duration.ofSeconds(2), 256, Duration.ofMillis(500), Duration.ofMillis(800), 32);

    private final HttpApi api;

    private ApiUnderTest(final HttpApi api) {
        this.api = api;
    }

    /** A ticket deleted at version 5: the store keeps its marker. */
    static final String DELETED = "T-DEL";

    /** Health always UP; every ticket is {@code owners.apply(id)}, {@link #TICKET} or {@link #DELETED} when local. */
    static ApiUnderTest start(final HttpLimits limits, final Optional<String> token,
                              final Function<String, TicketLookup.Owner> owners) {
        return start(limits, token, () -> UP, owners);
    }

    static ApiUnderTest start(final HttpLimits limits, final Optional<String> token, final Supplier<HealthReport> health,
                              final Function<String, TicketLookup.Owner> owners) {
        return start(limits, token, health, new TicketLookup() {
            @Override
            public Owner ownerOf(final String ticketId) {
                return owners.apply(ticketId);
            }

            @Override
            public TicketState localState(final String ticketId) {
                if (ticketId.equals(DELETED)) {
                    return TicketState.deleted(5);
                }
                return ticketId.equals(TICKET.id()) ? new TicketState(TICKET.version(), TICKET) : null;
            }
        });
    }

    static ApiUnderTest start(final HttpLimits limits, final Optional<String> token, final Supplier<HealthReport> health,
                              final TicketLookup tickets) {
        return new ApiUnderTest(HttpApi.start(new HttpSettings("127.0.0.1", 0, token, limits), health, health,
                () -> "ticketsync_up 1.0\n", tickets, ChangePreview.of(TestConfigs.defaults())));
    }

    static ApiUnderTest local() {
        return start(FAST, Optional.empty(), id -> new TicketLookup.Local());
    }

    HttpProbe http() {
        return new HttpProbe(api.port());
    }

    int port() {
        return api.port();
    }

    /** Sends raw bytes and returns everything the server answers until it closes (at most 5 s). */
    String raw(final String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
