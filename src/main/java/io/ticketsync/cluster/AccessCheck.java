package io.ticketsync.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves, with the Admin API and before a command starts, as much of its {@link AclPlan} as the
 * broker lets a client see. What it can prove: topics that exist and the operations the broker
 * reports for them, CREATE for an internal topic not yet created (a validate-only create), the
 * operations reported for the consumer group, and that a transactional id may at least be
 * described. What it cannot: READ/WRITE on an internal topic that does not exist yet, and WRITE
 * (as opposed to DESCRIBE) on a transactional id; the running pipeline meets those, and an
 * authorization failure there is fatal (exit code, liveness DOWN).
 */
final class AccessCheck {

    private final Admin admin;
    private final Deadline deadline;
    private final String bootstrapServers;

    AccessCheck(final Admin admin, final Deadline deadline, final String bootstrapServers) {
        this.admin = admin;
        this.deadline = deadline;
        this.bootstrapServers = bootstrapServers;
    }

    /** One line per permission shown to be missing (or topic missing); empty when none is. */
    List<String> problems(final List<RequiredAcl> acls) {
        final List<String> problems = new ArrayList<>();
        for (final RequiredAcl acl : acls) {
            problem(acl).ifPresent(problems::add);
        }
        return problems;
    }

    private Optional<String> problem(final RequiredAcl acl) {
        return switch (acl.resourceType()) {
            case TOPIC -> topicProblem(acl);
            case GROUP -> groupProblem(acl);
            case TRANSACTIONAL_ID -> transactionalIdProblem(acl);
            default -> Optional.empty();
        };
    }

    private Optional<String> topicProblem(final RequiredAcl acl) {
        try {
            final Set<AclOperation> allowed = await(admin.describeTopics(List.of(acl.probe()),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true).timeoutMs(remainingMs()))
                    .topicNameValues().get(acl.probe())).authorizedOperations();
            // CREATE is only needed until the topic exists.
            return acl.operation() == AclOperation.CREATE ? Optional.empty() : missingFrom(allowed, acl);
        } catch (final UnknownTopicOrPartitionException absent) {
            if (acl.patternType() == PatternType.LITERAL) {
                return Optional.of("topic '" + acl.probe() + "' (" + acl.purpose() + ") does not exist: create it, or set the topic key");
            }
            return acl.operation() == AclOperation.CREATE ? createProblem(acl) : Optional.empty();
        } catch (final AuthorizationException denied) {
            return Optional.of(missing(acl));
        }
    }

    /** A validate-only create: the broker checks CREATE without creating anything. */
    private Optional<String> createProblem(final RequiredAcl acl) {
        try {
            await(admin.createTopics(List.of(new NewTopic(acl.probe(), Optional.empty(), Optional.empty())),
                    new CreateTopicsOptions().validateOnly(true).timeoutMs(remainingMs())).all());
            return Optional.empty();
        } catch (final AuthorizationException denied) {
            return Optional.of(missing(acl));
        } catch (final TopicExistsException | PolicyViolationException
                       | InvalidPartitionsException | InvalidConfigurationException validationRefused) {
            // The broker authorizes before it validates: a refusal of the topic itself (its name, partitions,
            // replication factor or configuration, a create policy) means CREATE was granted.
            return Optional.empty();
        } catch (final StartupCheckException deadlineOrAuthentication) {
            throw deadlineOrAuthentication;
        } catch (final RuntimeException other) {
            // Anything else (a timeout, a lost connection) proves nothing about the permission.
            throw new StartupCheckException("could not check " + acl.describe() + " (" + acl.purpose() + ") at bootstrap.servers="
                    + bootstrapServers + ": " + other, other);
        }
    }

    private Optional<String> groupProblem(final RequiredAcl acl) {
        try {
            final Set<AclOperation> allowed = await(admin.describeConsumerGroups(List.of(acl.probe()),
                    new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true).timeoutMs(remainingMs()))
                    .describedGroups().get(acl.probe())).authorizedOperations();
            return missingFrom(allowed, acl);
        } catch (final GroupIdNotFoundException notYetCreated) {
            // Describing it was allowed; what else is allowed the broker reports only for a group that exists.
            return Optional.empty();
        } catch (final AuthorizationException denied) {
            return Optional.of(missing(acl));
        }
    }

    private Optional<String> transactionalIdProblem(final RequiredAcl acl) {
        try {
            await(admin.describeTransactions(List.of(acl.probe()),
                    new DescribeTransactionsOptions().timeoutMs(remainingMs())).description(acl.probe()));
            return Optional.empty();
        } catch (final TransactionalIdNotFoundException notFound) {
            return Optional.empty();
        } catch (final AuthorizationException denied) {
            return Optional.of(missing(acl));
        }
    }

    private static Optional<String> missingFrom(final Set<AclOperation> allowed, final RequiredAcl acl) {
        // Brokers without an authorizer report nothing (null): then nothing is missing.
        if (allowed == null || allowed.contains(acl.operation()) || allowed.contains(AclOperation.ALL)) {
            return Optional.empty();
        }
        return Optional.of(missing(acl));
    }

    private static String missing(final RequiredAcl acl) {
        return "this principal lacks " + acl.describe() + " (" + acl.purpose() + ")";
    }

    /** The future's value; its failure's cause thrown as is; the deadline as a startup-check failure. */
    private <T> T await(final KafkaFuture<T> future) {
        try {
            return future.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (final TimeoutException e) {
            throw new StartupCheckException("Kafka at bootstrap.servers=" + bootstrapServers + " did not answer the "
                    + "access check in time; is the cluster healthy, or does it need a longer startup.timeout.ms?", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupCheckException("interrupted during the startup check", e);
        }
    }

    private RuntimeException rethrown(final Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return new StartupCheckException("TLS handshake with bootstrap.servers=" + bootstrapServers
                    + " failed; check ssl.truststore.* (does it trust the broker's certificate?) and ssl.keystore.*: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof AuthenticationException) {
            return new StartupCheckException("authentication with bootstrap.servers=" + bootstrapServers
                    + " failed; check security.protocol and the sasl.* settings: " + cause.getMessage(), cause);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new StartupCheckException("the access check failed: " + cause, cause);
    }

    private int remainingMs() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remaining().toMillis()));
    }
}
