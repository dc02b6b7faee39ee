package io.ticketsync.it;

import io.ticketsync.cli.Main;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditTrail;
import io.ticketsync.deadletter.tools.AuditUnavailableException;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.RequiredAcl;
import io.ticketsync.cluster.StartupCheckException;
import io.ticketsync.cluster.TopicCheck;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.AuthorizingBroker;
import io.ticketsync.testing.CommittedReads;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TestProducers;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ticket-sync on a broker that authorizes (KRaft StandardAuthorizer, SASL/SCRAM): with exactly the
 * ACLs of {@link AclPlan} each command works under exactly_once_v2; with any one of them taken away
 * it fails, at startup with exit 4 naming the permission where the Admin API can prove it, or loudly
 * (a non-zero exit, never RUNNING with green health) where only the running pipeline meets it.
 */
@Tag("integration")
@Timeout(600)
class LeastPrivilegeIT {

    private static final String PRINCIPAL = "User:sync";
    private static final String PASSWORD = "sync-scram-secret-123";
    private static final AtomicInteger APPS = new AtomicInteger();
    /** Names the parameters: the plans for a placeholder application (each test maps them onto its own). */
    private static final TicketSyncConfig PLAN_CONFIG = TestConfigs.with(Map.of("application.id", "lp-plan"));

    @TempDir
    static Path dir;
    private static AuthorizingBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = AuthorizingBroker.start(dir.resolve("broker"));
        broker.addUser("sync", PASSWORD);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void shouldSyncServeTicketsAndRunTheDlqToolsAndConsoleWithExactlyThePlannedAcls() throws Exception {
        final TicketSyncConfig config = freshApp(Map.of("console.password", "console-password-for-acls", "console.port", "0"));
        broker.grantExactly(PRINCIPAL, bindings(AclPlan.RUN.acls(config)));
        produce(config, TicketChangeBuilder.upsert("T-1", 1).bytes(), "{ not json".getBytes(StandardCharsets.UTF_8));
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            Await.until("T-1 in the output and the bad record in the DLQ", () ->
                    CommittedReads.readAll(broker.adminBootstrapServers(), config.topics().output()).size()
                            + CommittedReads.readAll(broker.adminBootstrapServers(), config.topics().deadLetter()).size(),
                    count -> count == 2, Duration.ofSeconds(60));
            assertThat(app.http().awaitGet("/tickets/T-1", response -> response.statusCode() == 200, Duration.ofSeconds(30))
                    .body()).contains("T-1");
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }

        broker.grantExactly(PRINCIPAL, bindings(AclPlan.DLQ_INSPECT.acls(config)));
        final CommandResult inspect = command(config, "dlq", "inspect");
        assertThat(inspect.exitCode()).as(inspect.err()).isEqualTo(ExitCodes.OK);
        assertThat(inspect.out()).contains("invalid-json");

