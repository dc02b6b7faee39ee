package io.ticketsync;

import io.ticketsync.cli.Main;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.Defaults;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Holds docs/contract.md to the code, in both directions: every table between
 * {@code <!-- contract:NAME:begin -->} and {@code <!-- contract:NAME:end -->} lists exactly what the
 * code defines, nothing missing and nothing extra.
 */
class ContractDocumentTest {

    private static final Path CONTRACT = Path.of("docs", "contract.md");
    /** How the contract writes a key family: {@code mapping.status.<source>}. */
    private static final String PREFIX_PLACEHOLDER = "<source>";
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern SEPARATOR_ROW = Pattern.compile("\\|[\\s:|-]+\\|");
    /** A cell boundary: a pipe not escaped as {@code \|}. */
    private static final Pattern CELL_BOUNDARY = Pattern.compile("(?<!\\\\)\\|");

    @Test
    void shouldListEveryReasonWithExactlyItsStagesWhenReadingTheReasonTable() throws IOException {
        final Map<String, Set<ErrorStage>> documented = new TreeMap<>();
        for (final List<String> row : table("reasons")) {
            assertThat(row.get(0)).as("stage of %s", row).isIn(names(ErrorStage.values()));
            assertThat(row.get(2)).as("meaning of %s", row).isNotBlank();
            final boolean added = documented.computeIfAbsent(code(row.get(1)), code -> EnumSet.noneOf(ErrorStage.class))
                    .add(ErrorStage.valueOf(row.get(0)));
            assertThat(added).as("%s is listed once", row).isTrue();
        }

        final Map<String, Set<ErrorStage>> expected = new TreeMap<>();
        for (final Reason reason : Reason.values()) {
            expected.put(reason.code(), reason.stages());
        }
        assertThat(documented).isEqualTo(expected);
    }

    @Test
    void shouldListExactlyTheExitCodeConstantsWhenReadingTheExitCodeTable() throws Exception {
        final Map<Integer, String> documented = new TreeMap<>();
        for (final List<String> row : table("exit-codes")) {
            assertThat(row.get(2)).as("meaning of %s", row).isNotBlank();
            assertThat(documented.put(Integer.parseInt(row.get(0)), code(row.get(1)))).as("code %s listed once", row.get(0)).isNull();
        }

        assertThat(documented).isEqualTo(exitCodeConstants());
    }

    @Test
    void shouldDocumentTheCodeTheCliReturnsWhenAskedForHelpOrGivenBadInput() throws Exception {
        // Picocli answers these itself, without our ExitCodes; they must still be documented codes.
        final Set<Integer> documented = table("exit-codes").stream().map(row -> Integer.parseInt(row.get(0)))
                .collect(Collectors.toSet());

        assertThat(runCli("--help")).isEqualTo(ExitCodes.OK).isIn(documented);
        assertThat(runCli("no-such-command")).isEqualTo(ExitCodes.USAGE).isIn(documented);
        assertThat(runCli("topology", "--no-such-option")).isEqualTo(ExitCodes.USAGE).isIn(documented);
    }

