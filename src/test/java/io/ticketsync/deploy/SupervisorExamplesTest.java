package io.ticketsync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's supervisor table says, per exit code, whether a supervisor restarts the process;
 * the shipped systemd unit and compose file must do what it says.
 */
class SupervisorExamplesTest {

    private static final Path UNIT = Path.of("config", "systemd", "ticket-sync.service");

    @Test
    void shouldListEveryExitCodeOnceWhenReadingTheSupervisorTable() throws Exception {
        assertThat(restartByCode().keySet()).isEqualTo(exitCodes());
    }

    @Test
    void shouldRestartUnderSystemdExactlyWhatTheTableRestarts() throws IOException {
        final Map<String, String> unit = unitSettings();
        final Set<Integer> prevented = Arrays.stream(unit.get("RestartPreventExitStatus").split("\\s+"))
                .map(Integer::parseInt).collect(Collectors.toSet());
        final Set<Integer> notRestarted = restartByCode().entrySet().stream()
                .filter(entry -> !entry.getValue() && entry.getKey() != ExitCodes.OK)
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        // on-failure restarts every non-zero exit but the prevented ones; 0 is never restarted.
        assertThat(unit.get("Restart")).isEqualTo("on-failure");
        assertThat(prevented).isEqualTo(notRestarted);
        assertThat(restartByCode().get(ExitCodes.OK)).isFalse();
        assertThat(unit.get("StartLimitIntervalSec")).as("never give up restarting").isEqualTo("0");
        assertThat(Duration.ofSeconds(Long.parseLong(unit.get("TimeoutStopSec").replace("s", ""))))
                .as("more than shutdown.timeout.ms before SIGKILL").isGreaterThan(TestConfigs.defaults().shutdownTimeout());
    }

    @Test
    void shouldRestartEveryFailedReplicaWithoutACountUnderCompose() throws IOException {
        final JsonNode app = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile())
                .path("services").path("ticket-sync");

        // A count (on-failure:3) would leave a replica down for good after three exits of any kind.
        assertThat(app.path("restart").asText()).isEqualTo("on-failure");
    }

    /** Exit code → whether the table says to restart. */
    private static Map<Integer, Boolean> restartByCode() throws IOException {
        final String readme = Files.readString(Path.of("README.md"));
        final String table = readme.substring(readme.indexOf("<!-- supervisor:begin -->"),
                readme.indexOf("<!-- supervisor:end -->"));
        final Map<Integer, Boolean> restart = new TreeMap<>();
        table.lines().filter(line -> line.matches("\\| \\d+ \\|.*")).forEach(line -> {
            final String[] cells = line.split("\\|");
            final Boolean previous = restart.put(Integer.parseInt(cells[1].trim()), parseYesNo(cells[2].trim()));
            assertThat(previous).as("code " + cells[1].trim() + " listed once").isNull();
        });
        return restart;
    }

    private static boolean parseYesNo(final String cell) {
        assertThat(cell).isIn("yes", "no");
        return cell.equals("yes");
    }

    private static Set<Integer> exitCodes() throws IllegalAccessException {
        final Set<Integer> codes = new TreeSet<>();
        for (final Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                codes.add(field.getInt(null));
            }
        }
        return codes;
    }

    private static Map<String, String> unitSettings() throws IOException {
        return Files.readAllLines(UNIT).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("[") && line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (a, b) -> b, TreeMap::new));
    }
}
