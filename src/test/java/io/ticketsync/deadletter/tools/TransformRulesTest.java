package io.ticketsync.deadletter.tools;

import io.ticketsync.codec.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformRulesTest {

    private static final String LETTER = "{\"ticketId\":\"T-1\",\"version\":3,\"op\":\"UPSERT\","
            + "\"fields\":{\"status\":\"escalated\",\"priority\":\"low\",\"assignee\":\"ann\",\"tags\":[\"a\"]}}";

    @Test
    void oneLineMapChangesOnlyTheMatchingValue() throws Exception {
        final Transformed done = TransformRules.parse("fields.status: escalated -> open\n").apply(bytes(LETTER));
        assertThat(done.kind()).isEqualTo(Transformed.Kind.CHANGED);
        assertThat(Json.MAPPER.readTree(done.value()).at("/fields/status").asText()).isEqualTo("open");
        assertThat(Json.MAPPER.readTree(done.value()).get("version").asLong()).isEqualTo(3);
        assertThat(done.changes()).containsExactly("fields.status: \"escalated\" -> \"open\"");
        assertThat(TransformRules.parse("fields.status: pending -> open").apply(bytes(LETTER)).kind())
                .isEqualTo(Transformed.Kind.UNCHANGED);
    }

    @Test
    void everyOperationInFileOrder() throws Exception {
        final TransformRules rules = TransformRules.parse(String.join("\n",
                "# tidy up",
                "set: {fields.priority: high, fields.channel.name: mail, fields.count: 2}",
                "remove: [fields.tags, fields.nothing]",
                "rename: {fields.assignee: fields.owner}",
                "map:",
                "  fields.status: {escalated: open, pending: waiting}"));
        final Transformed done = rules.apply(bytes(LETTER));
        assertThat(done.kind()).isEqualTo(Transformed.Kind.CHANGED);
        assertThat(new String(done.value(), StandardCharsets.UTF_8)).isEqualTo("{\"ticketId\":\"T-1\",\"version\":3,"
                + "\"op\":\"UPSERT\",\"fields\":{\"status\":\"open\",\"priority\":\"high\",\"channel\":{\"name\":\"mail\"},"
                + "\"count\":2,\"owner\":\"ann\"}}");
        assertThat(done.changes()).containsExactly(
                "fields.priority: \"low\" -> \"high\"",
                "fields.channel.name: (absent) -> \"mail\"",
                "fields.count: (absent) -> 2",
                "fields.tags: [\"a\"] -> (removed)",
                "fields.assignee: \"ann\" -> (renamed to fields.owner)",
                "fields.owner: (absent) -> \"ann\"",
                "fields.status: \"escalated\" -> \"open\"");
        assertThat(rules.hash()).hasSize(12).isEqualTo(TransformRules.parse(rules.text()).hash());
    }

    @Test
    void jsonAndListsOfStepsReadToo() throws Exception {
        final Transformed json = TransformRules.parse("{\"map\": {\"fields.status\": {\"escalated\": \"open\"}}}").apply(bytes(LETTER));
        assertThat(Json.MAPPER.readTree(json.value()).at("/fields/status").asText()).isEqualTo("open");
        final Transformed listed = TransformRules.parse("- rename: {fields.status: fields.state}\n"
                + "- rename: {fields.state: fields.status2}\n").apply(bytes(LETTER));
        assertThat(Json.MAPPER.readTree(listed.value()).at("/fields/status2").asText()).isEqualTo("escalated");
    }

    @Test
    void aValueAlreadySetIsNoChange() {
        assertThat(TransformRules.parse("set: {version2: 3, fields.priority: low}").apply(bytes("{\"version2\":3,"
                + "\"fields\":{\"priority\":\"low\"}}")).kind()).isEqualTo(Transformed.Kind.UNCHANGED);
    }

    @Test
    void absentFieldsAreNotAnErrorForTheLetter() {
        final TransformRules rules = TransformRules.parse("remove: fields.missing\nrename: {nope.a: nope.b}\n"
                + "map: {fields.resolution: {x: y}}\n");
        assertThat(rules.apply(bytes(LETTER)).kind()).isEqualTo(Transformed.Kind.UNCHANGED);
    }

    @Test
    void valuesThatAreNotObjectsCannotBeTransformed() {
        final TransformRules rules = TransformRules.parse("set: {fields.status: open}");
        assertThat(rules.apply(bytes("[1,2]")).why()).isEqualTo("the value is not a JSON object");
        assertThat(rules.apply(bytes("ticket T-1 changed")).why()).isEqualTo("the value is not JSON");
        assertThat(rules.apply(null).kind()).isEqualTo(Transformed.Kind.NOT_TRANSFORMABLE);
        assertThat(rules.apply(bytes("{\"ticketId\":\"T-1\",\"fields\":\"flat\"}")).why()).isEqualTo("fields is not an object");
    }

    @Test
    void refusesWithTheLineAndTheReason() {
        refused("map: {fields.status: {a: b}}\nfrobnicate: {fields.x: 1}\n", 2, "unknown operation 'frobnicate'");
        refused("set:\n  fields.status: open\n  version: 9\n", 3, "'version' is read-only");
        refused("rename: {fields.id: ticketId}\n", 1, "'ticketId' is read-only");
        refused("remove:\n  - fields.tags\n  - fields..x\n", 3, "'fields..x' is not a dotted field path");
        refused("map:\n  fields[0].status: {a: b}\n", 2, "not a dotted field path");
        refused("fields.status: escalated -> open -> closed\n", 1, "one arrow");
        refused("fields.status: open\n", 1, "unknown operation 'fields.status'");
        refused("set: [fields.status]\n", 1, "set takes a mapping");
        refused("set: {fields.tags: [a, b]}\n", 1, "must be text, a number");
        refused("# nothing\n", 1, "expected a mapping of operations");
        refused("set: {}\n", 1, "set takes a mapping");
        refused("set: {fields.a: 1}\nset: {fields.b: 2}\n", 2, "appears twice");
        refused("set: {fields.a: 1\nremove: x\n", 2, "not valid YAML");
        refused("{\"set\": {\"fields.a\": 1},\n \"remove\": }", 2, "not valid JSON");
    }

    private static void refused(final String text, final int line, final String reason) {
        assertThatThrownBy(() -> TransformRules.parse(text)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("line " + line + ":").hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidRulesException) e).line()).isEqualTo(line));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
