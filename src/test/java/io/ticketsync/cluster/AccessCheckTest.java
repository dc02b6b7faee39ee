package io.ticketsync.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validate-only create that proves CREATE on the changelog prefix: only an answer about the
 * topic itself counts as granted; a failure that proves nothing stops the check.
 */
class AccessCheckTest {

    private static final RequiredAcl CREATE_CHANGELOG = new RequiredAcl(ResourceType.TOPIC, "ticket-sync-", PatternType.PREFIXED,
            AclOperation.CREATE, "ticket-sync-ticket-snapshots-changelog", "create the changelog");

    @Test
    void shouldFailTheCheckWhenTheValidateOnlyCreateTimesOut() {
        final AccessCheck check = checkWhereCreateFailsWith(new TimeoutException("no answer"));

        assertThatThrownBy(() -> check.problems(List.of(CREATE_CHANGELOG)))
                .isInstanceOf(StartupCheckException.class)
                .hasMessageContaining("could not check CREATE on topics prefixed 'ticket-sync-'")
                .hasMessageContaining("no answer");
    }

    @Test
    void shouldReportCreateMissingWhenTheBrokerRefusesIt() {
        final AccessCheck check = checkWhereCreateFailsWith(new TopicAuthorizationException("denied"));

        assertThat(check.problems(List.of(CREATE_CHANGELOG))).singleElement().asString()
                .contains("lacks CREATE on topics prefixed 'ticket-sync-'");
    }

    @Test
    void shouldTakeCreateAsGrantedWhenTheBrokerRefusesOnlyTheTopicItself() {
        final AccessCheck check = checkWhereCreateFailsWith(new TopicExistsException("created meanwhile"));

        assertThat(check.problems(List.of(CREATE_CHANGELOG))).isEmpty();
    }

    /** An admin whose changelog does not exist yet and whose validate-only create fails with {@code failure}. */
    private static AccessCheck checkWhereCreateFailsWith(final RuntimeException failure) {
        final Admin admin = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[]{Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> new DescribeTopicsResult(null,
                            Map.of(CREATE_CHANGELOG.probe(), failed(new UnknownTopicOrPartitionException("absent")))) {
                    };
                    case "createTopics" -> new CreateTopicsResult(Map.of(CREATE_CHANGELOG.probe(), failed(failure))) {
                    };
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new AccessCheck(admin, Deadline.after(Duration.ofSeconds(5)), "127.0.0.1:9");
    }

    private static <T> KafkaFuture<T> failed(final Throwable cause) {
        final KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(cause);
        return future;
    }

}
