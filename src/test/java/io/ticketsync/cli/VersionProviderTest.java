package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class VersionProviderTest {

    @Test
    void shouldPrintThePomVersionAndTheCommitWhenTheBuildFilteredThem() throws IOException {
        final StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version"))
                .isEqualTo(ExitCodes.OK);

        // The project's own version: the first <version> after the project's artifactId.
        final Matcher pom = Pattern.compile("<artifactId>ticket-sync</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();
        assertThat(out.toString().strip())
                .matches("ticket-sync " + Pattern.quote(pom.group(1)) + " \\(commit ([0-9a-f]{40}|unknown)\\)");
    }

    @Test
    void shouldSayUnknownWhenTheBuildHadNoCommit() {
        final Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        build.setProperty("commit", "${git.commit}");

        assertThat(VersionProvider.value(build, "version")).isEqualTo("1.2.3");
        assertThat(VersionProvider.value(build, "commit")).isEqualTo(VersionProvider.UNKNOWN);
        build.setProperty("commit", " ");
        assertThat(VersionProvider.value(build, "commit")).isEqualTo(VersionProvider.UNKNOWN);
    }
}