    @Test
    void shouldListEveryOwnKeyAndKeyFamilyWhenReadingTheConfigurationTable() throws IOException {
        final Set<String> expected = new HashSet<>(ConfigKeys.OWN_KEYS);
        ConfigKeys.OWN_PREFIXES.forEach(prefix -> expected.add(prefix + PREFIX_PLACEHOLDER));

        assertThat(configTable().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldDocumentTheBundledDefaultWhenTheDefaultsFileSetsTheKey() throws IOException {
        final Map<String, String> defaults = Defaults.load();

        for (final String key : ConfigKeys.OWN_KEYS) {
            final String cell = configTable().get(key);
            assertThat(cell).as("row of %s", key).isNotNull();
            if (defaults.containsKey(key)) {
                assertThat(listed(code(cell))).as("default of %s", key).isEqualTo(listed(defaults.get(key)));
            } else {
                assertThat(cell).as("%s has no value in config/ticket-sync.properties", key).startsWith("unset");
            }
        }
    }

    @Test
    void shouldDocumentEverySampleEntryAndNoDefaultWhenAKeyFamilyIsAMapping() throws IOException {
        final Map<String, String> samples = Defaults.sampleMappings();

        for (final String prefix : ConfigKeys.OWN_PREFIXES) {
            assertThat(Defaults.load().keySet()).as("the defaults map nothing: mappings are the operator's")
                    .noneMatch(key -> key.startsWith(prefix));
            final Map<String, String> bundled = new TreeMap<>();
            samples.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    bundled.put(key.substring(prefix.length()), value);
                }
            });
            final Map<String, String> documented = new TreeMap<>();
            for (final String entry : codes(configTable().get(prefix + PREFIX_PLACEHOLDER))) {
                final String[] sourceAndTarget = entry.split("=", 2);
                assertThat(sourceAndTarget).as("'%s' is written source=TARGET", entry).hasSize(2);
                assertThat(documented.put(sourceAndTarget[0], sourceAndTarget[1])).as("%s listed once", entry).isNull();
            }

            assertThat(documented).as("samples of %s%s", prefix, PREFIX_PLACEHOLDER).isEqualTo(bundled);
        }
    }

    @Test
    void shouldListEveryDeadLetterHeaderWhenReadingTheHeaderTable() throws IOException {
        final Map<String, String> whenByHeader = new TreeMap<>();
        for (final List<String> row : table("headers")) {
            assertThat(whenByHeader.put(code(row.get(0)), row.get(2))).as("%s listed once", row.get(0)).isNull();
        }
        final Set<String> expected = new HashSet<>(DeadLetterHeaders.ALL);
        expected.add(DeadLetterHeaders.TRACEPARENT);
        expected.add(DeadLetter.REPLAY_COUNT_HEADER);
        expected.add(io.ticketsync.deadletter.tools.TransformRules.HEADER);

        assertThat(whenByHeader.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        DeadLetterHeaders.CONDITIONAL.forEach(header ->
                assertThat(whenByHeader.get(header)).as("when %s is set", header).isNotEqualTo("always"));
    }

    /** The public static int constants of {@link ExitCodes}, by value. */
    private static Map<Integer, String> exitCodeConstants() throws IllegalAccessException {
        final Map<Integer, String> constants = new TreeMap<>();
        for (final Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                assertThat(constants.put(field.getInt(null), field.getName())).as("%s has its own code", field.getName()).isNull();
            }
        }
        return constants;
    }

    private static int runCli(final String... args) {
        return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    /** Key (or key family) to its default cell. */
    private static Map<String, String> configTable() throws IOException {
        final Map<String, String> byKey = new TreeMap<>();
        for (final List<String> row : table("config")) {
            assertThat(row.get(2)).as("meaning of %s", row).isNotBlank();
            assertThat(byKey.put(code(row.get(0)), row.get(1))).as("%s listed once", row.get(0)).isNull();
        }
        return byKey;
    }

    /**
     * The body rows of the table between the markers, as trimmed cells ({@code \|} inside a cell is
     * a literal pipe); the header row and the separator row are left out.
     */
    private static List<List<String>> table(final String name) throws IOException {
        final String document = Files.readString(CONTRACT);
        final String begin = "<!-- contract:" + name + ":begin -->";
        final String end = "<!-- contract:" + name + ":end -->";
        assertThat(document.indexOf(begin)).as("%s appears once", begin).isNotNegative().isEqualTo(document.lastIndexOf(begin));
        assertThat(document.indexOf(end)).as("%s appears once after %s", end, begin)
                .isGreaterThan(document.indexOf(begin)).isEqualTo(document.lastIndexOf(end));
        final List<String> lines = document.substring(document.indexOf(begin) + begin.length(), document.indexOf(end))
                .lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        assertThat(lines).as("table %s", name).hasSizeGreaterThan(2).allMatch(line -> line.startsWith("|") && line.endsWith("|"));
        assertThat(lines.get(1)).as("separator row of table %s", name).matches(SEPARATOR_ROW);
        final int width = cells(lines.get(0)).size();
        final List<List<String>> rows = new ArrayList<>();
        for (final String line : lines.subList(2, lines.size())) {
            final List<String> cells = cells(line);
            assertThat(cells).as("cells of '%s'", line).hasSize(width);
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> cells(final String line) {
        return Arrays.stream(CELL_BOUNDARY.split(line.substring(1, line.length() - 1), -1))
                .map(cell -> cell.replace("\\|", "|").strip()).toList();
    }

    /** The cell's one code span: {@code `x`} gives {@code x}. */
    private static String code(final String cell) {
        final List<String> codes = codes(cell);
        if (codes.size() != 1 || !cell.equals("`" + codes.get(0) + "`")) {
            fail("expected exactly one `code` span, got '%s'", cell);
        }
        return codes.get(0);
    }

    private static List<String> codes(final String cell) {
        final List<String> codes = new ArrayList<>();
        final Matcher matcher = CODE_SPAN.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** A comma-separated value as the parsers read it: spaces around the commas do not count. */
    private static String listed(final String value) {
        return value.strip().replaceAll("\\s*,\\s*", ",");
    }

    private static List<String> names(final Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
