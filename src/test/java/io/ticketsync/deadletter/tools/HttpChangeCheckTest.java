package io.ticketsync.deadletter.tools;

import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.guard.HealthReport;
import io.ticketsync.http.HttpApi;
import io.ticketsync.http.HttpLimits;
import io.ticketsync.http.HttpSettings;
import io.ticketsync.http.TicketLookup;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.ChangePreview;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preview endpoint's client against a real HttpApi (Jetty) holding one ticket. */
class HttpChangeCheckTest {

    private static final String TOKEN = "a-token-of-sixteen-chars";
    private static final SyncedTicket TICKET = new SyncedTicket("T-1", 3, "Printer", "OPEN", null, null, null, List.of(),
            Instant.parse("2026-11-22T10:00:00Z"));
    private HttpApi api;

    @BeforeEach
    void start() {
        final HealthReport up = new HealthReport(true, "RUNNING", List.of(), List.of());
        api = HttpApi.start(new HttpSettings("127.0.0.1", 0, Optional.of(TOKEN), HttpLimits.DEFAULTS), () -> up, () -> up,
                () -> "", new TicketLookup() {
                    @Override
                    public Owner ownerOf(final String ticketId) {
                        return new Local();
                    }

                    @Override
                    public TicketState localState(final String ticketId) {
                        return ticketId.equals("T-1") ? new TicketState(3, TICKET) : null;
                    }
                }, ChangePreview.of(TestConfigs.defaults()));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpChangeCheck check(final Optional<String> token) {
        return new HttpChangeCheck(URI.create("http://127.0.0.1:" + api.port()), token);
    }

    private static byte[] change(final long version, final String status) {
        return ("{\"ticketId\":\"T-1\",\"version\":" + version + ",\"op\":\"UPSERT\",\"changedAt\":\"2026-11-23T10:00:00Z\","
                + "\"fields\":{\"status\":\"" + status + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] KEY = "T-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReadEachOutcome() {
        final CheckResult applies = check(Optional.of(TOKEN)).check(KEY, change(4, "resolved"));
        assertThat(applies.outcome()).isEqualTo(CheckResult.Outcome.APPLIES);
        assertThat(applies.version()).contains(4L);
        assertThat(applies.after().orElseThrow()).contains("\"RESOLVED\"");
        assertThat(applies.current().orElseThrow()).contains("\"OPEN\"");
        assertThat(applies.diff()).contains("state: \"OPEN\" -> \"RESOLVED\"");

        final CheckResult stale = check(Optional.of(TOKEN)).check(KEY, change(2, "resolved"));
        assertThat(stale.outcome()).isEqualTo(CheckResult.Outcome.STALE);
        assertThat(stale.version()).contains(3L);

        final CheckResult dead = check(Optional.of(TOKEN)).check(KEY, change(4, "escalated"));
        assertThat(dead.outcome()).isEqualTo(CheckResult.Outcome.DEAD_LETTER);
        assertThat(dead.reason()).contains("unmapped-status");
        assertThat(dead.message()).contains("escalated");
    }

    @Test
    void shouldFailClearlyWhenRefusedOrUnreachable() {
        assertThatThrownBy(() -> check(Optional.empty()).check(KEY, change(4, "open")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("401").hasMessageContaining("nothing sent");
        final HttpChangeCheck nowhere = new HttpChangeCheck(URI.create("http://127.0.0.1:1"), Optional.empty());
        assertThatThrownBy(() -> nowhere.check(KEY, change(4, "open"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no running ticket-sync answered at http://127.0.0.1:1");
    }

    @Test
    void shouldNameTheKeyWhenNoUrlIsConfiguredAndFallBackToTheConsolesOne() {
        assertThatThrownBy(() -> HttpChangeCheck.of(TestConfigs.defaults())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("dlq.check.url");
        assertThat(TestConfigs.with(Map.of("console.tickets.url", "http://a:8080")).requireCheckUrl())
                .isEqualTo(URI.create("http://a:8080"));
        assertThat(TestConfigs.with(Map.of("console.tickets.url", "http://a:8080", "dlq.check.url", "http://b:8080"))
                .requireCheckUrl()).isEqualTo(URI.create("http://b:8080"));
    }
}
