package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who an audit event names, and how that is marked. */
class ActorAuditEventTest {

    private final String userName = System.getProperty("user.name");

    @AfterEach
    void restoreUserName() {
        System.setProperty("user.name", userName);
    }

    @Test
    void shouldMarkANameGivenWithActorAsSelfAssertedWhenItIsShownAndAudited() throws Exception {
        final Actor alice = Actor.asserted("alice");

        assertThat(alice.display()).isEqualTo("alice (self-asserted)");
        final JsonNode event = Json.MAPPER.readTree(AuditEvent.of("resolve", alice, "done").toJson());
        assertThat(event.get("actor").asText()).isEqualTo("alice");
        assertThat(event.get("actorSource").asText()).isEqualTo("self-asserted");
        assertThat(event.has("email")).isFalse();
        assertThat(event.has("roles")).isFalse();
    }

    @Test
    void shouldNameTheOperatingSystemUserAtThisHostWhenNoActorIsGiven() throws Exception {
        System.setProperty("user.name", "bob");
        final Actor shell = Actor.shell();

        assertThat(shell.id()).startsWith("bob@").hasSizeGreaterThan("bob@".length());
        assertThat(shell.display()).isEqualTo(shell.id());
        assertThat(Json.MAPPER.readTree(AuditEvent.of("replay", shell, "started").toJson()).get("actorSource").asText())
                .isEqualTo("os");
    }

    @Test
    void shouldRefuseAnActionByNobodyWhenTheNameIsBlankOrTheUserUnknown() {
        assertThatThrownBy(() -> Actor.asserted("  ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
        System.setProperty("user.name", "");
        assertThatThrownBy(Actor::shell).isInstanceOf(IllegalStateException.class).hasMessageContaining("--actor");
    }

    @Test
    void shouldRecordTheSignedInPersonsEmailAndRolesWhenTheyHaveThem() throws Exception {
        final Actor carol = Actor.signedIn("sub-123", Optional.of("carol@example.com"), List.of("viewer", "operator"));

        final AuditEvent event = AuditEvent.of("view-value", carol, "done").with("letter", "0@12").with("note", "a\nb");
        final JsonNode json = Json.MAPPER.readTree(event.toJson());
        assertThat(json.get("actor").asText()).isEqualTo("sub-123");
        assertThat(json.get("actorSource").asText()).isEqualTo("oidc");
        assertThat(json.get("email").asText()).isEqualTo("carol@example.com");
        assertThat(json.get("roles").asText()).isEqualTo("viewer,operator");
        assertThat(event.actor()).isEqualTo("sub-123");
        assertThat(event.toJson()).as("one line, whatever a note holds").doesNotContain("\n");
        assertThat(carol.display()).isEqualTo("carol@example.com");
    }
}