        broker.grantExactly(PRINCIPAL, bindings(AclPlan.CONSOLE.acls(config)));
        new TopicCheck(config, AclPlan.CONSOLE).verify();
        try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
            Await.until("the console to index the dead letter", console::progress,
                    progress -> progress.caughtUp() && progress.indexed() == 1, Duration.ofSeconds(30));
        }

        broker.grantExactly(PRINCIPAL, bindings(AclPlan.DLQ_REPLAY.acls(config)));
        final CommandResult replay = command(config, "dlq", "replay");
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.out()).contains("sent: 1");

        broker.grantExactly(PRINCIPAL, bindings(AclPlan.DLQ_RESOLVE.acls(config)));
        final CommandResult resolve = command(config, "dlq", "resolve", "--include-closed", "--all", "--note", "checked");
        assertThat(resolve.exitCode()).as(resolve.err()).isEqualTo(ExitCodes.OK);
        assertThat(resolve.out()).contains("Marked 1 dead letters RESOLVED");

        broker.grantExactly(PRINCIPAL, bindings(AclPlan.DLQ_EXPORT.acls(config)));
        final CommandResult export = command(config, "dlq", "export", "--include-closed",
                "--output", dir.resolve(config.applicationId() + ".jsonl").toString());
        assertThat(export.exitCode()).as(export.err()).isEqualTo(ExitCodes.OK);

        broker.grantExactly(PRINCIPAL, bindings(AclPlan.AUDIT.acls(config)));
        final CommandResult audit = command(config, "audit", "--outcome", "done");
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.OK);
        assertThat(audit.out().lines().map(line -> line.split(" {2}")[5]).toList())
                .as("every audited command wrote its record with exactly its ACLs")
                .containsExactly("replay", "resolved", "export");
    }

    /**
     * Without WRITE on the audit topic an action is refused at startup (exit 4, named); should the
     * permission go while a command or the console runs, the trail refuses the record at once,
     * saying so, and never hangs the action.
     */
    @Test
    void shouldRefuseTheRecordNotHangWhenTheAuditWriteIsTakenAway() throws Exception {
        final TicketSyncConfig config = freshApp(Map.of("startup.timeout.ms", "10000"));
        final RequiredAcl auditWrite = AclPlan.DLQ_RESOLVE.acls(config).stream()
                .filter(acl -> acl.name().equals(config.topics().audit())).findFirst().orElseThrow();
        broker.grantExactly(PRINCIPAL, bindings(without(AclPlan.DLQ_RESOLVE.acls(config), auditWrite)));

        final long started = System.nanoTime();
        try (AuditTrail trail = AuditTrail.open(config)) {
            assertThatThrownBy(() -> trail.info(AuditEvent.of("resolved", Actor.asserted("alice"), "started")))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessageContaining("audit trail could not record resolved").hasMessageContaining(config.topics().audit());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AuditTrail.ACK_TIMEOUT.multipliedBy(2));
        final CommandResult resolve = command(config, "dlq", "resolve", "--all");
        assertThat(resolve.exitCode()).as(resolve.err()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(resolve.err()).contains(auditWrite.describe());
    }

    static Stream<RequiredAcl> runAcls() {
        return AclPlan.RUN.acls(PLAN_CONFIG).stream();
    }

    /**
     * Each ACL of {@code run} taken away in turn, on a first start: exit 4 naming it, except READ and
     * WRITE on the internal topics, which cannot be proven before the changelog exists; without them
     * the pipeline fails on its first restore or write, and the fatal authorization error exits 5.
     */
    @ParameterizedTest
    @MethodSource("runAcls")
    void shouldRefuseOrFailLoudlyWithoutAnyOneRunAcl(final RequiredAcl template) throws Exception {
        final TicketSyncConfig config = freshApp(Map.of("startup.timeout.ms", "10000"));
        final RequiredAcl removed = sameIn(AclPlan.RUN, config, template);
        broker.grantExactly(PRINCIPAL, bindings(without(AclPlan.RUN.acls(config), removed)));
        produce(config, TicketChangeBuilder.upsert("T-1", 1).bytes());
        final boolean onlyThePipelineCanTell = removed.resourceType() == ResourceType.TOPIC
                && removed.patternType() == PatternType.PREFIXED && removed.operation() != AclOperation.CREATE;
        assertThat(runUntilExit(config)).as("exit code without " + removed.describe())
                .isEqualTo(onlyThePipelineCanTell ? ExitCodes.STREAMS_FAILED : ExitCodes.STARTUP_CHECK_FAILED);
        if (!onlyThePipelineCanTell) {
            assertThatThrownBy(() -> new TopicCheck(config, AclPlan.RUN).verify())
                    .isInstanceOf(StartupCheckException.class).hasMessageContaining(removed.describe());
        }
    }

    /** Once the changelog exists, the broker reports its operations, and the startup check catches those too. */
    @Test
    void shouldCatchAMissingChangelogAclAtStartupOnceTheChangelogExists() throws Exception {
        final TicketSyncConfig config = freshApp(Map.of("startup.timeout.ms", "10000"));
        final List<RequiredAcl> acls = AclPlan.RUN.acls(config);
        broker.grantExactly(PRINCIPAL, bindings(acls));
        produce(config, TicketChangeBuilder.upsert("T-1", 1).bytes());
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            Await.until("T-1 in the output", () -> CommittedReads.readAll(broker.adminBootstrapServers(),
                    config.topics().output()).size(), count -> count == 1, Duration.ofSeconds(60));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
        final RequiredAcl changelogRead = acls.stream().filter(acl -> acl.patternType() == PatternType.PREFIXED
                && acl.resourceType() == ResourceType.TOPIC && acl.operation() == AclOperation.READ).findFirst().orElseThrow();
        broker.grantExactly(PRINCIPAL, bindings(without(acls, changelogRead)));
        assertThat(runUntilExit(config)).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThatThrownBy(() -> new TopicCheck(config, AclPlan.RUN).verify()).hasMessageContaining(changelogRead.describe());
    }

    static Stream<Arguments> dlqToolAcls() {
        return Stream.of(AclPlan.DLQ_INSPECT, AclPlan.DLQ_EXPORT, AclPlan.DLQ_RESOLVE, AclPlan.DLQ_REPLAY, AclPlan.DLQ_EDIT,
                        AclPlan.AUDIT, AclPlan.BRAKE_RELEASE)
                .flatMap(plan -> plan.acls(PLAN_CONFIG).stream().map(acl -> Arguments.of(plan, acl)));
    }

    /** The DLQ tools, audit and brake release check their whole plan before they read anything: each missing ACL is exit 4, named. */
    @ParameterizedTest
    @MethodSource("dlqToolAcls")
    void shouldRefuseADlqToolWithoutAnyOneOfItsAcls(final AclPlan plan, final RequiredAcl template) throws Exception {
        final TicketSyncConfig config = freshApp(Map.of("startup.timeout.ms", "10000"));
        final RequiredAcl removed = sameIn(plan, config, template);
        broker.grantExactly(PRINCIPAL, bindings(without(plan.acls(config), removed)));
        // Without a filter, resolve needs --all, a release needs its note, an edit its letter, its change and an
        // instance to check with (else exit 2 or 3 before any check; nothing listens at the edit's URL).
        final String[] args = plan == AclPlan.DLQ_RESOLVE ? new String[] {"dlq", "resolve", "--all"}
                : plan == AclPlan.BRAKE_RELEASE ? new String[] {"brake", "release", "--note", "checked"}
                : plan == AclPlan.DLQ_EDIT ? new String[] {"dlq", "edit", "--id", "0@0", "--set-field", "fields.status=open",
                        "--set", "dlq.check.url=http://127.0.0.1:1"}
                : plan.command().split(" ");
        final CommandResult result = command(config, args);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(result.err()).contains(removed.describe());
    }

    private static int runUntilExit(final TicketSyncConfig config) throws Exception {
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            return app.awaitExit(Duration.ofSeconds(90));
        }
    }

    private static TicketSyncConfig freshApp(final Map<String, String> overrides) throws Exception {
        final String name = "lp-" + APPS.incrementAndGet();
        final Map<String, String> settings = new HashMap<>(broker.clientSettings("sync", PASSWORD));
        settings.putAll(overrides);
        final TicketSyncConfig config = TestConfigs.forBroker(settings.remove("bootstrap.servers"), name,
                dir.resolve(name), settings);
        try (Admin admin = broker.admin()) {
            admin.createTopics(TopicLayout.newTopics(config.topics(), (short) 1)).all().get();
        }
        return config;
    }

    /** The ACL at {@code template}'s place in {@code plan} for {@code config}'s application and topics. */
    private static RequiredAcl sameIn(final AclPlan plan, final TicketSyncConfig config, final RequiredAcl template) {
        final int index = plan.acls(PLAN_CONFIG).indexOf(template);
        return plan.acls(config).get(index);
    }

    private static List<RequiredAcl> without(final List<RequiredAcl> acls, final RequiredAcl removed) {
        final List<RequiredAcl> rest = new ArrayList<>(acls);
        assertThat(rest.remove(removed)).isTrue();
        return rest;
    }

    private static List<AclBinding> bindings(final List<RequiredAcl> acls) {
        return acls.stream().map(acl -> acl.binding(PRINCIPAL)).toList();
    }

    private static void produce(final TicketSyncConfig config, final byte[]... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TestProducers.inOrder(broker.adminBootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final byte[] value : values) {
                producer.send(new ProducerRecord<>(config.topics().input(), "T-1".getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }
    }

    private record CommandResult(int exitCode, String out, String err) {
    }

    /** Runs a ticket-sync command in this JVM as the principal under test. */
    private static CommandResult command(final TicketSyncConfig config, final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        config.raw().forEach((key, value) -> {
            all.add("--set");
            all.add(key + "=" + value);
        });
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new CommandResult(exit, out.toString(), err.toString());
    }
}
