package io.ticketsync.testing;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Puts raw bytes into a driver's key-value store, below its serdes, as a restore from the
 * changelog would: lets a test hold values the production serde would never write.
 */
public final class RawStoreWrites {

    private RawStoreWrites() {
    }

    @SuppressWarnings("unchecked")
    public static void put(final TopologyTestDriver driver, final String storeName, final byte[] key, final byte[] value) {
        StateStore store = driver.getKeyValueStore(storeName);
        // Metered (serdes) -> caching -> change-logging -> RocksDB: the innermost layer holds bytes.
        while (store instanceof WrappedStateStore<?, ?, ?> wrapper) {
            store = wrapper.wrapped();
        }
        ((KeyValueStore<Bytes, byte[]>) store).put(Bytes.wrap(key), value);
    }
}
