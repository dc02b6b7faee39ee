package io.ticketsync.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.bench.TicketCorpus;
import io.ticketsync.codec.Json;
import io.ticketsync.codec.JsonSerde;
import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.ValueMapping;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import io.ticketsync.topology.TicketApplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The per-record work ticket-sync does itself, stage by stage, on realistic changes:
 * parse (Jackson alone), decode (parse plus validation into a TicketChange), map a status,
 * merge into an existing snapshot (the business rules), encode the output snapshot, the store
 * value round trip (RocksDB holds JSON, so every get decodes and every put encodes), and the whole
 * record as the processor sees it. Kafka's own cost (fetch, produce, RocksDB, commit) is not here:
 * the end-to-end table measures it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class HotPathBenchmark {

    private static final int SIZE = 4096;

    private final TicketChangeDecoder decoder = new TicketChangeDecoder();
    private final JsonSerde<SyncedTicket> output = new JsonSerde<>(SyncedTicket.class);
    private final TicketStateCodec store = new TicketStateCodec("ticket-snapshots");
    private byte[][] values;
    private String[] keys;
    private TicketChange[] changes;
    private TicketState[] current;
    private TicketState[] next;
    private byte[][] storedValues;
    private byte[][] encodedNext;
    private ValueMapping statusMapping;
    private TicketApplier applier;
    private int index;

    @Setup
    public void setUp() {
        final TicketSyncConfig config = TicketSyncConfig.from(Defaults.load());
        statusMapping = config.statusMapping();
        applier = new TicketApplier(config.statusMapping(), config.priorityMapping());
        final TicketCorpus.Change[] corpus = TicketCorpus.generate(SIZE, 0, 42);
        values = new byte[SIZE][];
        keys = new String[SIZE];
        changes = new TicketChange[SIZE];
        current = new TicketState[SIZE];
        next = new TicketState[SIZE];
        storedValues = new byte[SIZE][];
        encodedNext = new byte[SIZE][];
        for (int i = 0; i < SIZE; i++) {
            values[i] = corpus[i].value();
            keys[i] = new String(corpus[i].key(), StandardCharsets.UTF_8);
            changes[i] = decoder.decode(values[i]);
        }
        for (int i = 0; i < SIZE; i++) {
            // An existing ticket one version behind, with another ticket's content: every field merges.
            final TicketChange other = changes[(i + 1) % SIZE];
            final SyncedTicket base = applier.apply(other.ticketId(), null, other).orElseThrow().snapshot();
            current[i] = new TicketState(changes[i].version() - 1, base);
            next[i] = applier.apply(keys[i], current[i], changes[i]).orElseThrow();
            encodedNext[i] = output.encode(next[i].snapshot());
            storedValues[i] = store.encode(current[i].version(), output.encode(current[i].snapshot()));
        }
    }

    private int nextIndex() {
        index = (index + 1) & (SIZE - 1);
        return index;
    }

    @Benchmark
    public JsonNode parseJsonOnly() throws IOException {
        return Json.MAPPER.readTree(values[nextIndex()]);
    }

    @Benchmark
    public TicketChange decodeAndValidate() {
        return decoder.decode(values[nextIndex()]);
    }

    @Benchmark
    public Optional<String> mapStatus() {
        return statusMapping.map(changes[nextIndex()].fields().status());
    }

    @Benchmark
    public Optional<TicketState> mergeIntoExisting() {
        final int i = nextIndex();
        return applier.apply(keys[i], current[i], changes[i]);
    }

    @Benchmark
    public byte[] encodeSnapshot() {
        return output.encode(next[nextIndex()].snapshot());
    }

    /** The stored value around already encoded output bytes, read back with its snapshot decoded. */
    @Benchmark
    public SyncedTicket storeValueRoundTrip() {
        final int i = nextIndex();
        return store.decode(keys[i], store.encode(next[i].version(), encodedNext[i])).snapshot();
    }

    /** What the processor does per record, without Kafka: decode, get, apply, encode output, put. */
    @Benchmark
    public Map<String, byte[]> wholeRecord() {
        final int i = nextIndex();
        final TicketChange change = decoder.decode(values[i]);
        final TicketState state = applier.apply(keys[i], store.decode(keys[i], storedValues[i]), change).orElseThrow();
        final Map<String, byte[]> written = new HashMap<>(4);
        final byte[] snapshot = output.encode(state.snapshot());
        written.put("output", snapshot);
        written.put("store", store.encode(state.version(), snapshot));
        return written;
    }
}
