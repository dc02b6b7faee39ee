package io.ticketsync.deadletter.tools;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Edits of a letter's value: what they change, and every refusal with its message. */
class ValueEditTest {

    private static final byte[] LETTER = utf8("{\"ticketId\":\"T-1\",\"version\":2,\"op\":\"UPSERT\","
            + "\"changedAt\":\"2026-11-23T10:00:00Z\",\"fields\":{\"title\":\"Printer\",\"status\":\"escalated\",\"tags\":[\"a\"]}}");

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldSetAndRemoveByDottedPathAndSayWhatChanged() {
        final ValueEdit.Edited edited = ValueEdit.of(List.of("fields.status=open", "fields.tags=[\"a\",\"b\"]",
                "fields.assignee=null"), List.of("fields.title")).apply(LETTER);

        assertThat(text(edited.value())).contains("\"status\":\"open\"").contains("\"tags\":[\"a\",\"b\"]")
                .contains("\"assignee\":null").doesNotContain("title");
        assertThat(edited.diff()).containsExactly(
                "fields.assignee: (absent) -> null",
                "fields.status: \"escalated\" -> \"open\"",
                "fields.tags: [\"a\"] -> [\"a\",\"b\"]",
                "fields.title: \"Printer\" -> (absent)");
    }

    @Test
    void shouldTakeAWholeValueThatKeepsTicketIdAndVersion() {
        final ValueEdit.Edited edited = ValueEdit.whole(text(LETTER).replace("escalated", "open")).apply(LETTER);

        assertThat(edited.diff()).containsExactly("fields.status: \"escalated\" -> \"open\"");
    }

    @Test
    void shouldRefuseAValueThatIsNotAJsonObject() {
        assertThatThrownBy(() -> ValueEdit.whole("{not json")).isInstanceOf(InvalidEditException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ValueEdit.whole("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ValueEdit.of(List.of("fields.status=open"), List.of()).apply(utf8("garbage")))
                .isInstanceOf(InvalidEditException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void shouldRefusePathsThatDoNotExist() {
        assertThatThrownBy(() -> ValueEdit.of(List.of(), List.of("fields.priority")).apply(LETTER))
                .isInstanceOf(InvalidEditException.class).hasMessage("cannot remove fields.priority: it does not exist");
        assertThatThrownBy(() -> ValueEdit.of(List.of("nope.status=x"), List.of()).apply(LETTER))
                .hasMessage("cannot set nope.status: nope does not exist");
        assertThatThrownBy(() -> ValueEdit.of(List.of("op.x=1"), List.of()).apply(LETTER))
                .hasMessageContaining("op is not an object");
        assertThatThrownBy(() -> ValueEdit.of(List.of("fields..status=x"), List.of())).hasMessageContaining("not a dotted path");
        assertThatThrownBy(() -> ValueEdit.of(List.of("fields.status"), List.of())).hasMessageContaining("needs path=value");
        assertThatThrownBy(() -> ValueEdit.of(List.of(), List.of())).hasMessageContaining("nothing to edit");
    }

    @Test
    void shouldRefuseAnyChangeToTicketIdOrVersion() {
        assertThatThrownBy(() -> ValueEdit.of(List.of("version=3"), List.of())).isInstanceOf(InvalidEditException.class)
                .hasMessageContaining("version is read-only");
        assertThatThrownBy(() -> ValueEdit.of(List.of(), List.of("ticketId"))).hasMessageContaining("ticketId is read-only");
        assertThatThrownBy(() -> ValueEdit.whole(text(LETTER).replace("\"version\":2", "\"version\":3")).apply(LETTER))
                .hasMessageContaining("version is read-only: keep 2");
        assertThatThrownBy(() -> ValueEdit.whole(text(LETTER).replace("T-1", "T-2")).apply(LETTER))
                .hasMessageContaining("ticketId is read-only");
    }

    @Test
    void shouldRefuseAnEditThatChangesNothing() {
        assertThatThrownBy(() -> ValueEdit.of(List.of("fields.status=escalated"), List.of()).apply(LETTER))
                .hasMessageContaining("changes nothing");
    }
}
