package io.ticketsync.deadletter.tools;

import io.ticketsync.codec.Json;
import io.ticketsync.testing.DeadLetters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A transform's dry run, counted by outcome with a fake {@link ChangeCheck}: what the operator reviews. */
class TransformDryRunTest {

    private static final TransformRules RULES = TransformRules.parse("fields.status: escalated -> open\n");

    @Test
    void countsEveryLetterByOutcomeAndPlansOnlyTheTransformed() {
        // The fake: T-3 has a newer stored version, T-4's priority is unknown; the rest apply.
        final ChangeCheck check = (key, value) -> {
            final String ticket = new String(key, StandardCharsets.UTF_8);
            assertThat(new String(value, StandardCharsets.UTF_8)).contains("\"status\":\"open\"");
            if (ticket.equals("T-3")) {
                return result(CheckResult.Outcome.STALE, 9L, null);
            }
            if (ticket.equals("T-4")) {
                return result(CheckResult.Outcome.DEAD_LETTER, null, "unmapped-priority");
            }
            return result(CheckResult.Outcome.APPLIES, 2L, null);
        };
        final ReplayRequest request = ReplayRequest.of(DeadLetterFilter.ALL, "tickets.changes", 3, true, 500,
                io.ticketsync.testing.TestActors.OPERATOR).with(RULES, 0);
        final ReplayRun run = ReplayRun.dryRun(request, Decisions.of(List.of(), "id", "tickets.dlq"), check);
        for (int i = 1; i <= 4; i++) {
            run.accept(letter(i, "{\"ticketId\":\"T-" + i + "\",\"version\":1,\"fields\":{\"status\":\"escalated\"}}"));
        }
        run.accept(letter(5, "{\"ticketId\":\"T-5\",\"version\":1,\"fields\":{\"status\":\"pending\"}}"));
        run.accept(letter(6, "ticket T-6 changed"));

        final ReplayReport report = run.report("group", 6, -1, null);
        final TransformSummary summary = report.transform();
        assertThat(report.sent()).as("only transformed letters would be sent").isEqualTo(4);
        assertThat(run.planned()).extracting(ReplayPlan.Planned::id).containsExactly("0@1", "0@2", "0@3", "0@4");
        assertThat(summary.applies()).isEqualTo(2);
        assertThat(summary.stale()).isEqualTo(1);
        assertThat(summary.failing()).containsEntry("unmapped-priority", 1L);
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(summary.notTransformable()).isEqualTo(1);
        assertThat(summary.notTransformableWhy()).containsExactly("0@6: the value is not JSON");
        assertThat(summary.samples()).hasSize(4);
        assertThat(summary.samples().get(0).changes()).containsExactly("fields.status: \"escalated\" -> \"open\"");
        assertThat(summary.samples().get(2).outcome()).startsWith("stale against stored version 9");
        assertThat(report.toText()).contains("transform rules " + RULES.hash()).contains("would apply: 2")
                .contains("would fail again: 1").contains("unmapped-priority: 1").contains("unchanged by the rules: 1");
    }

    @Test
    void transformedRecordsCarryTheRulesHashAndTheNewValue() throws Exception {
        final DeadLetter letter = letter(1, "{\"ticketId\":\"T-1\",\"fields\":{\"status\":\"escalated\"}}");
        final byte[] value = RULES.apply(letter.value()).value();
        final var record = DlqReplayer.replayOf(letter, "tickets.changes.replay",
                new io.ticketsync.config.Topics("tickets.changes", "tickets.synced", "tickets.dlq"), value, RULES.hash());
        assertThat(Json.MAPPER.readTree(record.value()).at("/fields/status").asText()).isEqualTo("open");
        assertThat(new String(record.headers().lastHeader(TransformRules.HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo(RULES.hash());
        assertThat(DlqReplayer.replayOf(letter, "tickets.changes.replay",
                new io.ticketsync.config.Topics("tickets.changes", "tickets.synced", "tickets.dlq")).headers().lastHeader(TransformRules.HEADER)).isNull();
    }

    @Test
    void transformRulesNameTheirOwnProgressGroup() {
        final ReplayRequest plain = ReplayRequest.of(DeadLetterFilter.ALL, "tickets.changes", 3, false, 500,
                io.ticketsync.testing.TestActors.OPERATOR);
        assertThat(plain.with(null, 100).canonical()).as("a rate is not a selection").isEqualTo(plain.canonical());
        assertThat(plain.with(RULES, 0).canonical()).isNotEqualTo(plain.canonical()).contains(RULES.hash());
    }

    @Test
    void aDryRunStopsWhenNoInstanceIsConfiguredToBeAsked() {
        final ReplayRequest request = ReplayRequest.of(DeadLetterFilter.ALL, "tickets.changes", 3, true, 500,
                io.ticketsync.testing.TestActors.OPERATOR).with(RULES, 0);
        final ReplayRun run = ReplayRun.dryRun(request, Decisions.of(List.of(), "id", "tickets.dlq"),
                ChangeChecks.from(io.ticketsync.testing.TestConfigs.defaults()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.accept(letter(1,
                        "{\"ticketId\":\"T-1\",\"fields\":{\"status\":\"escalated\"}}")))
                .isInstanceOf(io.ticketsync.config.InvalidConfigException.class).hasMessageContaining("dlq.check.url");
    }

    @Test
    void aPlanCarriesTheRulesAndTheRate() {
        final ReplayRequest request = ReplayRequest.of(DeadLetterFilter.ALL, "tickets.changes", 3, true, 500,
                io.ticketsync.testing.TestActors.OPERATOR).with(RULES, 50);
        final ReplayPlan plan = ReplayPlan.fromToken(ReplayPlan.of(request, "id", java.util.Map.of(0, 7L),
                List.of(new ReplayPlan.Planned("0@1", "f")), 1).toToken());
        final ReplayRequest again = plan.request("someone", 100);
        assertThat(again.transform().hash()).isEqualTo(RULES.hash());
        assertThat(again.ratePerSecond()).isEqualTo(50);
        assertThat(plan.atRate(0).request("someone", 100).ratePerSecond()).isZero();
        assertThat(again.canonical()).isEqualTo(request.canonical());
    }

    private static CheckResult result(final CheckResult.Outcome outcome, final Long version, final String reason) {
        return new CheckResult(outcome, Optional.ofNullable(version), Optional.ofNullable(reason), "because", Optional.empty(),
                Optional.empty(), List.of());
    }

    private static DeadLetter letter(final long offset, final String value) {
        return DeadLetters.letter(offset, Instant.parse("2026-12-07T10:00:00Z"), "PROCESSING", "unmapped-status",
                "T-" + offset, value.getBytes(StandardCharsets.UTF_8));
    }
}
