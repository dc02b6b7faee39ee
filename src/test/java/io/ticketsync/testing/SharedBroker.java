package io.ticketsync.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real broker for every integration test in the JVM (starting one takes seconds); tests keep
 * apart by using their own topics and application ids ({@link TestConfigs#forBroker}).
 */
public final class SharedBroker implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Holder.class, key -> new Holder(), Holder.class).broker;
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test. */
    @SuppressWarnings("deprecation")
    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final KafkaBroker broker;

        Holder() {
            try {
                broker = KafkaBroker.start();
            } catch (final Exception e) {
                throw new IllegalStateException("cannot start the test broker", e);
            }
        }

        @Override
        public void close() throws Exception {
            broker.close();
        }
    }
}
