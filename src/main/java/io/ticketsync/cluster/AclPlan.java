package io.ticketsync.cluster;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The least-privilege ACLs of each command, derived from the configuration: the one list that the
 * startup check verifies, {@code ticket-sync acls} prints as {@code kafka-acls.sh} commands, the
 * README shows and the authorizer test grants (and takes away, one at a time).
 */
public enum AclPlan {

    RUN("run") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            final String internal = config.applicationId() + "-";
            final String changelog = TopicLayout.changelog(config.applicationId());
            return List.of(
                    literal(ResourceType.TOPIC, config.topics().input(), AclOperation.READ, "the input topic: consume ticket changes"),
                    literal(ResourceType.TOPIC, config.topics().replay(), AclOperation.READ,
                            "the replay topic: consume replayed, edited and transformed dead letters"),
                    literal(ResourceType.TOPIC, config.topics().output(), AclOperation.WRITE, "the output topic: write synced tickets"),
                    literal(ResourceType.TOPIC, config.topics().deadLetter(), AclOperation.WRITE, "the dead-letter topic: write dead letters"),
                    prefixed(ResourceType.TOPIC, internal, AclOperation.CREATE, changelog,
                            "create the state store's changelog topic (until it exists)"),
                    prefixed(ResourceType.TOPIC, internal, AclOperation.READ, changelog, "restore the state store from its changelog"),
                    prefixed(ResourceType.TOPIC, internal, AclOperation.WRITE, changelog, "write the state store's changelog"),
                    literal(ResourceType.GROUP, config.applicationId(), AclOperation.READ,
                            "the consumer group: join it and commit offsets"),
                    prefixed(ResourceType.TRANSACTIONAL_ID, internal, AclOperation.WRITE, internal + "access-check",
                            "exactly_once_v2 transactions (one transactional id per stream thread)"),
                    readControl(config),
                    writeControl(config));
        }
    },

    BRAKE_STATUS("brake status") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return List.of(readControl(config));
        }
    },

    BRAKE_RELEASE("brake release") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return List.of(readControl(config), writeControl(config), writeAudit(config));
        }
    },

    DLQ_INSPECT("dlq inspect") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return List.of(readDeadLetters(config), readResolutions(config));
        }
    },

    /** What inspect reads, and the audit trail: an export hands letters' values out. */
    DLQ_EXPORT("dlq export") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return List.of(readDeadLetters(config), readResolutions(config), writeAudit(config));
        }
    },

    /** Also {@code dlq discard}. */
    DLQ_RESOLVE("dlq resolve") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            final List<RequiredAcl> acls = new ArrayList<>(List.of(readDeadLetters(config), readResolutions(config),
                    writeResolutions(config)));
            acls.addAll(writerAcls(config));
            return withAudit(acls, config);
        }
    },

    DLQ_REPLAY("dlq replay") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return withAudit(replayAcls(config), config);
        }
    },

    /** One letter, edited, to the replay topic, marked REPLAYED in the same transaction under the writer lease. */
    DLQ_EDIT("dlq edit") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            final List<RequiredAcl> acls = new ArrayList<>(List.of(readDeadLetters(config), readResolutions(config),
                    writeResolutions(config), writeReplayTopic(config)));
            acls.addAll(writerAcls(config));
            return withAudit(acls, config);
        }
    },

    /**
     * The console reads, resolves, exports, replays and edits, shows and releases the brake, and
     * records sign-ins and views.
     */
    CONSOLE("console") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return withAudit(replayAcls(config), config);
        }
    },

    /** Reads the audit trail; writes nothing. */
    AUDIT("audit") {
        @Override
        public List<RequiredAcl> acls(final TicketSyncConfig config) {
            return List.of(literal(ResourceType.TOPIC, config.topics().audit(), AclOperation.READ,
                    "the audit topic: read who did what"));
        }
    };

    private final String command;

    AclPlan(final String command) {
        this.command = command;
    }

    public abstract List<RequiredAcl> acls(TicketSyncConfig config);

    /** Whether the command reads the decisions about dead letters (then the resolutions topic must be compacted). */
    public boolean readsDecisions(final TicketSyncConfig config) {
        return acls(config).contains(readResolutions(config));
    }

    /** The command as typed, e.g. "dlq replay". */
    public String command() {
        return command;
    }

    /**
     * Parses a command as the README names it: "run", "dlq-inspect" or "dlq inspect", ...; a
     * command that shares another's ACLs ("dlq-discard") maps to that plan.
     *
     * @throws IllegalArgumentException naming the command and every valid name
     */
    public static AclPlan of(final String command) {
        final AclPlan plan = byName().get(String.join("-", command.trim().toLowerCase(Locale.ROOT).split("[\\s-]+")));
        if (plan == null) {
            throw new IllegalArgumentException("unknown command '" + command + "'; choose from " + String.join(", ", names()));
        }
        return plan;
    }

    /** Every name {@link #of} accepts, in the dashed form, commands and their aliases. */
    public static List<String> names() {
        return List.copyOf(byName().keySet());
    }

    private static Map<String, AclPlan> byName() {
        final Map<String, AclPlan> names = new LinkedHashMap<>();
        for (final AclPlan plan : values()) {
            names.put(plan.command.replace(' ', '-'), plan);
        }
        // discard writes a decision, as resolve does.
        names.put("dlq-discard", DLQ_RESOLVE);
        return names;
    }

    private static List<RequiredAcl> replayAcls(final TicketSyncConfig config) {
        final String replay = config.applicationId() + "-dlq-replay-";
        final List<RequiredAcl> acls = new ArrayList<>(List.of(
                readDeadLetters(config),
                readResolutions(config),
                writeResolutions(config),
                // The replay topic, not the input: the input's other consumers must not see letters twice.
                writeReplayTopic(config),
                prefixed(ResourceType.GROUP, replay, AclOperation.READ, replay + "access-check",
                        "the replay's consumer groups (one per selection): keep its progress")));
        acls.addAll(writerAcls(config));
        return List.copyOf(acls);
    }

    /**
     * What the dead-letter topic's one writer (replays and marks, console or CLI) needs: its lease
     * in the control topic and its transactions (one transactional id per DLQ, under the replay prefix).
     */
    private static List<RequiredAcl> writerAcls(final TicketSyncConfig config) {
        final String replay = config.applicationId() + "-dlq-replay-";
        return List.of(readControl(config), writeControl(config),
                prefixed(ResourceType.TRANSACTIONAL_ID, replay, AclOperation.WRITE, replay + "access-check",
                        "the dead-letter writer's transactions (one transactional id per dead-letter topic)"));
    }

    private static List<RequiredAcl> withAudit(final List<RequiredAcl> acls, final TicketSyncConfig config) {
        final List<RequiredAcl> all = new ArrayList<>(acls);
        all.add(writeAudit(config));
        return List.copyOf(all);
    }

    /**
     * What every audited command needs to record who did what. The trail's producer is idempotent:
     * since Kafka 2.8 WRITE on a topic is enough for that, no IDEMPOTENT_WRITE on the cluster.
     */
    private static RequiredAcl writeAudit(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().audit(), AclOperation.WRITE,
                "the audit topic: record who did what before it is done");
    }

    private static RequiredAcl writeReplayTopic(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().replay(), AclOperation.WRITE,
                "the replay topic: send dead letters on, replayed, edited or transformed");
    }

    private static RequiredAcl readDeadLetters(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().deadLetter(), AclOperation.READ, "the dead-letter topic: read dead letters");
    }

    private static RequiredAcl readResolutions(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().resolutions(), AclOperation.READ,
                "the resolutions topic: tell open letters from resolved, discarded and replayed ones");
    }

    private static RequiredAcl writeResolutions(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().resolutions(), AclOperation.WRITE,
                "the resolutions topic: record decisions (resolved, discarded, replayed)");
    }

    private static RequiredAcl readControl(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().control(), AclOperation.READ,
                "the control topic: learn whether the dead-letter surge brake is engaged");
    }

    private static RequiredAcl writeControl(final TicketSyncConfig config) {
        return literal(ResourceType.TOPIC, config.topics().control(), AclOperation.WRITE,
                "the control topic: engage or release the dead-letter surge brake for every instance");
    }

    private static RequiredAcl literal(final ResourceType type, final String name, final AclOperation operation,
                                       final String purpose) {
        return new RequiredAcl(type, name, PatternType.LITERAL, operation, name, purpose);
    }

    private static RequiredAcl prefixed(final ResourceType type, final String prefix, final AclOperation operation,
                                        final String probe, final String purpose) {
        return new RequiredAcl(type, prefix, PatternType.PREFIXED, operation, probe, purpose);
    }
}
