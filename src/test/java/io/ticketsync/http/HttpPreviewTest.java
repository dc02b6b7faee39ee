package io.ticketsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /tickets/{id}/preview}: each outcome against the stored state, and what is refused. */
class HttpPreviewTest {

    private ApiUnderTest api;

    @AfterEach
    void stop() {
        api.close();
    }

    private static String change(final String id, final long version, final String status) {
        return "{\"ticketId\":\"" + id + "\",\"version\":" + version + ",\"op\":\"UPSERT\",\"changedAt\":\"2026-11-23T10:00:00Z\","
                + "\"fields\":{\"title\":\"Printer on fire\",\"status\":\"" + status + "\"}}";
    }

    private JsonNode preview(final String id, final String body) throws Exception {
        final HttpResponse<String> response = api.http().post("/tickets/" + id + "/preview", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void shouldAnswerAppliesWithTheResultingSnapshotAndTheDiffWhenTheChangeApplies() throws Exception {
        api = ApiUnderTest.local();

        final JsonNode answer = preview("T-1", change("T-1", 4, "resolved"));

        assertThat(answer.get("outcome").asText()).isEqualTo("APPLIES");
        assertThat(answer.get("version").asLong()).isEqualTo(4);
        assertThat(answer.get("current").get("state").asText()).isEqualTo("OPEN");
        assertThat(answer.get("after").get("state").asText()).isEqualTo("RESOLVED");
        assertThat(answer.get("after").get("assignee").asText()).as("merged onto the stored snapshot").isEqualTo("alice");
        assertThat(answer.get("diff").toString()).contains("state: \\\"OPEN\\\" -> \\\"RESOLVED\\\"")
                .contains("version: 3 -> 4").doesNotContain("assignee");
    }

    @Test
    void shouldAnswerStaleWithTheStoredVersionWhenTheVersionIsNotNewer() throws Exception {
        api = ApiUnderTest.local();

        final JsonNode answer = preview("T-1", change("T-1", 3, "resolved"));

        assertThat(answer.get("outcome").asText()).isEqualTo("STALE");
        assertThat(answer.get("version").asLong()).isEqualTo(3);
        assertThat(answer.get("message").asText()).contains("stored version 3");
    }

    @Test
    void shouldAnswerDeadLetterWithTheReasonWhenAMappingIsMissingOrTheKeyDiffers() throws Exception {
        api = ApiUnderTest.local();

        final JsonNode unmapped = preview("T-1", change("T-1", 4, "escalated"));
        assertThat(unmapped.get("outcome").asText()).isEqualTo("DEAD_LETTER");
        assertThat(unmapped.get("reason").asText()).isEqualTo("unmapped-status");
        assertThat(unmapped.get("message").asText()).contains("escalated");

        final JsonNode mismatch = preview("T-1", change("T-2", 4, "open"));
        assertThat(mismatch.get("reason").asText()).isEqualTo("key-mismatch");
    }

    @Test
    void shouldAnswerDeadLetterWithTheDecodersReasonWhenTheBodyIsNotAChange() throws Exception {
        api = ApiUnderTest.local();

        assertThat(preview("T-1", "{not json").get("reason").asText()).isEqualTo("invalid-json");
        assertThat(preview("T-1", "[1]").get("reason").asText()).isEqualTo("not-an-object");
        assertThat(preview("T-1", "{\"ticketId\":\"T-1\"}").get("reason").asText()).isEqualTo("missing-field");
    }

    @Test
    void shouldKnowDeletedTicketsAndTicketsNeverSeen() throws Exception {
        api = ApiUnderTest.local();

        final JsonNode older = preview(ApiUnderTest.DELETED, change(ApiUnderTest.DELETED, 4, "open"));
        assertThat(older.get("outcome").asText()).as("deleted at version 5").isEqualTo("STALE");
        assertThat(older.get("current").isNull()).isTrue();
        final JsonNode newer = preview(ApiUnderTest.DELETED, change(ApiUnderTest.DELETED, 6, "open"));
        assertThat(newer.get("outcome").asText()).isEqualTo("APPLIES");
        assertThat(newer.get("diff").toString()).contains("state: (absent) -> \\\"OPEN\\\"");
        assertThat(preview("T-new", change("T-new", 1, "open")).get("message").asText()).isEqualTo("applies as version 1");
    }

    @Test
    void shouldRefuseBadIdsLargeBodiesAndOtherMethods() throws Exception {
        api = ApiUnderTest.local();
        final String large = "{\"pad\":\"" + "x".repeat(PreviewEndpoint.MAX_BODY_BYTES) + "\"}";

        assertThat(api.http().post("/tickets/T-1/preview", large).statusCode()).isEqualTo(413);
        assertThat(api.http().post("/tickets/" + "x".repeat(65) + "/preview", "{}").statusCode()).isEqualTo(400);
        final HttpResponse<String> get = api.http().get("/tickets/T-1/preview");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(api.http().post("/tickets/T-1", "{}").statusCode()).as("the lookup stays read-only").isEqualTo(405);
    }

    @Test
    void shouldNeedTheTokenAsTheLookupDoes() throws Exception {
        api = ApiUnderTest.start(ApiUnderTest.FAST, Optional.of("s3cret"), id -> new TicketLookup.Local());

        assertThat(api.http().post("/tickets/T-1/preview", change("T-1", 4, "open")).statusCode()).isEqualTo(401);
        assertThat(api.http().post("/tickets/T-1/preview", change("T-1", 4, "open"), "Authorization", "Bearer s3cret")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void shouldForwardThePreviewWithItsBodyToTheOwner() throws Exception {
        try (ApiUnderTest owner = ApiUnderTest.local()) {
            api = ApiUnderTest.start(ApiUnderTest.FAST, Optional.empty(),
                    id -> new TicketLookup.Remote(new org.apache.kafka.streams.state.HostInfo("127.0.0.1", owner.port())));

            final JsonNode answer = preview("T-1", change("T-1", 4, "escalated"));

            assertThat(answer.get("reason").asText()).isEqualTo("unmapped-status");
        }
    }
}
