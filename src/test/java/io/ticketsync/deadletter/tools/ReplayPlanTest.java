package io.ticketsync.deadletter.tools;

import io.ticketsync.testing.TestActors;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayPlanTest {

    private static final ReplayPlan PLAN = new ReplayPlan(
            new DeadLetterFilter("PROCESSING", "unmapped-status", "a&b c", 2, 10L, null, Instant.parse("2026-12-01T00:00:00Z"), null),
            "tickets.changes", 3, false, true, false, "topic-id", Map.of(0, 120L, 1, 7L),
            List.of(new ReplayPlan.Planned("0@5", "00000000000000ff")), 1, Instant.parse("2026-12-07T10:00:00Z"), "ops");

    @Test
    void shouldSurviveTheConfirmFormAndAFile() throws Exception {
        assertThat(ReplayPlan.fromToken(PLAN.toToken())).isEqualTo(PLAN);
        assertThat(PLAN.toToken()).matches("[A-Za-z0-9_-]+");
        final java.nio.file.Path file = java.nio.file.Files.createTempFile("plan", ".json");
        PLAN.write(file);
        assertThat(ReplayPlan.read(file)).isEqualTo(PLAN);
    }

    @Test
    void shouldRefuseADamagedPlanNamingTheProblem() {
        assertThatThrownBy(() -> ReplayPlan.fromToken("not a plan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> ReplayPlan.fromJson("{\"target\":\"x\"}".getBytes())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a replay plan");
    }

    @Test
    void shouldNameTheProgressGroupByEveryFieldThatSelects() {
        final ReplayRequest request = PLAN.request("ops", 500);
        final ReplayRequest otherCase = new ReplayRequest(new DeadLetterFilter("processing", "UNMAPPED-STATUS", "a&b c", 2, 10L,
                null, Instant.parse("2026-12-01T00:00:00Z"), null), "tickets.changes", 3, false, 1, false, true, false, "someone");
        final ReplayRequest discarded = new ReplayRequest(request.filter(), request.target(), 3, false, 500, false, true, true, "ops");

        assertThat(request.canonical()).as("case, batch size and actor do not select").isEqualTo(otherCase.canonical());
        assertThat(request.canonical()).isNotEqualTo(discarded.canonical());
        // describe() is ambiguous where a ticket id holds its separators; canonical() is not.
        final ReplayRequest commaTicket = ReplayRequest.of(new DeadLetterFilter(null, null, "x,reason=y", null, null, null, null, null),
                "t", 3, false, 1, TestActors.OPERATOR);
        final ReplayRequest twoFields = ReplayRequest.of(new DeadLetterFilter(null, "y", "x", null, null, null, null, null), "t", 3, false, 1,
                TestActors.OPERATOR);
        assertThat(commaTicket.canonical()).isNotEqualTo(twoFields.canonical());
    }
}
