package io.ticketsync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentNamesTest {

    @Test
    void shouldRefuseAMappingVariableWhenItsMappedValueHasASingleUnderscore() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("TICKET_SYNC_MAPPING_STATUS_WAITING_ON_CUSTOMER", "WAITING"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("environment variable TICKET_SYNC_MAPPING_STATUS_WAITING_ON_CUSTOMER is ambiguous: a single '_'"
                        + " in 'WAITING_ON_CUSTOMER' could mean '_' or '.'; write '__' for a literal underscore"
                        + " (TICKET_SYNC_MAPPING_STATUS_WAITING__ON__CUSTOMER sets 'mapping.status.waiting_on_customer'),"
                        + " or set the mapping in a --config file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TICKET_SYNC_MAPPING_PRIORITY_P_1", "TICKET_SYNC_MAPPING_STATUS_IN__PROGRESS_NOW",
            "TICKET_SYNC_MAPPING_STATUS_A___B"})
    void shouldRefuseEveryMappingFamilyWhenAnyPartHasASingleUnderscore(final String variable) {
        assertThatThrownBy(() -> EnvironmentNames.read(Map.of(variable, "X")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(variable).hasMessageContaining("'__'");
    }

    @Test
    void shouldReadDoubledUnderscoresAsLiteralOnesWhenEscaped() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("TICKET_SYNC_MAPPING_STATUS_WAITING__ON__CUSTOMER", "WAITING"),
                Map.of()).statusMapping().map("waiting_on_customer")).contains("WAITING");
    }

    @Test
    void shouldKeepSingleUnderscoresAsDotsOutsideTheMappedValue() {
        assertThat(EnvironmentNames.read(Map.of(
                "TICKET_SYNC_MAPPING_STATUS_TRIAGE", "OPEN",
                "TICKET_SYNC_SASL_JAAS_CONFIG", "x",
                "TICKET_SYNC_DLQ_SURGE_THRESHOLD", "0.5")).values())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "mapping.status.triage", "OPEN",
                        "sasl.jaas.config", "x",
                        "dlq.surge.threshold", "0.5"));
    }
}
