package io.ticketsync.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which configuration keys mean something: ticket-sync's own, and Kafka Streams', client,
 * consumer, producer and admin keys with the prefixes Kafka Streams understands. A typo such as
 * {@code htp.port} would otherwise be passed on and ignored without a word.
 */
final class KnownKeys {

    /** Prefixes under which Kafka Streams passes a client key on to one of its clients. */
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);

    private final Set<String> exact;
    private final List<String> ownPrefixes;
    private final Set<String> clientKeys;
    private final Set<String> topicKeys;

    KnownKeys(final Set<String> ownKeys, final List<String> ownPrefixes) {
        this.clientKeys = new HashSet<>();
        clientKeys.addAll(ConsumerConfig.configNames());
        clientKeys.addAll(ProducerConfig.configNames());
        clientKeys.addAll(AdminClientConfig.configNames());
        this.topicKeys = topicConfigNames();
        this.exact = new HashSet<>(ownKeys);
        exact.addAll(StreamsConfig.configDef().names());
        exact.addAll(clientKeys);
        this.ownPrefixes = List.copyOf(ownPrefixes);
    }

    /** Why {@code key} is not known, naming the nearest known key; empty when it is known. */
    Optional<String> problem(final String key) {
        if (isKnown(key)) {
            return Optional.empty();
        }
        return Optional.of("unknown configuration key '" + key + "'" + nearest(key).map(near -> " (did you mean '" + near
                + "'?)").orElse("") + "; it is neither ticket-sync's nor a Kafka Streams, client, consumer, producer or"
                + " admin key");
    }

    private boolean isKnown(final String key) {
        if (exact.contains(key) || key.startsWith(StreamsConfig.CLIENT_TAG_PREFIX)
                || ownPrefixes.stream().anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length())) {
            return true;
        }
        if (key.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            return topicKeys.contains(key.substring(StreamsConfig.TOPIC_PREFIX.length()));
        }
        return CLIENT_PREFIXES.stream().anyMatch(prefix -> key.startsWith(prefix)
                && clientKeys.contains(key.substring(prefix.length())));
    }

    private Optional<String> nearest(final String key) {
        return exact.stream()
                .min(Comparator.comparingInt((String known) -> distance(key, known)).thenComparing(known -> known))
                .filter(known -> distance(key, known) <= Math.max(2, key.length() / 3));
    }

    /** Levenshtein distance. */
    static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Kafka keeps topic-level config names only as {@code TopicConfig} constants. */
    private static Set<String> topicConfigNames() {
        return Arrays.stream(TopicConfig.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")
                        && field.getType() == String.class)
                .map(KnownKeys::value)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String value(final Field field) {
        try {
            return (String) field.get(null);
        } catch (final IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
