package io.ticketsync.deadletter.tools;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading audit events back, and choosing among them. */
class AuditQueryTest {

    private static final AuditEntry ALICE = entry("{\"at\":\"2026-12-07T10:00:00Z\",\"action\":\"resolved\",\"actor\":\"alice\","
            + "\"outcome\":\"done\",\"actorSource\":\"self-asserted\",\"selection\":\"reason=unmapped-status\",\"letters\":5,"
            + "\"note\":\"fixed in the source\"}");
    private static final AuditEntry CAROL = entry("{\"at\":\"2026-12-07T12:00:00Z\",\"action\":\"login\",\"actor\":\"sub-123\","
            + "\"outcome\":\"failed\",\"actorSource\":\"oidc\",\"email\":\"Carol@Example.com\",\"roles\":\"viewer\"}");

    @Test
    void shouldSelectByPartOfTheActorOrEmailInAnyCase() {
        assertThat(select(new AuditQuery("ALI", Set.of(), null, null, null))).containsExactly(ALICE);
        assertThat(select(new AuditQuery("carol@example", Set.of(), null, null, null))).containsExactly(CAROL);
        assertThat(select(new AuditQuery("nobody", Set.of(), null, null, null))).isEmpty();
        assertThat(select(new AuditQuery("-", Set.of(), null, null, null))).as("no e-mail is not an e-mail of '-'")
                .containsExactly(CAROL);
    }

    @Test
    void shouldSelectByActionsOutcomeAndTime() {
        assertThat(select(new AuditQuery(null, Set.of("LOGIN", "export"), null, null, null))).containsExactly(CAROL);
        assertThat(select(new AuditQuery(null, Set.of(), "Done", null, null))).containsExactly(ALICE);
        final Instant noon = Instant.parse("2026-12-07T12:00:00Z");
        assertThat(select(new AuditQuery(null, Set.of(), null, noon, null))).as("since is inclusive").containsExactly(CAROL);
        assertThat(select(new AuditQuery(null, Set.of(), null, null, noon))).as("until is exclusive").containsExactly(ALICE);
        assertThat(select(AuditQuery.ALL)).containsExactly(ALICE, CAROL);
    }

    @Test
    void shouldShowTheFixedColumnsFirstAndTheRestAsNameValue() {
        assertThat(ALICE.toLine()).isEqualTo("2026-12-07T10:00:00Z  alice  self-asserted  -  -  resolved  done"
                + "  selection=reason=unmapped-status  letters=5  note=\"fixed in the source\"");
        assertThat(CAROL.toLine()).startsWith("2026-12-07T12:00:00Z  sub-123  oidc  Carol@Example.com  viewer  login  failed");
    }

    @Test
    void shouldNotTakeARecordThatIsNotAnAuditEventForOne() {
        for (final String value : new String[] {"not json", "[1,2]", "{\"action\":\"resolved\",\"actor\":\"a\",\"outcome\":\"done\"}",
                "{\"at\":\"yesterday\",\"action\":\"resolved\",\"actor\":\"a\",\"outcome\":\"done\"}"}) {
            assertThat(AuditEntry.parse(value.getBytes(StandardCharsets.UTF_8))).as(value).isEmpty();
        }
        assertThat(AuditEntry.parse(null)).isEmpty();
        assertThat(AuditEntry.parse(new byte[] {(byte) 0xff})).isEmpty();
    }

    @Test
    void shouldReadBackWhatAnEventWrites() {
        final AuditEntry read = entry(AuditEvent.of("export", Actor.asserted("dave"), "started").with("selection", "all").toJson());

        assertThat(read.actor()).isEqualTo("dave");
        assertThat(read.source()).isEqualTo("self-asserted");
        assertThat(read.action()).isEqualTo("export");
        assertThat(read.toLine()).endsWith("export  started  selection=all");
    }

    private static List<AuditEntry> select(final AuditQuery query) {
        return List.of(ALICE, CAROL).stream().filter(query::matches).toList();
    }

    private static AuditEntry entry(final String json) {
        final Optional<AuditEntry> entry = AuditEntry.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(entry).as(json).isPresent();
        return entry.get();
    }
}
